using System.Diagnostics;
using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using ContrastiveRec.Training;

namespace ContrastiveRec.Benchmarks;

internal static class TrainingBenchmarks
{
    public static IEnumerable<BenchResult> Mining(BenchContext context)
    {
        var set = MovieLensReader.Read(context.DataFolder);
        for (var preset = 1; preset <= 4; preset++)
        {
            var strategy = PairStrategy.FromPreset(preset);
            TripletSet? last = null;
            var ms = Measure.MedianMs(7, () => last = TripletMiner.Mine(set, strategy, 42));
            var s = last!.Statistics;
            yield return new BenchResult(
                $"mining Strategy {preset} on ml-latest-small ({s.Triplets:N0} triplets; kept train/test rows {s.TrainRowsKept:N0}/{s.TestRowsKept:N0})",
                ms, "ms", preset == 1 ? "well under 100 ms" : "");
        }
    }

    /// <summary>One epoch of Strategy 1, encoding each batch's distinct users once versus 3 x 512 rows per step,
    /// alternating the two so that machine load falls on both alike; peak RSS is measured per run.</summary>
    public static IEnumerable<BenchResult> Epoch(BenchContext context)
    {
        var set = MovieLensReader.Read(context.DataFolder);
        var strategy = PairStrategy.FromPreset(1);
        var triplets = TripletMiner.Mine(set, strategy, 42);
        var results = new Dictionary<bool, List<(double Ms, long Peak)>> { [true] = new(), [false] = new() };
        foreach (var dedup in new[] { true, false }) Run(dedup); // warm-up: libtorch initialisation, first allocations
        results[true].Clear();
        results[false].Clear();
        for (var i = 0; i < 3; i++)
            foreach (var dedup in new[] { true, false }) results[dedup].Add(Run(dedup));

        double Median(bool dedup) => results[dedup].Select(r => r.Ms).Order().ElementAt(1);
        long Peak(bool dedup) => results[dedup].Max(r => r.Peak);
        yield return new BenchResult($"one epoch of Strategy 1 ({triplets.Count:N0} triplets, batch 512), distinct users encoded once", Median(true), "ms");
        yield return new BenchResult("  same epoch, straightforward (3 x 512 rows encoded per step)", Median(false), "ms");
        yield return new BenchResult("  speed-up", Median(false) / Median(true), "x", ">= 2x");
        yield return new BenchResult("  peak resident memory of the process during the epoch, deduplicated / straightforward", Peak(true) / 1e6, $"MB / {Peak(false) / 1e6:0} MB");

        // The UserMovie objective: one epoch is a pass over every user's rated movies (all 95,787 train ratings).
        var userMovie = new double[3];
        for (var i = 0; i < userMovie.Length; i++)
        {
            var sw = Stopwatch.StartNew();
            using var m = EncoderTrainer.Train(set, strategy, TrainingOptions.UserMovieDefaults() with { Epochs = 1, Seed = i });
            userMovie[i] = sw.Elapsed.TotalMilliseconds;
        }
        var userMovieMs = userMovie.Order().ElementAt(1);
        yield return new BenchResult("one epoch of the UserMovie objective (id encoder, all movies as negatives, 64 users per step)", userMovieMs, "ms");
        yield return new BenchResult("  UserMovie epoch / UserUser (Strategy 1, deduplicated) epoch", userMovieMs / Median(true), "x", "<= 2x");

        // The Graph encoder: the same epoch, each step propagating over every train rating.
        var graph = new double[3];
        for (var i = 0; i < graph.Length; i++)
        {
            var sw = Stopwatch.StartNew();
            using var m = EncoderTrainer.Train(set, strategy, TrainingOptions.UserMovieDefaults(EncoderKind.Graph) with { Epochs = 1, Seed = i });
            graph[i] = sw.Elapsed.TotalMilliseconds;
        }
        var graphMs = graph.Order().ElementAt(1);
        yield return new BenchResult("one epoch of the Graph encoder (UserMovie defaults, 64 users per step)", graphMs, "ms");
        yield return new BenchResult("  Graph epoch / UserMovie id epoch", graphMs / userMovieMs, "x", "<= 3x");

        // Flat memory: RSS at the end of epoch 2 versus epoch 10 of one run.
        var rss = new Dictionary<int, long>();
        EncoderTrainer.Train(set, triplets, new TrainingOptions { Epochs = 10 }, p =>
        {
            if (p.Batch == p.Batches) rss[p.Epoch] = Measure.RssBytes();
        });
        yield return new BenchResult("  resident memory growth from epoch 2 to epoch 10", (rss[10] - rss[2]) / 1e6, "MB", "flat");

        (double, long) Run(bool dedup)
        {
            // libtorch keeps freed blocks for reuse, so a difference to a baseline would say little; the absolute
            // peak since the reset (the process's peak during this run) compares the two ways fairly.
            GC.Collect();
            Measure.ResetPeakRss();
            var sw = Stopwatch.StartNew();
            using var model = EncoderTrainer.Train(set, triplets, new TrainingOptions { Epochs = 1, DeduplicateUsers = dedup });
            var ms = sw.Elapsed.TotalMilliseconds;
            return (ms, Measure.PeakRssBytes());
        }
    }
}
