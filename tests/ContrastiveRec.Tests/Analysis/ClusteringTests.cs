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
        Assert.Equal(ClusteringInputProblem.NoPoints, empty.Problem);
        Assert.Contains("no points", empty.Message);
        Assert.Equal(ClusteringInputProblem.TooFewClusters, Refused(ThreeGroups, 1).Problem);
        var many = Refused(ThreeGroups, 13);
        Assert.Equal(ClusteringInputProblem.TooManyClusters, many.Problem);
        Assert.Contains("at most 12", many.Message);
        var ragged = Refused([[0, 0], [1]], 2);
        Assert.Equal((ClusteringInputProblem.BadPoint, 1), (ragged.Problem, ragged.PointIndex));
        var nan = Refused([[0, 0], [1, 1], [2, double.NaN]], 2);
        Assert.Equal((ClusteringInputProblem.BadPoint, 2), (nan.Problem, nan.PointIndex));
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
        Assert.Throws<ArgumentException>(() => Silhouette.Values([[0.0], [1.0]], [0, 0]));
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
