using static TorchSharp.torch;

namespace ContrastiveRec.Analysis;

/// <summary>
/// Silhouette (Rousseeuw 1987) with Euclidean distance: for point i, a = mean distance to the other members of its
/// cluster, b = the lowest mean distance to another cluster's members, s = (b − a) / max(a, b); 0 for a point alone
/// in its cluster. The score of a clustering is the mean of s over all points (−1 … 1, higher is better separated).
/// Every pair is measured (O(n² d)), a block of rows at a time so no n × n matrix is held: the distances of points
/// with more than 3 coordinates come from one matrix product per block, those of map points from their differences.
/// </summary>
public static class Silhouette
{
    /// <summary>A block's distances (rows × n doubles) stay under this.</summary>
    private const long BlockBytes = 256L << 20;

    public static double[] Values(IReadOnlyList<double[]> points, IReadOnlyList<int> labels,
        CancellationToken ct = default, Action<double>? progress = null)
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
        if (sizes.Count(s => s > 0) < 2)
            throw new ArgumentException("The silhouette needs at least two non-empty clusters.", nameof(labels));
        var dim = points[0].Length;
        if (points.Any(p => p.Length != dim))
            throw new ArgumentException("All points need the same number of coordinates.", nameof(points));

        // Points in cluster order, so that each cluster's distances are one contiguous stretch of a row.
        var order = Enumerable.Range(0, n).OrderBy(i => labels[i]).ToArray();
        var clusterStart = new int[k + 1];
        for (var c = 0; c < k; c++) clusterStart[c + 1] = clusterStart[c] + sizes[c];
        var flat = new double[(long)n * dim];
        for (var o = 0; o < n; o++) Array.Copy(points[order[o]], 0, flat, (long)o * dim, dim);

        var values = new double[n];
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var s = new HeldScalars();
        var x = NativeTensor.From(flat, n, dim);
        var squares = x.pow(s[2]).sum(1);
        var rows = (int)Math.Clamp(BlockBytes / (8L * n), 1, n);
        var sums = new double[k];
        for (var start = 0; start < n; start += rows)
        {
            ct.ThrowIfCancellationRequested();
            using var block = NewDisposeScope();
            var count = Math.Min(rows, n - start);
            var rowsOfX = x.narrow(0, start, count);
            Tensor distances;
            if (dim > 3)
                distances = addmm(squares.unsqueeze(0), rowsOfX, x.t(), beta: 1, alpha: -2)
                    .add_(squares.narrow(0, start, count).unsqueeze(1), s[1]);
            else
            {
                // Few coordinates: differences are cheap and exact for coincident points (the product form leaves ~1e-8).
                distances = zeros(count, n, dtype: ScalarType.Float64);
                for (var d = 0; d < dim; d++)
                    distances.add_(rowsOfX.select(1, d).unsqueeze(1).sub(x.select(1, d).unsqueeze(0)).pow_(s[2]), s[1]);
            }
            distances.clamp_min_(s[0]).sqrt_();
            distances.diagonal(start).zero_();
            var clusterSums = empty(count, k, dtype: ScalarType.Float64);
            for (var c = 0; c < k; c++)
                if (sizes[c] > 0) clusterSums.select(1, c).copy_(distances.narrow(1, clusterStart[c], sizes[c]).sum(1));
                else clusterSums.select(1, c).zero_();
            var table = clusterSums.data<double>().ToArray();
            for (var r = 0; r < count; r++)
            {
                var i = order[start + r];
                var own = labels[i];
                if (sizes[own] == 1) continue;
                Array.Copy(table, r * k, sums, 0, k);
                var a = sums[own] / (sizes[own] - 1);
                var b = double.PositiveInfinity;
                for (var c = 0; c < k; c++)
                    if (c != own && sizes[c] > 0) b = Math.Min(b, sums[c] / sizes[c]);
                var m = Math.Max(a, b);
                values[i] = m > 0 ? (b - a) / m : 0;
            }
            progress?.Invoke((double)(start + count) / n);
        }
        return values;
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
