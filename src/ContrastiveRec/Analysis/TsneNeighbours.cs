using static TorchSharp.torch;

namespace ContrastiveRec.Analysis;

/// <summary>
/// Exact k nearest neighbours of every point, found a block of rows at a time with one matrix product per block
/// (never an n × n matrix), then re-measured in double precision so the distances do not depend on BLAS rounding.
/// </summary>
internal static class TsneNeighbours
{
    /// <summary>Each block's scores (rows × n floats) stay under this; 256 MB keeps the product large enough for BLAS to run at speed.</summary>
    private const long BlockBytes = 256L << 20;

    internal static int BlockRows(long n) => (int)Math.Clamp(BlockBytes / (4 * n), 1, n);

    /// <summary>Bytes the search holds besides its result: a block's scores and their top-k, and the points as a tensor.</summary>
    internal static long Bytes(long n, long dim, int k) => 2 * 4L * BlockRows(n) * n + 4 * n * dim + 16L * BlockRows(n) * k;

    /// <summary>
    /// Row i of the result (k entries from i × k) lists point i's k nearest other points by ascending squared
    /// Euclidean distance, ties by index. <paramref name="progress"/> gets the fraction of points done after each block.
    /// </summary>
    internal static (int[] Index, double[] SquaredDistance) Find(float[] flat, int n, int dim, int k,
        Action<double>? progress, CancellationToken ct)
    {
        if (k < 1 || k >= n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be 1 … {n - 1}.");
        var index = new int[(long)n * k];
        var distance = new double[(long)n * k];
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var s = new HeldScalars();
        var x = NativeTensor.From(flat, n, dim);
        var squares = x.pow(s[2]).sum(1).unsqueeze(0);
        var xt = x.t();
        var rows = BlockRows(n);
        using var buffer = new ProductBlock(rows, n);
        for (var start = 0; start < n; start += rows)
        {
            ct.ThrowIfCancellationRequested();
            using var block = NewDisposeScope();
            var count = Math.Min(rows, n - start);
            // |x_j|² − 2 x_i·x_j ranks j along row i as the squared distance does: |x_i|² is the same along the row.
            var scores = buffer.Rows(count).copy_(squares.expand(count, n)).addmm_(x.narrow(0, start, count), xt, beta: 1, alpha: -2);
            scores.diagonal(start).fill_(s[float.PositiveInfinity]);
            var candidates = scores.topk(k, 1, largest: false, sorted: false).indexes.data<long>().ToArray();
            Parallel.For(0, count, new ParallelOptions { CancellationToken = ct }, r =>
            {
                var i = start + r;
                var at = (long)i * k;
                for (var m = 0; m < k; m++)
                {
                    var j = (int)candidates[(long)r * k + m];
                    index[at + m] = j;
                    distance[at + m] = SquaredDistance(flat, i, j, dim);
                }
                SortRow(index, distance, at, k);
            });
            progress?.Invoke((double)(start + count) / n);
        }
        return (index, distance);
    }

    private static double SquaredDistance(float[] flat, int i, int j, int dim)
    {
        double sum = 0;
        var a = (long)i * dim;
        var b = (long)j * dim;
        for (var d = 0; d < dim; d++)
        {
            var t = (double)flat[a + d] - flat[b + d];
            sum += t * t;
        }
        return sum;
    }

    /// <summary>Insertion sort by (distance, index): k is small, and the order must not depend on how topk returned them.</summary>
    private static void SortRow(int[] index, double[] distance, long at, int k)
    {
        for (var m = 1; m < k; m++)
        {
            var j = index[at + m];
            var d = distance[at + m];
            var p = m - 1;
            while (p >= 0 && (distance[at + p] > d || (distance[at + p] == d && index[at + p] > j)))
            {
                index[at + p + 1] = index[at + p];
                distance[at + p + 1] = distance[at + p];
                p--;
            }
            index[at + p + 1] = j;
            distance[at + p + 1] = d;
        }
    }
}
