using ContrastiveRec.Training;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// A table's rows (users' or movies' embeddings) at unit length, and the rows most similar to given rows by cosine: a
/// block of asked rows against the table is one product and one top-k (a matrix-vector product for one row), never the
/// table against itself. Made once per model and kept outside any dispose scope, as it lives as long as the model.
/// </summary>
internal sealed class UnitRows
{
    /// <summary>Floats in one block of similarities (64 MB): rows asked at once against the whole table.</summary>
    private const int BlockFloats = 1 << 24;

    private UnitRows(Tensor unit) => Matrix = unit;

    /// <summary>[rows, dim] at unit length.</summary>
    public Tensor Matrix { get; }

    public int Count => (int)Matrix.shape[0];

    /// <summary>The rows of <paramref name="flat"/> ([rows, dim], row-major), scaled to unit length.</summary>
    public static UnitRows Normalised(float[] flat, int dim)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return new UnitRows(nn.functional.normalize(NativeTensor.From(flat, flat.Length / dim, dim), p: 2, dim: 1).DetachFromDisposeScope());
    }

    /// <summary>Every user's embedding of a trained encoder, at unit length.</summary>
    public static UnitRows OfUsers(TrainedEncoder model)
    {
        var (flat, dim) = model.Embeddings();
        return Normalised(flat, dim);
    }

    /// <summary>A UserMovie model's movie table at unit length: the tensor its scoring already keeps, not a copy.</summary>
    public static UnitRows OfMovies(TrainedEncoder model) => new(model.MovieUnits());

    /// <summary>For each of <paramref name="rows"/>, up to <paramref name="count"/> other rows by cosine, most similar
    /// first, ties by lower index, never the row itself.</summary>
    public (int[] Rows, float[] Scores)[] Nearest(int[] rows, int count, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new (int[], float[])[rows.Length];
        if (rows.Length == 0) return result;
        var n = Count;
        var perBlock = Math.Max(1, BlockFloats / Math.Max(1, n));
        using var block = new ProductBlock(Math.Min(perBlock, rows.Length), n);
        for (var from = 0; from < rows.Length; from += perBlock)
        {
            ct.ThrowIfCancellationRequested();
            var ids = rows.AsSpan(from, Math.Min(perBlock, rows.Length - from)).ToArray();
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var asked = Matrix.index_select(0, tensor(ids.Select(r => (long)r).ToArray()));
            var similarities = block.Product(asked, Matrix.t());
            var at = NativeTensor.Elements<float>(similarities);
            for (var i = 0; i < ids.Length; i++) NativeTensor.Span<float>(at, (long)i * n + ids[i], 1)[0] = float.NegativeInfinity;
            var top = TopK.Rows(similarities, count, float.NegativeInfinity);
            for (var i = 0; i < ids.Length; i++) result[from + i] = top[i];
        }
        return result;
    }
}
