using System.Diagnostics;
using System.Globalization;
using ContrastiveRec.Analysis;
using ContrastiveRec.Visualization;

namespace ContrastiveRec.Benchmarks;

/// <summary>
/// The analysis path on all users of an ml-25m-sized set: Barnes-Hut t-SNE, k-means and silhouette, and the plot, of
/// N points (--points, default 162,541: ml-25m's users). The points are 200-d unit vectors with planted clusters
/// (--clusters, default 20) standing in for a trained model's embeddings; trustworthiness@10 of Barnes-Hut against
/// exact t-SNE is measured on the first 5,000 of them.
/// </summary>
internal static class TsneLargeBenchmarks
{
    public static IEnumerable<BenchResult> Run(BenchContext context)
    {
        var n = IntArg("--points", 162_541);
        var clusters = IntArg("--clusters", 20);
        var points = PlantedUnitVectors(n, 200, clusters, seed: 7);
        // --only tsne,trust,cluster,plot runs some of the stages (the plot needs the map and the clusters).
        var only = StringArg("--only")?.Split(',') ?? ["tsne", "trust", "cluster", "plot"];

        Measure.ResetPeakRss();
        var before = Measure.RssBytes();
        var clock = Stopwatch.StartNew();
        double setUp = 0;
        var options = new TsneOptions { LearningRate = null };
        TsneResult? map = null;
        if (only.Contains("tsne") || only.Contains("plot"))
            map = Tsne.Embed(points, options, p =>
            {
                if (p.Iteration == 1) setUp = clock.Elapsed.TotalSeconds;
                if (p.Iteration % 50 == 0) Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  iteration {p.Iteration} at {clock.Elapsed.TotalSeconds:0.0} s"));
            });
        var tsneSeconds = clock.Elapsed.TotalSeconds;
        var tsnePeak = Measure.PeakRssBytes();
        if (map is not null)
        {
            yield return new BenchResult(string.Create(CultureInfo.InvariantCulture,
                $"Barnes-Hut t-SNE of {n:N0} planted 200-d points, 1,000 iterations, automatic learning rate (KL {map.KlDivergence:0.000})"), tsneSeconds, "s", "<= 600 s");
            yield return new BenchResult("  of which nearest neighbours and calibration", setUp, "s");
            yield return new BenchResult("  peak resident memory (process)", tsnePeak / 1e6, "MB");
            yield return new BenchResult("  peak resident memory above the start", (tsnePeak - before) / 1e6, "MB");
        }
        if (only.Contains("trust"))
            foreach (var r in TrustworthinessAgainstExact(points)) yield return r;
        if (!only.Contains("cluster") && !only.Contains("plot")) yield break;

        var vectors = points.Select(p => p.Select(v => (double)v).ToArray()).ToArray();
        Measure.ResetPeakRss();
        clock.Restart();
        var kmeans = KMeans.Fit(vectors, clusters, restarts: 3);
        yield return new BenchResult($"k-means of {n:N0} 200-d points into {clusters} clusters, best of 3 restarts ({kmeans.Iterations} iterations)", clock.Elapsed.TotalSeconds, "s");
        clock.Restart();
        var silhouette = Silhouette.Values(vectors, kmeans.Labels);
        yield return new BenchResult($"silhouette of every point, 200-d (score {silhouette.Average():0.0000})", clock.Elapsed.TotalSeconds, "s");
        yield return new BenchResult("  peak resident memory (process) during clustering", Measure.PeakRssBytes() / 1e6, "MB");

        if (map is null) yield break;
        var plotPoints = Enumerable.Range(0, n).Select(i => new PlotPoint(map.X[i], map.Y[i], kmeans.Labels[i])).ToArray();
        var path = Path.Combine(context.ResultsFolder, $"tsne-large-{n}.png");
        clock.Restart();
        EmbeddingPlot.SavePng(plotPoints, path, new ChartOptions { Title = $"{n:N0} users" });
        yield return new BenchResult($"plot of {n:N0} points ({path})", clock.Elapsed.TotalSeconds, "s");
    }

    private static IEnumerable<BenchResult> TrustworthinessAgainstExact(float[][] points)
    {
        var n = points.Length;
        var sample = points.Take(Math.Min(5000, n)).ToArray();
        var original = sample.Select(p => p.Select(v => (double)v).ToArray()).ToArray();
        var exactClock = Stopwatch.StartNew();
        var exact = Tsne.Embed(sample, new TsneOptions { Method = TsneMethod.Exact });
        var exactSeconds = exactClock.Elapsed.TotalSeconds;
        var bhClock = Stopwatch.StartNew();
        var barnesHut = Tsne.Embed(sample, new TsneOptions { Method = TsneMethod.BarnesHut });
        var bhSeconds = bhClock.Elapsed.TotalSeconds;
        var exactTrust = Trustworthiness.Compute(original, Layout(exact), 10);
        var bhTrust = Trustworthiness.Compute(original, Layout(barnesHut), 10);
        yield return new BenchResult($"trustworthiness@10 of exact t-SNE, {sample.Length:N0} points ({exactSeconds:0.0} s)", exactTrust, "");
        yield return new BenchResult($"trustworthiness@10 of Barnes-Hut t-SNE, same points ({bhSeconds:0.0} s)", bhTrust, "");
        yield return new BenchResult("  exact minus Barnes-Hut", exactTrust - bhTrust, "", "<= 0.01");

    }

    private static string? StringArg(string name)
    {
        var args = Environment.GetCommandLineArgs();
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntArg(string name, int fallback)
    {
        var args = Environment.GetCommandLineArgs();
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static double[][] Layout(TsneResult r) => Enumerable.Range(0, r.Count).Select(i => new[] { r.X[i], r.Y[i] }).ToArray();

    /// <summary>Unit vectors around <paramref name="clusters"/> random unit centres (noise of norm about 1 before normalising).</summary>
    internal static float[][] PlantedUnitVectors(int n, int dim, int clusters, int seed)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var centres = Enumerable.Range(0, clusters).Select(_ => Unit(Enumerable.Range(0, dim).Select(_ => Normal()).ToArray())).ToArray();
        var points = new float[n][];
        for (var i = 0; i < n; i++)
        {
            var c = centres[rng.Next(clusters)];
            var v = new double[dim];
            for (var d = 0; d < dim; d++) v[d] = c[d] + Normal() / Math.Sqrt(dim);
            points[i] = Array.ConvertAll(Unit(v), x => (float)x);
        }
        return points;
    }

    private static double[] Unit(double[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }
}
