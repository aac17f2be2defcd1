namespace ContrastiveRec.Analysis;

/// <summary>
/// Silhouette (Rousseeuw 1987) with Euclidean distance: for point i, a = mean distance to the other members of its
/// cluster, b = the lowest mean distance to another cluster's members, s = (b − a) / max(a, b); 0 for a point alone
/// in its cluster. The score of a clustering is the mean of s over all points (−1 … 1, higher is better separated).
/// </summary>
public static class Silhouette
{
    public static double[] Values(IReadOnlyList<double[]> points, IReadOnlyList<int> labels)
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

        var values = new double[n];
        var sums = new double[k];
        for (var i = 0; i < n; i++)
        {
            var own = labels[i];
            if (sizes[own] == 1) continue;
            Array.Clear(sums);
            for (var j = 0; j < n; j++)
                if (j != i) sums[labels[j]] += Math.Sqrt(Distance.Squared(points[i], points[j]));
            var a = sums[own] / (sizes[own] - 1);
            var b = double.PositiveInfinity;
            for (var c = 0; c < k; c++)
                if (c != own && sizes[c] > 0) b = Math.Min(b, sums[c] / sizes[c]);
            var m = Math.Max(a, b);
            values[i] = m > 0 ? (b - a) / m : 0;
        }
        return values;
    }

    public static double Score(IReadOnlyList<double[]> points, IReadOnlyList<int> labels) => Values(points, labels).Average();
}
