using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// Row-wise top-k of a score matrix with torch.topk, made deterministic: ties are ordered by column index,
/// including ties that straddle the k-th place (torch leaves those unspecified).
/// </summary>
internal static class TopK
{
    /// <summary><see cref="Rows"/> of <paramref name="scores"/> with the entries marked in <paramref name="excluded"/> (row-major) left out.</summary>
    public static (int[] Columns, float[] Scores)[] RowsExcept(Tensor scores, bool[] excluded, int k, float floor = float.NegativeInfinity)
    {
        using var flat = tensor(excluded);
        using var mask = flat.reshape(scores.shape);
        using var held = new HeldScalars();
        using var masked = scores.masked_fill(mask, held[double.NegativeInfinity]);
        return Rows(masked, k, floor);
    }

    /// <summary>For each row, up to k (column, score) pairs with score above <paramref name="floor"/>, by score descending then column.</summary>
    public static (int[] Columns, float[] Scores)[] Rows(Tensor scores, int k, float floor)
    {
        var rows = (int)scores.shape[0];
        var cols = (int)scores.shape[1];
        var result = new (int[], float[])[rows];
        if (rows == 0) return result;
        var kk = Math.Min(k + 1, cols);
        if (kk == 0)
        {
            Array.Fill(result, (Array.Empty<int>(), Array.Empty<float>()));
            return result;
        }
        var (values, indices) = scores.topk(kk, dim: 1, largest: true, sorted: true);
        var v = values.data<float>().ToArray();
        var ix = indices.data<long>().ToArray();
        values.Dispose();
        indices.Dispose();
        var take = Math.Min(k, cols);
        for (var r = 0; r < rows; r++)
        {
            var at = r * kk;
            var boundaryTie = kk > take && v[at + take - 1] == v[at + take] && v[at + take] > floor;
            if (boundaryTie)
            {
                using var row = scores[r];
                result[r] = Select(row.data<float>().ToArray(), k, floor);
                continue;
            }
            var pairs = new List<(float Score, int Column)>(take);
            for (var i = 0; i < take; i++)
                if (v[at + i] > floor) pairs.Add((v[at + i], (int)ix[at + i]));
            pairs.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Column.CompareTo(b.Column));
            result[r] = (pairs.Select(p => p.Column).ToArray(), pairs.Select(p => p.Score).ToArray());
        }
        return result;
    }

    /// <summary>The same selection on one row in C#: used only where torch's choice among ties is not ours.</summary>
    internal static (int[] Columns, float[] Scores) Select(ReadOnlySpan<float> row, int k, float floor)
    {
        var pairs = new List<(float Score, int Column)>();
        for (var c = 0; c < row.Length; c++)
            if (row[c] > floor) pairs.Add((row[c], c));
        pairs.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Column.CompareTo(b.Column));
        if (pairs.Count > k) pairs.RemoveRange(k, pairs.Count - k);
        return (pairs.Select(p => p.Column).ToArray(), pairs.Select(p => p.Score).ToArray());
    }
}
