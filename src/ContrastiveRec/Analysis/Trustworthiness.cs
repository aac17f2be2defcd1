namespace ContrastiveRec.Analysis;

/// <summary>
/// How far a low-dimensional layout keeps neighbourhoods honest (Venna and Kaski 2001, as scikit-learn computes it):
/// T(k) = 1 − 2 / (n k (2n − 3k − 1)) · Σ_i Σ_{j ∈ U_i(k)} (r(i, j) − k), where U_i(k) are the layout's k nearest
/// neighbours of i that are not among its k nearest in the original space, and r(i, j) is j's rank among i's
/// neighbours in the original space. 1 means no false neighbours.
/// </summary>
public static class Trustworthiness
{
    public static double Compute(IReadOnlyList<double[]> original, IReadOnlyList<double[]> layout, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(layout);
        var n = original.Count;
        if (layout.Count != n)
            throw new ArgumentException($"The layout has {layout.Count} points; the original has {n}.", nameof(layout));
        if (k < 1 || k >= n / 2.0)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be at least 1 and less than n / 2 ({n / 2.0}).");

        double penalty = 0;
        var rank = new int[n];
        for (var i = 0; i < n; i++)
        {
            var byOriginal = Neighbours(original, i);
            for (var r = 0; r < byOriginal.Length; r++) rank[byOriginal[r]] = r + 1;
            var byLayout = Neighbours(layout, i);
            for (var r = 0; r < k; r++)
            {
                var excess = rank[byLayout[r]] - k;
                if (excess > 0) penalty += excess;
            }
        }
        return 1.0 - penalty * (2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0)));
    }

    /// <summary>The other points ordered by squared Euclidean distance from point i (ties by index, for determinism).</summary>
    private static int[] Neighbours(IReadOnlyList<double[]> points, int i)
    {
        var n = points.Count;
        var others = new int[n - 1];
        var distances = new double[n - 1];
        var a = points[i];
        for (int j = 0, o = 0; j < n; j++)
        {
            if (j == i) continue;
            others[o] = j;
            distances[o++] = Distance.Squared(a, points[j]);
        }
        Array.Sort(others, (x, y) =>
        {
            var c = distances[x < i ? x : x - 1].CompareTo(distances[y < i ? y : y - 1]);
            return c != 0 ? c : x.CompareTo(y);
        });
        return others;
    }
}
