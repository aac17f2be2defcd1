using System.Numerics;
using static TorchSharp.torch;

namespace ContrastiveRec.Analysis;

/// <summary>
/// Silhouette (Rousseeuw 1987) with Euclidean distance: for point i, a = mean distance to the other members of its
/// cluster, b = the lowest mean distance to another cluster's members, s = (b − a) / max(a, b); 0 for a point alone
/// in its cluster. The score of a clustering is the mean of s over all points (−1 … 1, higher is better separated).
/// Every pair is measured (O(n² d)) and no n × n matrix is held: map points (up to 3 coordinates) row by row on all
/// cores, embeddings a block of rows at a time with one matrix product per block.
/// </summary>
public static class Silhouette
{
    /// <summary>A block's distances (rows × n doubles) stay under this.</summary>
    private const long BlockBytes = 256L << 20;

    /// <param name="progress">Called on the calling thread after each block of rows.</param>
    public static double[] Values(IReadOnlyList<double[]> points, IReadOnlyList<int> labels,
        CancellationToken ct = default, Action<SilhouetteProgress>? progress = null)
    {
        return NativeBoundary.Guard("computing silhouettes", () =>
        {
            ArgumentNullException.ThrowIfNull(points);
            ArgumentNullException.ThrowIfNull(labels);
            var n = points.Count;
            if (labels.Count != n) throw new ArgumentException($"{labels.Count} labels for {n} points.", nameof(labels));
            if (n == 0) return [];
            var k = labels.Max() + 1;
            if (labels.Min() < 0) throw new ArgumentException("Labels must be 0 or more.", nameof(labels));
            var sizes = new int[k];
            foreach (var l in labels) sizes[l]++;
            // Only a sample can do this with k-means labels (every cluster keeps a member): its users fell in one cluster.
            if (sizes.Count(s => s > 0) < 2)
                throw new ContrastiveRecException("SampleTooSmall", RefusalCategory.InvalidArgument,
                    $"The silhouette needs users in at least two clusters, and all {n} measured users are in one.",
                    "Raise -SampleSize, or leave it out to measure every user.", n);
            var dim = points[0].Length;
            if (points.Any(p => p.Length != dim))
                throw new ArgumentException("All points need the same number of coordinates.", nameof(points));

            var values = new double[n];
            var clock = System.Diagnostics.Stopwatch.StartNew();
            if (dim <= 3)
            {
                // Map points: each row's distances summed cluster by cluster over the points in cluster order, a vector
                // of pairs at a time (rows shared among threads, each row's sums in a fixed order, so the values do not
                // depend on the threads); a product would save little at 2 coordinates.
                var inOrder = Enumerable.Range(0, n).OrderBy(i => labels[i]).ToArray();
                var starts = new int[k + 1];
                for (var c = 0; c < k; c++) starts[c + 1] = starts[c] + sizes[c];
                var coordinates = new double[dim][];
                for (var d = 0; d < dim; d++)
                {
                    coordinates[d] = new double[n];
                    for (var o = 0; o < n; o++) coordinates[d][o] = points[inOrder[o]][d];
                }
                var rowsDone = 0;
                var tasks = (long)n * n * dim >= 1L << 22 ? (n + 255) / 256 : 1;
                var size = (n + tasks - 1) / tasks;
                for (var first = 0; first < tasks; first += 64)
                {
                    ct.ThrowIfCancellationRequested();
                    var last = Math.Min(tasks, first + 64);
                    if (last - first == 1) Rows(first * size, Math.Min(n, (first + 1) * size));
                    else Parallel.For(first, last, new ParallelOptions { CancellationToken = ct }, t => Rows(t * size, Math.Min(n, (t + 1) * size)));
                    rowsDone = Math.Min(n, last * size);
                    progress?.Invoke(new SilhouetteProgress((double)rowsDone / n, clock.Elapsed));
                }

                void Rows(int from, int to)
                {
                    var sums = new double[k];
                    for (var i = from; i < to; i++)
                    {
                        if (sizes[labels[i]] == 1) continue;
                        // A point's distance to itself is 0, so its own cluster's sum needs no skip.
                        for (var c = 0; c < k; c++) sums[c] = DistanceSum(points[i], coordinates, starts[c], starts[c + 1]);
                        values[i] = Value(sums, sizes, labels[i]);
                    }
                }
                return values;
            }

            // Embeddings: a block of rows' distances to all points from one matrix product, the points in cluster order
            // so that each cluster's distances are one contiguous stretch of a row.
            var order = Enumerable.Range(0, n).OrderBy(i => labels[i]).ToArray();
            var clusterStart = new int[k + 1];
            for (var c = 0; c < k; c++) clusterStart[c + 1] = clusterStart[c] + sizes[c];
            var flat = new double[(long)n * dim];
            for (var o = 0; o < n; o++) Array.Copy(points[order[o]], 0, flat, (long)o * dim, dim);

            // One thread for small sets, as exact t-SNE: two only add waiting on a busy machine, and the work is milliseconds.
            using var threads = IntraOpThreads.Use((long)n * n * dim < 1L << 26 ? 1 : null);
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            using var s = new HeldScalars();
            var x = NativeTensor.From(flat, n, dim);
            var squares = x.pow(s[2]).sum(1);
            var rows = (int)Math.Clamp(BlockBytes / (8L * n), 1, n);
            var rowSums = new double[k];
            using var buffer = new ProductBlock((long)rows * n, ScalarType.Float64);
            for (var start = 0; start < n; start += rows)
            {
                ct.ThrowIfCancellationRequested();
                using var block = NewDisposeScope();
                var count = Math.Min(rows, n - start);
                var distances = buffer.Shaped(count, n).copy_(squares.unsqueeze(0).expand(count, n))
                    .addmm_(x.narrow(0, start, count), x.t(), beta: 1, alpha: -2)
                    .add_(squares.narrow(0, start, count).unsqueeze(1), s[1])
                    .clamp_min_(s[0]).sqrt_();
                distances.diagonal(start).zero_();
                var clusterSums = empty(count, k, dtype: ScalarType.Float64);
                for (var c = 0; c < k; c++)
                    if (sizes[c] > 0) clusterSums.select(1, c).copy_(distances.narrow(1, clusterStart[c], sizes[c]).sum(1));
                    else clusterSums.select(1, c).zero_();
                var table = clusterSums.data<double>().ToArray();
                for (var r = 0; r < count; r++)
                {
                    var i = order[start + r];
                    if (sizes[labels[i]] == 1) continue;
                    Array.Copy(table, r * k, rowSums, 0, k);
                    values[i] = Value(rowSums, sizes, labels[i]);
                }
                progress?.Invoke(new SilhouetteProgress((double)(start + count) / n, clock.Elapsed));
            }
            return values;
        });
    }

    /// <summary>Σ |p − q| over the points o = start … end − 1 of <paramref name="coordinates"/> (one array per coordinate).</summary>
    private static double DistanceSum(double[] p, double[][] coordinates, int start, int end)
    {
        var width = Vector<double>.Count;
        var sum = Vector<double>.Zero;
        var o = start;
        for (; o + width <= end; o += width)
        {
            var squared = Vector<double>.Zero;
            for (var d = 0; d < p.Length; d++)
            {
                var delta = new Vector<double>(p[d]) - new Vector<double>(coordinates[d], o);
                squared += delta * delta;
            }
            sum += Vector.SquareRoot(squared);
        }
        var total = Vector.Sum(sum);
        for (; o < end; o++)
        {
            double squared = 0;
            for (var d = 0; d < p.Length; d++)
            {
                var delta = p[d] - coordinates[d][o];
                squared += delta * delta;
            }
            total += Math.Sqrt(squared);
        }
        return total;
    }

    /// <summary>s = (b − a) / max(a, b) from a point's summed distances to each cluster.</summary>
    private static double Value(double[] sums, int[] sizes, int own)
    {
        var a = sums[own] / (sizes[own] - 1);
        var b = double.PositiveInfinity;
        for (var c = 0; c < sums.Length; c++)
            if (c != own && sizes[c] > 0) b = Math.Min(b, sums[c] / sizes[c]);
        var m = Math.Max(a, b);
        return m > 0 ? (b - a) / m : 0;
    }

    /// <summary>
    /// The mean silhouette; with <paramref name="sampleSize"/> below n, that of a seeded random sample of the points
    /// measured among themselves only, as scikit-learn's silhouette_score(sample_size=…) does: O(s² d) instead of O(n² d).
    /// </summary>
    public static double Score(IReadOnlyList<double[]> points, IReadOnlyList<int> labels, int? sampleSize = null, int seed = 42,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        if (sampleSize is not { } size || size >= points.Count) return Values(points, labels, ct).Average();
        var sample = Sample(points.Count, size, seed);
        return Values(sample.Select(i => points[i]).ToArray(), sample.Select(i => labels[i]).ToArray(), ct).Average();
    }

    /// <summary><paramref name="size"/> distinct indices below <paramref name="n"/>, drawn with a seeded partial shuffle, ascending.</summary>
    public static int[] Sample(int n, int size, int seed)
    {
        if (size < 2 || size > n) throw new ArgumentOutOfRangeException(nameof(size), size, $"The sample size must be 2 … {n}.");
        var rng = new Random(seed);
        var indices = Enumerable.Range(0, n).ToArray();
        for (var i = 0; i < size; i++)
        {
            var j = rng.Next(i, n);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        var sample = indices[..size];
        Array.Sort(sample);
        return sample;
    }
}
