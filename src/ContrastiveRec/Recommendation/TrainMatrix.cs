using ContrastiveRec.Data;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// The train ratings as a sparse users x movies matrix, rows (users) or columns (movies) scaled to unit length,
/// kept as C# arrays; tensors are made per call inside the caller's dispose scope.
/// </summary>
internal sealed class TrainMatrix
{
    public required int Users, Movies;
    public required long[] RowIndex, ColumnIndex;
    public required float[] Values;

    public static TrainMatrix Build(RatingSet set, bool normalizeUsers)
    {
        var isTest = set.Split.IsTestRow;
        var rows = new List<long>(set.TrainCount);
        var cols = new List<long>(set.TrainCount);
        var values = new List<float>(set.TrainCount);
        var norm = new double[normalizeUsers ? set.UserCount : set.MovieCount];
        for (var u = 0; u < set.UserCount; u++)
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
            {
                if (isTest[r]) continue;
                var m = set.MovieColumn[r];
                var v = set.RatingColumn[r];
                rows.Add(u);
                cols.Add(m);
                values.Add(v);
                norm[normalizeUsers ? u : m] += (double)v * v;
            }
        var scaled = values.ToArray();
        for (var i = 0; i < scaled.Length; i++)
            scaled[i] = (float)(scaled[i] / Math.Sqrt(norm[normalizeUsers ? rows[i] : cols[i]]));
        return new TrainMatrix { Users = set.UserCount, Movies = set.MovieCount, RowIndex = rows.ToArray(), ColumnIndex = cols.ToArray(), Values = scaled };
    }

    /// <summary>[users x movies], or [movies x users] when transposed, as a sparse COO tensor.</summary>
    public Tensor Sparse(bool transpose)
    {
        var n = Values.Length;
        var indices = new long[2 * n];
        Array.Copy(transpose ? ColumnIndex : RowIndex, 0, indices, 0, n);
        Array.Copy(transpose ? RowIndex : ColumnIndex, 0, indices, n, n);
        var size = transpose ? new long[] { Movies, Users } : new long[] { Users, Movies };
        return sparse_coo_tensor(tensor(indices, new long[] { 2, n }), NativeTensor.From(Values, n), size);
    }

    /// <summary>The given users' rows as dense columns: [movies x users.Length].</summary>
    public Tensor DenseColumns(long[] users)
    {
        var slot = new Dictionary<long, List<int>>();
        for (var i = 0; i < users.Length; i++)
        {
            if (!slot.TryGetValue(users[i], out var list)) slot[users[i]] = list = new List<int>();
            list.Add(i);
        }
        var dense = new float[(long)Movies * users.Length];
        for (var k = 0; k < Values.Length; k++)
            if (slot.TryGetValue(RowIndex[k], out var places))
                foreach (var i in places) dense[ColumnIndex[k] * users.Length + i] = Values[k];
        return NativeTensor.From(dense, Movies, users.Length);
    }
}
