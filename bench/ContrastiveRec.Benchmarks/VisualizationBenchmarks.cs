using System.Diagnostics;
using ContrastiveRec.Analysis;
using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using ContrastiveRec.Training;

namespace ContrastiveRec.Benchmarks;

internal static class VisualizationBenchmarks
{
    /// <summary>Exact t-SNE of every user of ml-latest-small (610 users, 200-d embeddings of a 1-epoch Strategy 4 model).</summary>
    public static IEnumerable<BenchResult> Tsne(BenchContext context)
    {
        var set = MovieLensReader.Read(context.DataFolder);
        using var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(4), new TrainingOptions { Epochs = 1 });
        var embeddings = model.GetEmbeddings();
        Analysis.Tsne.Embed(embeddings, new TsneOptions { Iterations = 20 }); // warm-up
        var times = new List<double>();
        TsneResult? last = null;
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            last = Analysis.Tsne.Embed(embeddings);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        var median = times.Order().ElementAt(1);
        var rss = new Dictionary<int, long>();
        Analysis.Tsne.Embed(embeddings, null, p => { if (p.Iteration is 100 or 1000) rss[p.Iteration] = Measure.RssBytes(); });
        var growth = rss[1000] - rss[100];
        yield return new BenchResult($"exact t-SNE of {embeddings.Length} users' {embeddings[0].Length}-d embeddings, 1,000 iterations (KL {last!.KlDivergence:0.000})",
            median / 1000, "s");
        yield return new BenchResult("  per iteration", median / 1000, "ms");
        yield return new BenchResult("  resident memory growth from iteration 100 to 1,000", growth / 1e6, "MB", "flat");

        // At the refusal limit: 5,000 random 50-d points, set-up (calibrating P) and iterations timed apart.
        var rng = new Random(1);
        var large = Enumerable.Range(0, TsneOptions.MaxExactPoints).Select(_ => Enumerable.Range(0, 50).Select(_ => (float)rng.NextDouble()).ToArray()).ToArray();
        Measure.ResetPeakRss();
        var before = Measure.RssBytes();
        var clock = Stopwatch.StartNew();
        double setup = 0;
        const int iterations = 30;
        Analysis.Tsne.Embed(large, new TsneOptions { Iterations = iterations }, p => { if (p.Iteration == 1) setup = clock.Elapsed.TotalMilliseconds; });
        var perIteration = (clock.Elapsed.TotalMilliseconds - setup) / (iterations - 1);
        yield return new BenchResult($"exact t-SNE at the limit ({TsneOptions.MaxExactPoints:N0} points, 50-d): set-up and first iteration", setup / 1000, "s");
        yield return new BenchResult("  per further iteration (1,000 iterations take about 1,000 times this)", perIteration, "ms");
        yield return new BenchResult("  peak resident memory above the start", (Measure.PeakRssBytes() - before) / 1e6, "MB");
    }
}
