using ContrastiveRec.Analysis;
using Xunit;
using Xunit.Abstractions;

namespace ContrastiveRec.Tests.Analysis;

// Alongside the training tests: two cores, and seeded runs are compared bit for bit.
[Collection("Training")]
public class TsneTests
{
    private readonly ITestOutputHelper _out;

    public TsneTests(ITestOutputHelper output) => _out = output;

    /// <summary>Gaussian blobs in <paramref name="dim"/>-D: centres 10 apart on random axes, unit spread.</summary>
    internal static (float[][] Points, int[] Labels) Blobs(int clusters = 4, int perCluster = 50, int dim = 50, int seed = 3)
    {
        var rng = new Random(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => Enumerable.Range(0, dim).Select(_ => 10 * Normal(rng) / Math.Sqrt(2)).ToArray()).ToArray();
        var points = new List<float[]>();
        var labels = new List<int>();
        for (var c = 0; c < clusters; c++)
            for (var i = 0; i < perCluster; i++)
            {
                points.Add(centres[c].Select(v => (float)(v + Normal(rng))).ToArray());
                labels.Add(c);
            }
        return (points.ToArray(), labels.ToArray());
    }

    internal static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static double[][] Layout(TsneResult r) => Enumerable.Range(0, r.Count).Select(i => new[] { r.X[i], r.Y[i] }).ToArray();

    [Fact]
    public void Planted_clusters_stay_neighbourhoods_and_stay_apart()
    {
        var (points, labels) = Blobs();
        var result = Tsne.Embed(points, new TsneOptions { Seed = 1 });
        var layout = Layout(result);
        var original = points.Select(p => p.Select(v => (double)v).ToArray()).ToArray();
        var trust = Trustworthiness.Compute(original, layout, k: 10);

        // Separation: mean distance within a planted cluster is far below the mean between clusters,
        // and k-means on the map gives back the planted partition.
        double intra = 0, inter = 0;
        int nIntra = 0, nInter = 0;
        for (var i = 0; i < layout.Length; i++)
            for (var j = i + 1; j < layout.Length; j++)
            {
                var d = Math.Sqrt(Math.Pow(layout[i][0] - layout[j][0], 2) + Math.Pow(layout[i][1] - layout[j][1], 2));
                if (labels[i] == labels[j]) { intra += d; nIntra++; } else { inter += d; nInter++; }
            }
        intra /= nIntra;
        inter /= nInter;
        var clusters = KMeans.Fit(layout, 4, seed: 1);
        var agreement = Agreement(clusters.Labels, labels);
        _out.WriteLine($"trustworthiness {trust:0.0000}, intra {intra:0.00}, inter {inter:0.00}, k-means agreement {agreement:P1}, KL {result.KlDivergence:0.000}, {result.Elapsed.TotalSeconds:0.00} s");

        Assert.True(trust >= 0.9, $"trustworthiness {trust:0.0000} should be at least 0.9");
        Assert.True(intra < inter / 4, $"intra-cluster distance {intra:0.00} should be far below inter-cluster {inter:0.00}");
        Assert.Equal(1.0, agreement);
        Assert.True(double.IsFinite(result.KlDivergence) && result.KlDivergence > 0);
    }

    /// <summary>Fraction of pairs the two labelings treat alike (same cluster or not): 1 when the partitions are equal.</summary>
    internal static double Agreement(int[] a, int[] b)
    {
        long same = 0, all = 0;
        for (var i = 0; i < a.Length; i++)
            for (var j = i + 1; j < a.Length; j++)
            {
                all++;
                if ((a[i] == a[j]) == (b[i] == b[j])) same++;
            }
        return (double)same / all;
    }

    [Fact]
    public void Same_seed_gives_the_same_layout_bit_for_bit()
    {
        var (points, _) = Blobs(3, 20, 10);
        SameSeedSameLayout(points, new TsneOptions { Iterations = 300, Initialization = TsneInitialization.Random, Seed = 9 });
        var threads = TorchSharp.torch.get_num_threads();
        var pca1 = Tsne.Embed(points, new TsneOptions { Iterations = 300 });
        Assert.Equal(threads, TorchSharp.torch.get_num_threads()); // its one-thread setting is restored
        var pca2 = Tsne.Embed(points, new TsneOptions { Iterations = 300 });
        Assert.Equal(pca1.X, pca2.X);
    }

    [Fact]
    public void Calibrates_each_point_to_the_perplexity()
    {
        var (points, _) = Blobs(2, 30, 5);
        using var scope = TorchSharp.torch.NewDisposeScope();
        var x = TorchSharp.torch.tensor(points.SelectMany(p => p.Select(v => (double)v)).ToArray(), [60, 5], TorchSharp.torch.ScalarType.Float64);
        var p = Tsne.JointProbabilities(x, 10);
        var joint = p.data<double>().ToArray();
        Assert.Equal(1.0, joint.Sum(), 6);
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(0, joint[i * 60 + i]);
            for (var j = 0; j < 60; j++) Assert.Equal(joint[i * 60 + j], joint[j * 60 + i], 15);
        }
    }

    [Fact]
    public void Reports_progress_every_iteration_and_honours_cancellation()
    {
        var (points, _) = Blobs(2, 15, 5);
        var seen = new List<TsneProgress>();
        Tsne.Embed(points, new TsneOptions { Iterations = 120 }, seen.Add);
        Assert.Equal(Enumerable.Range(1, 120), seen.Select(p => p.Iteration));
        Assert.All(seen.Where(p => p.Iteration % 50 == 0 || p.Iteration == 120), p => Assert.NotNull(p.KlDivergence));

        StopsWhereCancelled(points, new TsneOptions());
    }

    /// <summary>Two runs with <paramref name="options"/> give the same layout bit for bit; another seed gives another.</summary>
    internal static void SameSeedSameLayout(float[][] points, TsneOptions options)
    {
        var a = Tsne.Embed(points, options);
        var b = Tsne.Embed(points, options);
        var c = Tsne.Embed(points, options with { Seed = options.Seed + 1 });
        Assert.Equal(a.X, b.X);
        Assert.Equal(a.Y, b.Y);
        Assert.NotEqual(a.X, c.X);
    }

    /// <summary>Cancelled at iteration 7 of 1,000, the run stops there: no further progress, an OperationCanceledException.</summary>
    internal static void StopsWhereCancelled(float[][] points, TsneOptions options)
    {
        using var cts = new CancellationTokenSource();
        var iterations = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => Tsne.Embed(points, options with { Iterations = 1000 }, p =>
        {
            iterations = p.Iteration;
            if (p.Iteration == 7) cts.Cancel();
        }, cts.Token));
        Assert.Equal(7, iterations);
    }

    [Fact]
    public void Refuses_bad_input_with_clear_messages()
    {
        var empty = Assert.Throws<ArgumentException>(() => Tsne.Embed([]));
        Assert.Contains("no points", empty.Message);
        var ragged = Refused.By("BadEmbeddings", RefusalCategory.InvalidData, () => Tsne.Embed([[1f, 2f], [1f]]));
        Assert.Contains("Point 1 has 1", ragged.Problem);
        var nan = Refused.By("BadEmbeddings", RefusalCategory.InvalidData, () => Tsne.Embed([[1f, float.NaN], [1f, 2f]]));
        Assert.Contains("finite", nan.Problem);
        // Exact t-SNE's n × n matrices are estimated first and refused when they cannot fit (here: a 1 MB budget).
        var tooLarge = Assert.IsType<TsneTooLargeException>(Refused.By("TooManyPoints", RefusalCategory.LimitsExceeded,
            () => Tsne.Embed(Enumerable.Range(0, 400).Select(i => new[] { (float)i }).ToArray(), new TsneOptions { Method = TsneMethod.Exact, MemoryLimitBytes = 1 << 20 })));
        Assert.Contains("Exact t-SNE", tooLarge.Problem);
        Assert.Equal(400, tooLarge.Target);
        Assert.Contains("-Method BarnesHut", tooLarge.Remedy);
        Assert.True(tooLarge.RequiredBytes > tooLarge.AvailableBytes);
        Assert.True(tooLarge.RequiredBytes >= 6L * 8 * 400 * 400 && tooLarge.AvailableBytes == 1 << 20);
        Assert.Throws<TsneTooLargeException>(() => Tsne.Embed(Enumerable.Range(0, 400).Select(i => new[] { (float)i }).ToArray(),
            new TsneOptions { Method = TsneMethod.BarnesHut, MemoryLimitBytes = 1 << 10 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TsneOptions { Theta = 1.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TsneOptions { Perplexity = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TsneOptions { Iterations = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TsneOptions { LearningRate = -1 });
    }

    private static float[][] Line(int n) => Enumerable.Range(0, n).Select(i => new[] { (float)i, (float)(i % 3) }).ToArray();

    [Theory]
    [InlineData(TsneMethod.Exact)]
    [InlineData(TsneMethod.BarnesHut)]
    public void A_perplexity_the_points_cannot_carry_is_refused_by_either_method(TsneMethod method)
    {
        // 40 points carry (40 − 1) / 3 = 13: each is calibrated over its 3 × perplexity nearest others (bhtsne's rule).
        var options = new TsneOptions { Method = method, Iterations = 20 };
        var e = Assert.IsType<TsnePerplexityException>(Refused.By("PerplexityTooLarge", RefusalCategory.InvalidArgument,
            () => Tsne.Embed(Line(40), options with { Perplexity = 13.5 })));
        Assert.Equal((40, 13.5, 13.0), (e.Points, e.Perplexity, e.MaxPerplexity));
        Assert.Equal(13.5, e.Target);
        Assert.Equal("40 points cannot carry a perplexity of 13.5: t-SNE calibrates each point over its 3 × perplexity nearest others, so 40 points carry a perplexity of at most 13.", e.Problem);
        Assert.Equal("Give -Perplexity 13 or less, or lay out 42 users or more.", e.Remedy);
        // The largest is carried, as given.
        var limit = Tsne.Embed(Line(40), options with { Perplexity = 13 });
        Assert.Equal(13, limit.Perplexity);
    }

    [Fact]
    public void The_refusal_says_the_count_the_perplexity_and_the_largest_that_works()
    {
        // The case: -Perplexity 10000 on the bundled set's 610 users.
        var e = Assert.Throws<TsnePerplexityException>(() => new TsneOptions { Perplexity = 10_000 }.PerplexityFor(610));
        Assert.Equal("610 points cannot carry a perplexity of 10,000: t-SNE calibrates each point over its 3 × perplexity nearest others, so 610 points carry a perplexity of at most 203.", e.Problem);
        Assert.Equal("Give -Perplexity 203 or less, or lay out 30,001 users or more.", e.Remedy);
        // A largest that is not a whole number is advised rounded down, so that the advice is accepted.
        var fifty = Assert.Throws<TsnePerplexityException>(() => new TsneOptions { Perplexity = 17 }.PerplexityFor(50));
        Assert.Contains("-Perplexity 16.33 or less", fifty.Remedy);
        Assert.Equal(new TsnePerplexity(16.33, Lowered: false), new TsneOptions { Perplexity = 16.33 }.PerplexityFor(50));
        // A perplexity of 1, the nearest neighbour alone, even two points carry.
        Assert.Equal(new TsnePerplexity(1, Lowered: false), new TsneOptions { Perplexity = 1 }.PerplexityFor(2));
        Assert.Throws<TsnePerplexityException>(() => new TsneOptions { Perplexity = 1.5 }.PerplexityFor(3));
    }

    [Theory]
    [InlineData(TsneMethod.Exact)]
    [InlineData(TsneMethod.BarnesHut)]
    public void The_default_perplexity_is_lowered_to_what_a_small_set_carries_and_the_result_says_so(TsneMethod method)
    {
        var result = Tsne.Embed(Line(40), new TsneOptions { Method = method, Iterations = 20 });
        Assert.Equal(13, result.Perplexity);
        Assert.All(result.X.Concat(result.Y), v => Assert.True(double.IsFinite(v)));
        var defaults = new TsneOptions();
        Assert.Null(defaults.Perplexity);
        Assert.Equal(new TsnePerplexity(13, Lowered: true), defaults.PerplexityFor(40));
        Assert.Equal(new TsnePerplexity(89 / 3.0, Lowered: true), defaults.PerplexityFor(90));
        Assert.Equal(new TsnePerplexity(TsneOptions.DefaultPerplexity, Lowered: false), defaults.PerplexityFor(91));
        Assert.Equal(new TsnePerplexity(TsneOptions.DefaultPerplexity, Lowered: false), defaults.PerplexityFor(610));
        Assert.Equal(new TsnePerplexity(1, Lowered: true), defaults.PerplexityFor(3));
    }

    [Fact]
    public void Lays_out_tiny_sets()
    {
        var one = Tsne.Embed([[1f, 2f, 3f]]);
        Assert.Equal(1, one.Count);
        var three = Tsne.Embed([[0f, 0f], [1f, 0f], [10f, 10f]], new TsneOptions { Iterations = 50 });
        Assert.All(three.X.Concat(three.Y), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Auto_is_exact_up_to_5000_points_and_Barnes_Hut_above()
    {
        var auto = new TsneOptions();
        Assert.Equal(TsneMethod.Exact, auto.MethodFor(TsneOptions.MaxExactPoints));
        Assert.Equal(TsneMethod.BarnesHut, auto.MethodFor(TsneOptions.MaxExactPoints + 1));
        Assert.Equal(TsneMethod.Exact, (auto with { Method = TsneMethod.Exact }).MethodFor(100_000));
        Assert.Equal(TsneMethod.BarnesHut, (auto with { Method = TsneMethod.BarnesHut }).MethodFor(10));
    }

    [Fact]
    public void Automatic_learning_rate_is_n_over_12_but_at_least_50()
    {
        var auto = new TsneOptions { LearningRate = null };
        Assert.Equal(50, auto.LearningRateFor(120));
        Assert.Equal(100, auto.LearningRateFor(1200));
        Assert.Equal(200, new TsneOptions().LearningRateFor(1200));
    }
}
