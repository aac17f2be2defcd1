using ContrastiveRec.Analysis;
using Xunit;

namespace ContrastiveRec.Tests.Analysis;

public class ClusterCountSweepTests
{
    /// <summary>Four planted groups on a map, well apart, of 60 to 90 points each.</summary>
    private static double[][] Blobs(int seed = 1)
    {
        var rng = new Random(seed);
        double[][] centres = [[0, 0], [12, 0], [0, 12], [12, 12]];
        return Enumerable.Range(0, 300).Select(i => centres[i % 7 % 4])
            .Select(c => new[] { c[0] + TsneTests.Normal(rng), c[1] + TsneTests.Normal(rng) }).ToArray();
    }

    [Fact]
    public void Scores_each_distinct_count_smallest_first_as_KMeans_and_the_silhouette_give_them()
    {
        var points = Blobs();
        var scores = ClusterCountSweep.Run(points, [5, 2, 3, 3], seed: 7, restarts: 3).ToList();
        Assert.Equal([2, 3, 5], scores.Select(s => s.Count));
        foreach (var s in scores)
        {
            var fit = KMeans.Fit(points, s.Count, seed: 7, restarts: 3);
            Assert.Equal(fit.Inertia, s.Inertia);
            Assert.Equal(Silhouette.Values(points, fit.Labels).Average(), s.Silhouette);
            Assert.Equal(fit.Sizes(), s.Sizes);
            Assert.Equal(points.Length, s.Sizes.Sum());
        }
    }

    [Fact]
    public void The_silhouette_peaks_and_the_inertia_drops_most_at_the_planted_count()
    {
        var scores = ClusterCountSweep.Run(Blobs(), ClusterCountSweep.DefaultCounts).ToList();
        Assert.Equal(ClusterCountSweep.DefaultCounts, scores.Select(s => s.Count));
        Assert.Equal(4, scores.MaxBy(s => s.Silhouette)!.Count);
        Assert.True(scores.Zip(scores.Skip(1)).All(p => p.Second.Inertia < p.First.Inertia), "more clusters, less inertia");
        // The elbow: past 4 clusters, each further one gains little.
        var inertia = scores.ToDictionary(s => s.Count, s => s.Inertia);
        Assert.True(inertia[3] - inertia[4] > 5 * (inertia[4] - inertia[5]));
    }

    [Fact]
    public void With_a_sample_size_every_count_is_measured_on_the_same_seeded_sample()
    {
        var points = Blobs(2);
        var sample = Silhouette.Sample(points.Length, 80, seed: 11);
        var scores = ClusterCountSweep.Run(points, [2, 4], sampleSize: 80, seed: 11, restarts: 2).ToList();
        foreach (var s in scores)
        {
            // k-means still fits every point; only the silhouette is of the sample, among its own points.
            var fit = KMeans.Fit(points, s.Count, seed: 11, restarts: 2);
            Assert.Equal(fit.Inertia, s.Inertia);
            var expected = Silhouette.Values(sample.Select(i => points[i]).ToArray(), sample.Select(i => fit.Labels[i]).ToArray()).Average();
            Assert.Equal(expected, s.Silhouette);
            Assert.NotEqual(Silhouette.Values(points, fit.Labels).Average(), s.Silhouette);
        }
        // A sample as large as the set measures every point.
        var all = ClusterCountSweep.Run(points, [4], seed: 11, restarts: 2).Single();
        Assert.Equal(all.Silhouette, ClusterCountSweep.Run(points, [4], sampleSize: points.Length, seed: 11, restarts: 2).Single().Silhouette);
    }

    [Fact]
    public void Yields_each_score_when_its_count_is_done_and_reports_every_stage_in_order()
    {
        var seen = new List<ClusterCountProgress>();
        using var scores = ClusterCountSweep.Run(Blobs(), [2, 3, 4], restarts: 2, progress: seen.Add).GetEnumerator();
        Assert.Empty(seen); // nothing runs until the first score is asked for
        Assert.True(scores.MoveNext());
        Assert.Equal(2, scores.Current.Count);
        Assert.All(seen, p => Assert.Equal((2, 1, 3), (p.Count, p.Step, p.Steps)));
        while (scores.MoveNext()) { }

        Assert.Equal([1, 2, 3], seen.Select(p => p.Step).Distinct());
        foreach (var step in seen.GroupBy(p => p.Step))
        {
            var stages = step.Select(p => p.Silhouette is not null ? 2 : p.Fit is not null ? 1 : 0).ToList();
            Assert.Equal(0, stages[0]); // the count starts, then is fitted, then measured
            Assert.Contains(1, stages);
            Assert.Contains(2, stages);
            Assert.Equal(stages.Order(), stages);
        }
        Assert.All(seen, p => Assert.InRange(p.Fraction, 0, 1));
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.Second.Fraction >= p.First.Fraction && p.Second.Elapsed >= p.First.Elapsed));
        Assert.Equal(1.0, seen[^1].Fraction, 12);
        Assert.Equal(TimeSpan.Zero, seen[^1].Remaining);
        Assert.All(seen.Where(p => p.Silhouette is not null), p => Assert.Equal(p.Silhouette!.Remaining, p.StageRemaining));
    }

    [Fact]
    public void Stops_when_cancelled_during_a_silhouette()
    {
        using var cts = new CancellationTokenSource();
        var scores = new List<ClusterCountScore>();
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var s in ClusterCountSweep.Run(Blobs(), [2, 3, 4], restarts: 2, ct: cts.Token,
                         progress: p => { if (p is { Step: 2, Silhouette: not null }) cts.Cancel(); }))
                scores.Add(s);
        });
        Assert.Equal([2], scores.Select(s => s.Count));
    }

    [Fact]
    public void Refuses_a_sample_that_falls_in_one_cluster_as_SampleTooSmall()
    {
        // 98 points near the origin and 2 far away: two clusters, and most samples of 3 hold only the first.
        var rng = new Random(3);
        var points = Enumerable.Range(0, 100).Select(i => i < 98 ? new[] { TsneTests.Normal(rng), TsneTests.Normal(rng) } : new[] { 100.0 + i, 100.0 }).ToArray();
        var seed = Enumerable.Range(0, 100).First(s => Silhouette.Sample(100, 3, s).All(i => i < 98));
        var e = Assert.Throws<ContrastiveRecException>(() => ClusterCountSweep.Run(points, [2], sampleSize: 3, seed: seed).ToList());
        Assert.Equal("SampleTooSmall", e.ErrorId);
        Assert.Equal(RefusalCategory.InvalidArgument, e.Category);
        Assert.Equal(3, e.Target);
        Assert.Contains("one of the 2 clusters", e.Problem);
        Assert.Contains("-SampleSize", e.Remedy);
        Assert.DoesNotContain("-SampleSize", e.Problem);
        // The same points measured whole have two clusters to compare.
        Assert.InRange(ClusterCountSweep.Run(points, [2], seed: seed).Single().Silhouette, 0.5, 1);
    }

    [Fact]
    public void Checks_the_points_and_counts_before_any_work()
    {
        var points = Blobs();
        Assert.Throws<ArgumentException>(() => ClusterCountSweep.Run(points, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClusterCountSweep.Run(points, [2], sampleSize: 1));
        // Refused at the call, not when the first score is asked for.
        var tooMany = Assert.Throws<ClusteringInputException>(() => ClusterCountSweep.Run(points.Take(5).ToArray(), [2, 6]));
        Assert.Equal(ClusteringInputProblem.TooManyClusters, tooMany.Kind);
        Assert.Equal(ClusteringInputProblem.TooFewClusters, Assert.Throws<ClusteringInputException>(() => ClusterCountSweep.Run(points, [1, 3])).Kind);
    }
}
