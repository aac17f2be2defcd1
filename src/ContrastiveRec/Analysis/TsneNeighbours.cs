using static TorchSharp.torch;

namespace ContrastiveRec.Analysis;

/// <summary>
/// Exact k nearest neighbours of every point, each pair's distance computed once in a block product
/// (<see cref="TriangleSearch"/>, never an n × n matrix), then re-measured in double precision so the distances do not
/// depend on BLAS rounding.
/// </summary>
internal static class TsneNeighbours
{
    /// <summary>Floats of the block of scores (256 MB): large enough for BLAS to run at speed; tests make it tiny to force many blocks.</summary>
    internal static long BlockFloats = 1L << 26;

    /// <summary>Bytes the search holds besides its result: the block of scores, the candidate lists, and the points as a tensor.</summary>
    internal static long Bytes(long n, long dim, int k) => 4 * TriangleSearch.BlockCapacity((int)Math.Min(n, int.MaxValue), BlockFloats) + 8 * n * k + 4 * n * dim + 4 * n;

    /// <summary>
    /// Row i of the result (k entries from i × k) lists point i's k nearest other points by ascending squared
    /// Euclidean distance, ties by index. <paramref name="progress"/> gets the fraction of pairs done after each block.
    /// </summary>
    internal static (int[] Index, double[] SquaredDistance) Find(float[] flat, int n, int dim, int k,
        Action<double>? progress, CancellationToken ct)
    {
        if (k < 1 || k >= n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be 1 … {n - 1}.");
        NeighborLists lists;
        using (var scope = NewDisposeScope())
        {
            using var _ = no_grad();
            using var s = new HeldScalars();
            var x = NativeTensor.From(flat, n, dim);
            var squares = x.pow(s[2]).sum(1);
            using var block = new ProductBlock(TriangleSearch.BlockCapacity(n, BlockFloats));
            lists = TriangleSearch.Search(n, k, BlockFloats, (first, rows, width) =>
            {
                using var blockScope = NewDisposeScope();
                // −|x_i − x_j|² = 2 x_i·x_j − |x_i|² − |x_j|²: larger is nearer, one float per pair whichever point asks.
                var scores = block.Product(x.narrow(0, first, rows), x.narrow(0, first, width).t())
                    .mul_(s[2]).sub_(squares.narrow(0, first, rows).unsqueeze(1)).sub_(squares.narrow(0, first, width).unsqueeze(0));
                return NativeTensor.Elements<float>(scores);
            }, progress, ct);
        }
        var index = new int[(long)n * k];
        var distance = new double[(long)n * k];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var at = (long)i * k;
            var (users, _) = lists.Of(i);
            for (var m = 0; m < k; m++)
            {
                var j = users[m];
                index[at + m] = j;
                distance[at + m] = SquaredDistance(flat, i, j, dim);
            }
            SortRow(index, distance, at, k);
        });
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
