using ContrastiveRec.Analysis;
using Xunit;

namespace ContrastiveRec.Tests.Analysis;

public class ClusteringTests
{
    // Three tight groups far apart; any sane k-means finds them.
    private static readonly double[][] ThreeGroups =
    [
        [0, 0], [0, 1], [1, 0], [1, 1],
        [10, 10], [10, 11], [11, 10],
        [0, 20], [1, 20], [0, 21], [1, 21], [0.5, 20.5],
    ];

    [Fact]
    public void KMeans_recovers_hand_made_groups_with_their_centroids_and_inertia()
    {
        var r = KMeans.Fit(ThreeGroups, 3, seed: 4, restarts: 5);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2], r.Labels);
        Assert.Equal([0.5, 0.5], r.Centroids[0]);
        Assert.Equal(31.0 / 3, r.Centroids[1][0], 12);
        Assert.Equal([0.5, 20.5], r.Centroids[2]);
        // 4 × 0.5 + (2 × (1/9 + 1/9) + (4/9 + 4/9)) ... summed by hand: group 1 = 4/3, group 0 = 2, group 2 = 2.
        Assert.Equal(2 + 4.0 / 3 + 2, r.Inertia, 9);
        Assert.Equal([4, 3, 5], r.Sizes());
        Assert.Equal(5, r.Restarts);
    }

    [Fact]
    public void KMeans_is_seeded_and_keeps_the_lowest_inertia()
    {
        var rng = new Random(2);
        var points = Enumerable.Range(0, 200).Select(_ => new[] { rng.NextDouble(), rng.NextDouble() }).ToArray();
        var a = KMeans.Fit(points, 5, seed: 7);
        var b = KMeans.Fit(points, 5, seed: 7);
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(a.Inertia, b.Inertia);
        var single = Enumerable.Range(0, 10).Select(s => KMeans.Fit(points, 5, seed: s, restarts: 1).Inertia).Min();
        Assert.True(KMeans.Fit(points, 5, seed: 7, restarts: 20).Inertia <= single + 1e-9);
    }

    [Fact]
    public void KMeans_refuses_bad_counts_and_empty_input_saying_which_problem()
    {
        ClusteringInputException Refused(IReadOnlyList<double[]> points, int count) =>
            Assert.Throws<ClusteringInputException>(() => KMeans.Fit(points, count));
        var empty = Refused([], 2);
        Assert.Equal(ClusteringInputProblem.NoPoints, empty.Kind);
        Assert.Contains("no points", empty.Message);
        Assert.Equal(ClusteringInputProblem.TooFewClusters, Refused(ThreeGroups, 1).Kind);
        var many = Refused(ThreeGroups, 13);
        Assert.Equal(ClusteringInputProblem.TooManyClusters, many.Kind);
        Assert.Contains("at most 12", many.Message);
        var ragged = Refused([[0, 0], [1]], 2);
        Assert.Equal((ClusteringInputProblem.BadPoint, 1), (ragged.Kind, ragged.PointIndex));
        var nan = Refused([[0, 0], [1, 1], [2, double.NaN]], 2);
        Assert.Equal((ClusteringInputProblem.BadPoint, 2), (nan.Kind, nan.PointIndex));
    }

    [Fact]
    public void Validate_names_users_when_given_their_ids()
    {
        var e = Assert.Throws<ClusteringInputException>(() => KMeans.Validate([[0, 0], [1, 1], [2]], 2, [10, 20, 30]));
        Assert.StartsWith("User 30 has 1 coordinates; the first has 2.", e.Message);
        Assert.Contains("of 3 users", Assert.Throws<ClusteringInputException>(() => KMeans.Validate([[0], [1], [2]], 4, [1, 2, 3])).Message);
    }

    [Fact]
    public void KMeans_with_as_many_clusters_as_points_gives_each_its_own()
    {
        var r = KMeans.Fit([[0.0], [5.0], [9.0]], 3);
        Assert.Equal([0, 1, 2], r.Labels);
        Assert.Equal(0, r.Inertia);
    }

    [Fact]
    public void Silhouette_matches_a_hand_computed_case()
    {
        // Points on a line: 0, 1 | 4, 6. Cluster A = {0, 1}, B = {4, 6}.
        // s(0): a = 1, b = (4 + 6) / 2 = 5 → 4/5.    s(1): a = 1, b = (3 + 5) / 2 = 4 → 3/4.
        // s(4): a = 2, b = (4 + 3) / 2 = 3.5 → 1.5/3.5.  s(6): a = 2, b = (6 + 5) / 2 = 5.5 → 3.5/5.5.
        double[][] points = [[0], [1], [4], [6]];
        var s = Silhouette.Values(points, [0, 0, 1, 1]);
        Assert.Equal(0.8, s[0], 12);
        Assert.Equal(0.75, s[1], 12);
        Assert.Equal(1.5 / 3.5, s[2], 12);
        Assert.Equal(3.5 / 5.5, s[3], 12);
        Assert.Equal((0.8 + 0.75 + 1.5 / 3.5 + 3.5 / 5.5) / 4, Silhouette.Score(points, [0, 0, 1, 1]), 12);
    }

    [Fact]
    public void Silhouette_is_zero_for_a_point_alone_and_needs_two_clusters()
    {
        var s = Silhouette.Values([[0.0], [1.0], [9.0]], [0, 0, 1]);
        Assert.Equal(0, s[2]);
        // Only a sample of k-means' labels can fall in one cluster: the refusal says to measure more users.
        var one = Refused.By("SampleTooSmall", RefusalCategory.InvalidArgument, () => Silhouette.Values([[0.0], [1.0]], [0, 0]));
        Assert.Contains("all 2 measured users are in one", one.Problem);
        Assert.Contains("-SampleSize", one.Remedy);
    }

    /// <summary>Lloyd's loop as plainly as it can be written: a distance loop per point, first lowest centre wins.</summary>
    private static int[] PlainLloyd(double[][] points, double[][] centres, int maxIterations)
    {
        var labels = Enumerable.Repeat(-1, points.Length).ToArray();
        for (var it = 0; it < maxIterations; it++)
        {
            var changed = false;
            for (var i = 0; i < points.Length; i++)
            {
                var best = 0;
                var bestDistance = double.PositiveInfinity;
                for (var c = 0; c < centres.Length; c++)
                {
                    double d = 0;
                    for (var j = 0; j < points[i].Length; j++) d += (points[i][j] - centres[c][j]) * (points[i][j] - centres[c][j]);
                    if (d < bestDistance) { bestDistance = d; best = c; }
                }
                if (best != labels[i]) { labels[i] = best; changed = true; }
            }
            if (!changed) break;
            for (var c = 0; c < centres.Length; c++)
            {
                var members = Enumerable.Range(0, points.Length).Where(i => labels[i] == c).ToArray();
                if (members.Length == 0) return labels; // not reached with these points
                for (var j = 0; j < centres[c].Length; j++)
                {
                    double sum = 0;
                    foreach (var i in members) sum += points[i][j];
                    centres[c][j] = sum / members.Length;
                }
            }
        }
        return labels;
    }

    [Fact]
    public void KMeans_by_matrix_products_labels_every_point_as_the_plain_distance_loop_does()
    {
        // Overlapping groups in 30-D and, in 1-D, points exactly halfway between two others (ties: the first centre wins).
        var rng = new Random(11);
        var wide = Enumerable.Range(0, 3000).Select(i => Enumerable.Range(0, 30).Select(_ => (i % 4) * 0.5 + TsneTests.Normal(rng)).ToArray()).ToArray();
        double[][] ties = [[0], [10], [5], [5], [20], [15], [0], [10], [20]];
        foreach (var (points, k) in new[] { (wide, 6), (ties, 3) })
        {
            var fit = KMeans.Fit(points, k, seed: 3, restarts: 1);
            var centres = KMeans.PlusPlus(points, k, new Random(3));
            var plain = PlainLloyd(points, centres, 300);
            // Fit renumbers clusters by first appearance; compare the partitions through that renumbering.
            var map = new Dictionary<int, int>();
            foreach (var (l, f) in plain.Zip(fit.Labels)) Assert.Equal(f, map.TryAdd(l, f) ? f : map[l]);
            var plainInertia = points.Select((p, i) => p.Zip(centres[plain[i]]).Sum(t => (t.First - t.Second) * (t.First - t.Second))).Sum();
            Assert.Equal(plainInertia, fit.Inertia, 12);
        }
    }

    [Fact]
    public void KMeans_reports_progress_and_stops_when_cancelled()
    {
        var rng = new Random(4);
        var points = Enumerable.Range(0, 500).Select(_ => new[] { rng.NextDouble(), rng.NextDouble() }).ToArray();
        var seen = new List<KMeansProgress>();
        KMeans.Fit(points, 4, restarts: 3, progress: seen.Add);
        Assert.Equal([0, 1, 2], seen.Select(p => p.Restart).Distinct());
        Assert.All(seen, p => Assert.InRange(p.Fraction, 0, 1));
        Assert.True(seen.Zip(seen.Skip(1)).All(pair => pair.Second.Fraction >= pair.First.Fraction));

        using var cts = new CancellationTokenSource();
        var calls = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => KMeans.Fit(points, 4, restarts: 5, ct: cts.Token, progress: _ =>
        {
            if (++calls == 2) cts.Cancel();
        }));
        Assert.Equal(2, calls);
    }

    /// <summary>Silhouette of point i by the definition: mean distances to each cluster.</summary>
    private static double PlainSilhouette(double[][] points, int[] labels, int i)
    {
        var k = labels.Max() + 1;
        var sums = new double[k];
        var sizes = new int[k];
        for (var j = 0; j < points.Length; j++)
        {
            sizes[labels[j]]++;
            if (j != i) sums[labels[j]] += Math.Sqrt(points[i].Zip(points[j]).Sum(t => (t.First - t.Second) * (t.First - t.Second)));
        }
        if (sizes[labels[i]] == 1) return 0;
        var a = sums[labels[i]] / (sizes[labels[i]] - 1);
        var b = Enumerable.Range(0, k).Where(c => c != labels[i] && sizes[c] > 0).Min(c => sums[c] / sizes[c]);
        return (b - a) / Math.Max(a, b);
    }

    [Theory]
    [InlineData(12_000, 2)] // map points, distances from differences, several blocks of rows
    [InlineData(1_500, 40)] // embeddings, distances from matrix products
    public void Silhouette_in_blocks_matches_the_definition(int n, int dim)
    {
        var rng = new Random(n);
        var labels = Enumerable.Range(0, n).Select(i => i % 5).ToArray();
        var points = labels.Select(l => Enumerable.Range(0, dim).Select(d => (d == l % dim ? 3.0 : 0) + TsneTests.Normal(rng)).ToArray()).ToArray();
        points[7] = (double[])points[12].Clone(); // a duplicate (same cluster): distance exactly 0
        var values = Silhouette.Values(points, labels);
        foreach (var i in Enumerable.Range(0, 40).Select(_ => rng.Next(n)).Append(7).Append(12))
            Assert.Equal(PlainSilhouette(points, labels, i), values[i], 9);
    }

    [Fact]
    public void Silhouette_score_of_a_sample_is_that_of_the_sampled_points_among_themselves()
    {
        var rng = new Random(8);
        var labels = Enumerable.Range(0, 400).Select(i => i % 3).ToArray();
        var points = labels.Select(l => new[] { l * 2 + TsneTests.Normal(rng), TsneTests.Normal(rng) }).ToArray();
        var sample = Silhouette.Sample(400, 100, seed: 5);
        Assert.Equal(100, sample.Distinct().Count());
        Assert.Equal(sample.Order(), sample);
        var expected = Silhouette.Values(sample.Select(i => points[i]).ToArray(), sample.Select(i => labels[i]).ToArray()).Average();
        Assert.Equal(expected, Silhouette.Score(points, labels, sampleSize: 100, seed: 5));
        Assert.NotEqual(Silhouette.Score(points, labels), Silhouette.Score(points, labels, sampleSize: 100, seed: 5));
        Assert.Equal(Silhouette.Score(points, labels), Silhouette.Score(points, labels, sampleSize: 400));
    }

    [Fact]
    public void Trustworthiness_is_one_for_an_isometry_and_lower_for_a_shuffle()
    {
        var rng = new Random(5);
        var original = Enumerable.Range(0, 60).Select(_ => new[] { rng.NextDouble(), rng.NextDouble(), rng.NextDouble() }).ToArray();
        var rotated = original.Select(p => new[] { p[1] + 3, -p[0], p[2] }).ToArray();
        Assert.Equal(1.0, Trustworthiness.Compute(original, rotated, 5), 12);
        var shuffled = original.OrderBy(_ => rng.Next()).ToArray();
        Assert.True(Trustworthiness.Compute(original, shuffled, 5) < 0.7);
        Assert.Throws<ArgumentOutOfRangeException>(() => Trustworthiness.Compute(original, rotated, 30));
    }

    [Fact]
    public void Trustworthiness_counts_a_false_neighbour_by_its_rank()
    {
        // Six points on a line at 0, 1, 3, 7, 15, 31 (no ties within any point's distances); the layout swaps the ends.
        double[][] original = [[0], [1], [3], [7], [15], [31]];
        double[][] layout = [[31], [1], [3], [7], [15], [0]];
        // k = 1. Layout neighbour and its rank among the original neighbours:
        //   p0 (at 31) → p4, original ranks from p0: p1 1, p2 2, p3 3, p4 4          → r − k = 3
        //   p1 (at 1)  → p5, original ranks from p1: p0, p2, p3, p4, p5 = 5          → 4
        //   p2 → p1, p3 → p2, p4 → p3: each its original nearest                     → 0
        //   p5 (at 0)  → p1, original ranks from p5 (31): p4, p3, p2, p1 = 4          → 3
        // Penalty 10; T = 1 − 10 · 2 / (n k (2n − 3k − 1)) = 1 − 20 / (6 · 1 · 8).
        Assert.Equal(1 - 20.0 / 48, Trustworthiness.Compute(original, layout, 1), 12);
    }
}
