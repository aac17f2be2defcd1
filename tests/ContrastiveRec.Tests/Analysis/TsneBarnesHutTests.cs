using ContrastiveRec.Analysis;
using Xunit;
using Xunit.Abstractions;

namespace ContrastiveRec.Tests.Analysis;

[Collection("Training")]
public class TsneBarnesHutTests
{
    private readonly ITestOutputHelper _out;

    public TsneBarnesHutTests(ITestOutputHelper output) => _out = output;

    private static double[][] Layout(TsneResult r) => Enumerable.Range(0, r.Count).Select(i => new[] { r.X[i], r.Y[i] }).ToArray();

    private static readonly TsneOptions BarnesHut = new() { Method = TsneMethod.BarnesHut };

    [Fact]
    public void Separates_planted_clusters_and_keeps_neighbourhoods_as_well_as_exact_t_SNE()
    {
        var (points, labels) = TsneTests.Blobs(clusters: 5, perCluster: 300, dim: 50, seed: 4);
        var original = points.Select(p => p.Select(v => (double)v).ToArray()).ToArray();
        var bh = Tsne.Embed(points, BarnesHut);
        var exact = Tsne.Embed(points, new TsneOptions { Method = TsneMethod.Exact });
        var bhTrust = Trustworthiness.Compute(original, Layout(bh), 10);
        var exactTrust = Trustworthiness.Compute(original, Layout(exact), 10);
        var clusters = KMeans.Fit(Layout(bh), 5, seed: 1);
        var agreement = TsneTests.Agreement(clusters.Labels, labels);
        _out.WriteLine($"trustworthiness@10: Barnes-Hut {bhTrust:0.0000}, exact {exactTrust:0.0000}; k-means agreement {agreement:P2}; KL {bh.KlDivergence:0.000} vs {exact.KlDivergence:0.000}");

        Assert.Equal(1.0, agreement);
        Assert.True(Math.Abs(bhTrust - exactTrust) <= 0.01, $"Barnes-Hut trustworthiness {bhTrust:0.0000} should be within 0.01 of exact {exactTrust:0.0000}");
        // The same objective: KL divergences close (Barnes-Hut's P keeps only 3 × perplexity neighbours).
        Assert.True(Math.Abs(bh.KlDivergence - exact.KlDivergence) < 0.15 * exact.KlDivergence, $"KL {bh.KlDivergence} vs exact {exact.KlDivergence}");
    }

    /// <summary>Σ_j q² (y_i − y_j) and Σ_j q by every pair.</summary>
    private static (double[] Force, double[] Z) ExactRepulsion(double[] layout)
    {
        var n = layout.Length / 2;
        var force = new double[2 * n];
        var z = new double[n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                if (i == j) continue;
                var dx = layout[2 * i] - layout[2 * j];
                var dy = layout[2 * i + 1] - layout[2 * j + 1];
                var q = 1 / (1 + dx * dx + dy * dy);
                z[i] += q;
                force[2 * i] += q * q * dx;
                force[2 * i + 1] += q * q * dy;
            }
        return (force, z);
    }

    [Fact]
    public void Quadtree_repulsion_is_within_theta_s_error_of_the_exact_sums_and_exact_at_theta_zero()
    {
        // Clumps of different spread plus coincident points (which the tree keeps in one leaf at its depth limit).
        var rng = new Random(6);
        var n = 1500;
        var layout = new double[2 * n];
        for (var i = 0; i < n; i++)
        {
            var clump = i % 3;
            layout[2 * i] = clump * 15 + TsneTests.Normal(rng) * (clump + 1);
            layout[2 * i + 1] = clump * 4 + TsneTests.Normal(rng) * (clump + 1);
        }
        layout[2] = layout[0];
        layout[3] = layout[1];
        var (exactForce, exactZ) = ExactRepulsion(layout);
        var tree = new TsneQuadTree(n);
        tree.Build(layout);

        double Error(double theta, out double zError)
        {
            var force = new double[2 * n];
            var z = new double[n];
            tree.Repulsion(theta, force, z, default);
            // Z, the sum over all points, normalises every q: its error is what reaches the gradient.
            zError = Math.Abs(z.Sum() - exactZ.Sum()) / exactZ.Sum();
            // Error of the whole force field relative to its size.
            double diff = 0, size = 0;
            for (var c = 0; c < 2 * n; c++)
            {
                diff += (force[c] - exactForce[c]) * (force[c] - exactForce[c]);
                size += exactForce[c] * exactForce[c];
            }
            return Math.Sqrt(diff / size);
        }

        var exactError = Error(0, out var exactZError);
        var half = Error(0.5, out var halfZError);
        var coarse = Error(1.0, out _);
        _out.WriteLine($"relative force error: theta 0 {exactError:E2}, 0.5 {half:E2}, 1 {coarse:E2}; Z error at 0.5 {halfZError:E2}");
        Assert.True(exactError < 1e-12 && exactZError < 1e-12);
        Assert.True(half < 0.02, $"force error at theta 0.5: {half:E2}");
        Assert.True(halfZError < 0.01, $"Z error at theta 0.5: {halfZError:E2}");
        Assert.True(half < coarse, "a coarser theta should be less accurate");
    }

    [Fact]
    public void Affinities_are_symmetric_sum_to_one_and_calibrate_each_point_to_the_perplexity()
    {
        var (points, _) = TsneTests.Blobs(3, 200, 8, seed: 2);
        var flat = points.SelectMany(p => p).ToArray();
        const int k = 30;
        var (neighbours, distances) = TsneNeighbours.Find(flat, 600, 8, k, null, default);
        // The neighbours are the k nearest by brute force, nearest first.
        for (var i = 0; i < 600; i += 37)
        {
            var brute = Enumerable.Range(0, 600).Where(j => j != i)
                .OrderBy(j => points[i].Zip(points[j]).Sum(t => ((double)t.First - t.Second) * ((double)t.First - t.Second))).ThenBy(j => j).Take(k);
            Assert.Equal(brute, neighbours.Skip(i * k).Take(k));
            Assert.True(distances.Skip(i * k).Take(k).Zip(distances.Skip(i * k + 1).Take(k - 1)).All(t => t.First <= t.Second));
        }
        var p = TsneBarnesHut.Affinities(neighbours, distances, 600, k, 10, default);
        Assert.Equal(1.0, p.Values.Sum(), 9);

        // Many small blocks of pairs find the same neighbours at the same distances as one block.
        var saved = TsneNeighbours.BlockFloats;
        try
        {
            TsneNeighbours.BlockFloats = 7 * 600;
            var (blockedNeighbours, blockedDistances) = TsneNeighbours.Find(flat, 600, 8, k, null, default);
            Assert.Equal(neighbours, blockedNeighbours);
            Assert.Equal(distances, blockedDistances);
        }
        finally
        {
            TsneNeighbours.BlockFloats = saved;
        }
        var entries = new Dictionary<(int, int), double>();
        for (var i = 0; i < 600; i++)
            for (var o = p.RowStart[i]; o < p.RowStart[i + 1]; o++)
            {
                Assert.NotEqual(i, p.Columns[o]);
                entries[(i, p.Columns[o])] = p.Values[o];
            }
        foreach (var ((i, j), v) in entries) Assert.Equal(v, entries[(j, i)], 15);
    }

    [Fact]
    public void Same_seed_gives_the_same_layout_bit_for_bit()
    {
        var (points, _) = TsneTests.Blobs(3, 100, 10, seed: 5);
        TsneTests.SameSeedSameLayout(points, BarnesHut with { Iterations = 150, Initialization = TsneInitialization.Random, Seed = 9 });
    }

    [Fact]
    public void Reports_the_neighbour_search_then_every_iteration_and_honours_cancellation()
    {
        var (points, _) = TsneTests.Blobs(2, 100, 5);
        var seen = new List<TsneProgress>();
        Tsne.Embed(points, BarnesHut with { Iterations = 60 }, seen.Add);
        var search = seen.TakeWhile(p => p.NeighbourSearch is not null).ToArray();
        Assert.NotEmpty(search);
        Assert.Equal(1.0, search[^1].NeighbourSearch);
        Assert.Equal(Enumerable.Range(1, 60), seen.Skip(search.Length).Select(p => p.Iteration));
        Assert.NotNull(seen[^1].KlDivergence);
        Assert.True(seen[^1].SetUp > TimeSpan.Zero);

        TsneTests.StopsWhereCancelled(points, BarnesHut);
    }
}
