namespace ContrastiveRec.Analysis;

/// <summary>
/// Lloyd's k-means with k-means++ seeding and seeded restarts; the restart with the lowest inertia (sum of squared
/// distances to the assigned centroid) wins. Clusters are renumbered by their first point so that equal partitions
/// get equal labels whatever the restart.
/// </summary>
public static class KMeans
{
    public static KMeansResult Fit(IReadOnlyList<double[]> points, int count, int seed = 42, int restarts = 10,
        int maxIterations = 300, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        Validate(points, count);
        if (restarts < 1) throw new ArgumentOutOfRangeException(nameof(restarts), restarts, "Restarts must be 1 or more.");
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "MaxIterations must be 1 or more.");

        var rng = new Random(seed);
        KMeansResult? best = null;
        for (var r = 0; r < restarts; r++)
        {
            ct.ThrowIfCancellationRequested();
            var run = Lloyd(points, PlusPlus(points, count, rng), maxIterations, ct);
            // Strictly lower only: ties keep the earlier restart, so more restarts never change an equal answer.
            if (best is null || run.Inertia < best.Inertia - 1e-12 * Math.Max(1, best.Inertia)) best = run;
        }
        return Canonical(best!, restarts);
    }

    /// <summary>Throws a <see cref="ClusteringInputException"/> for no points, ragged points, non-finite coordinates or a bad
    /// count. Given <paramref name="userIds"/> (one per point), messages name users rather than point indices.</summary>
    public static void Validate(IReadOnlyList<double[]> points, int count, IReadOnlyList<int>? userIds = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        var noun = userIds is null ? "points" : "users";
        string Name(int i) => userIds is null ? $"Point {i}" : $"User {userIds[i]}";
        if (points.Count == 0) throw new ClusteringInputException(ClusteringInputProblem.NoPoints, $"There are no {noun} to cluster.");
        if (count < 2) throw new ClusteringInputException(ClusteringInputProblem.TooFewClusters, "The number of clusters must be 2 or more.");
        if (count > points.Count)
            throw new ClusteringInputException(ClusteringInputProblem.TooManyClusters,
                $"Cannot make {count} clusters of {points.Count} {noun}; ask for at most {points.Count}.");
        var dim = points[0]?.Length ?? 0;
        for (var i = 0; i < points.Count; i++)
        {
            var length = points[i]?.Length ?? 0;
            if (length == 0 || length != dim)
                throw new ClusteringInputException(ClusteringInputProblem.BadPoint,
                    $"{Name(i)} has {length} coordinates; the first has {dim}. All need the same number of coordinates, at least one.", i);
            foreach (var v in points[i]!)
                if (!double.IsFinite(v))
                    throw new ClusteringInputException(ClusteringInputProblem.BadPoint, $"{Name(i)} has a coordinate that is not a finite number.", i);
        }
    }

    /// <summary>k-means++: the first centre uniformly, each next one with probability proportional to D² to the nearest chosen.</summary>
    internal static double[][] PlusPlus(IReadOnlyList<double[]> points, int count, Random rng)
    {
        var n = points.Count;
        var centres = new double[count][];
        centres[0] = (double[])points[rng.Next(n)].Clone();
        var nearest = new double[n];
        for (var i = 0; i < n; i++) nearest[i] = Distance.Squared(points[i], centres[0]);
        for (var c = 1; c < count; c++)
        {
            var total = nearest.Sum();
            int pick;
            if (total <= 0) pick = rng.Next(n); // every point sits on a centre already
            else
            {
                var target = rng.NextDouble() * total;
                pick = n - 1;
                double acc = 0;
                for (var i = 0; i < n; i++)
                {
                    acc += nearest[i];
                    if (acc > target) { pick = i; break; }
                }
            }
            centres[c] = (double[])points[pick].Clone();
            for (var i = 0; i < n; i++) nearest[i] = Math.Min(nearest[i], Distance.Squared(points[i], centres[c]));
        }
        return centres;
    }

    internal static KMeansResult Lloyd(IReadOnlyList<double[]> points, double[][] centres, int maxIterations, CancellationToken ct)
    {
        var n = points.Count;
        var k = centres.Length;
        var dim = centres[0].Length;
        var labels = new int[n];
        Array.Fill(labels, -1);
        var iterations = 0;
        for (var it = 0; it < maxIterations; it++)
        {
            ct.ThrowIfCancellationRequested();
            iterations = it + 1;
            var changed = false;
            for (var i = 0; i < n; i++)
            {
                var l = Closest(points[i], centres, out _);
                if (l != labels[i]) { labels[i] = l; changed = true; }
            }
            if (!changed) break;

            var sums = new double[k][];
            var sizes = new int[k];
            for (var c = 0; c < k; c++) sums[c] = new double[dim];
            for (var i = 0; i < n; i++)
            {
                sizes[labels[i]]++;
                var s = sums[labels[i]];
                for (var d = 0; d < dim; d++) s[d] += points[i][d];
            }
            for (var c = 0; c < k; c++)
            {
                if (sizes[c] == 0)
                {
                    // An emptied cluster takes the point farthest from its own centre, so k clusters survive.
                    var far = Farthest(points, centres, labels);
                    sizes[labels[far]]--;
                    for (var d = 0; d < dim; d++) sums[labels[far]][d] -= points[far][d];
                    labels[far] = c;
                    sizes[c] = 1;
                    Array.Copy(points[far], sums[c], dim);
                }
            }
            for (var c = 0; c < k; c++)
                for (var d = 0; d < dim; d++) centres[c][d] = sums[c][d] / sizes[c];
        }
        double inertia = 0;
        for (var i = 0; i < n; i++) inertia += Distance.Squared(points[i], centres[labels[i]]);
        return new KMeansResult(labels, centres, inertia, iterations, 1);
    }

    internal static int Closest(double[] point, double[][] centres, out double distance)
    {
        var best = 0;
        distance = double.PositiveInfinity;
        for (var c = 0; c < centres.Length; c++)
        {
            var d = Distance.Squared(point, centres[c]);
            if (d < distance) { distance = d; best = c; }
        }
        return best;
    }

    private static int Farthest(IReadOnlyList<double[]> points, double[][] centres, int[] labels)
    {
        var far = 0;
        var farDistance = -1.0;
        for (var i = 0; i < points.Count; i++)
        {
            var d = Distance.Squared(points[i], centres[labels[i]]);
            if (d > farDistance) { farDistance = d; far = i; }
        }
        return far;
    }

    private static KMeansResult Canonical(KMeansResult r, int restarts)
    {
        var map = new int[r.Count];
        Array.Fill(map, -1);
        var next = 0;
        foreach (var l in r.Labels)
            if (map[l] < 0) map[l] = next++;
        var labels = r.Labels.Select(l => map[l]).ToArray();
        var centroids = new double[r.Count][];
        for (var c = 0; c < r.Count; c++) centroids[map[c]] = r.Centroids[c];
        return new KMeansResult(labels, centroids, r.Inertia, r.Iterations, restarts);
    }
}
