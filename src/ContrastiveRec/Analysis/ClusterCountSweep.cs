using System.Diagnostics;

namespace ContrastiveRec.Analysis;

/// <summary>
/// Scores several numbers of clusters of one set of points so a user can choose one (the elbow of the inertia, the peak of
/// the silhouette): k-means at each count with the same seed and restarts, then the mean silhouette. With a sample size,
/// the silhouette of every count is measured on the same seeded sample of points, so the scores compare like with like,
/// at O(s² d) per count instead of O(n² d) (scikit-learn's silhouette_score(sample_size=…)).
/// </summary>
public static class ClusterCountSweep
{
    /// <summary>The counts measured when none are given.</summary>
    public static IReadOnlyList<int> DefaultCounts { get; } = [2, 3, 4, 5, 6, 7, 8];

    /// <summary>Fits and scores each distinct count, smallest first, yielding each score as soon as it is measured. The
    /// points and counts are checked before any work (<see cref="KMeans.Validate"/>).</summary>
    /// <param name="sampleSize">Points the silhouette is measured on (a seeded sample, the same for every count); null, or
    /// at least the number of points, measures every point.</param>
    /// <param name="progress">Called on the calling thread as each count starts, during its fit and during its silhouette.</param>
    /// <exception cref="ContrastiveRecException">SampleTooSmall: the sample holds points of one cluster only, so it has no silhouette.</exception>
    public static IEnumerable<ClusterCountScore> Run(IReadOnlyList<double[]> points, IEnumerable<int> counts, int? sampleSize = null,
        int seed = KMeans.DefaultSeed, int restarts = KMeans.DefaultRestarts, Action<ClusterCountProgress>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(counts);
        var ordered = counts.Distinct().Order().ToArray();
        if (ordered.Length == 0) throw new ArgumentException("Give at least one number of clusters.", nameof(counts));
        if (sampleSize is < 2) throw new ArgumentOutOfRangeException(nameof(sampleSize), sampleSize, "The sample size must be 2 or more.");
        KMeans.Validate(points, ordered[^1]);
        if (ordered[0] < 2) KMeans.Validate(points, ordered[0]);
        // The same sample for every count, drawn once.
        var sample = sampleSize is { } size && size < points.Count ? Silhouette.Sample(points.Count, size, seed) : null;
        return Scores(points, ordered, sample, seed, restarts, progress, ct);
    }

    private static IEnumerable<ClusterCountScore> Scores(IReadOnlyList<double[]> points, int[] counts, int[]? sample, int seed, int restarts,
        Action<ClusterCountProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var measured = sample is null ? points : sample.Select(i => points[i]).ToArray();
        for (var i = 0; i < counts.Length; i++)
        {
            ct.ThrowIfCancellationRequested();
            var (count, step) = (counts[i], i + 1);
            progress?.Invoke(new ClusterCountProgress(count, step, counts.Length, null, null, clock.Elapsed));
            var fit = KMeans.Fit(points, count, seed, restarts, ct: ct,
                progress: p => progress?.Invoke(new ClusterCountProgress(count, step, counts.Length, p, null, clock.Elapsed)));
            var labels = sample is null ? fit.Labels : sample.Select(j => fit.Labels[j]).ToArray();
            if (sample is not null && labels.Distinct().Count() < 2)
                throw new ContrastiveRecException("SampleTooSmall", RefusalCategory.InvalidArgument,
                    $"The sample of {sample.Length:N0} of {points.Count:N0} points falls in one of the {count} clusters, and a silhouette needs points in two.",
                    "Raise -SampleSize, or leave it out to measure every user.", sample.Length);
            var silhouette = Silhouette.Values(measured, labels, ct,
                s => progress?.Invoke(new ClusterCountProgress(count, step, counts.Length, null, s, clock.Elapsed)));
            ct.ThrowIfCancellationRequested(); // a count stopped while measured yields nothing
            yield return new ClusterCountScore(count, silhouette.Average(), fit.Inertia, new JoinedList<int>(fit.Sizes()));
        }
    }
}
