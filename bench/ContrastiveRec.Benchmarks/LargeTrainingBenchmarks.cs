using System.Diagnostics;
using System.Globalization;
using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using ContrastiveRec.Training;
using static TorchSharp.torch;

namespace ContrastiveRec.Benchmarks;

/// <summary>
/// Training at scale (issue 10): Strategy 4 and UserMovie (id and profile encoders) with RowWiseUpdates on a large set
/// (<c>--data</c>, e.g. a generated ml-25m-sized folder). Each trains <c>--steps</c> steps (default 300) after 10
/// warm-up steps and extrapolates the epoch from the median step; a UserMovie step is also split into its parts
/// (forward and loss, backward, optimizer) with a stopwatch. Peak memory is the process's, reset before each run.
/// <c>--threads N</c> fixes libtorch's threads; <c>--only parts|usermovie|profile</c> stops after that part; <c>--only graph</c>
/// times one whole epoch of the Graph encoder instead (issue 11), in batches of <c>--graph-batch</c> users (default 8192).
/// </summary>
internal static class LargeTrainingBenchmarks
{
    public static IEnumerable<BenchResult> EpochLarge(BenchContext context)
    {
        var steps = int.Parse(Option("--steps", "300"), CultureInfo.InvariantCulture);
        // --threads N fixes libtorch's threads (on a loaded machine one thread avoids waiting for a descheduled one).
        int? threads = Option("--threads", "") is { Length: > 0 } t ? int.Parse(t, CultureInfo.InvariantCulture) : null;
        var only = Option("--only", "all");
        var clock = Stopwatch.StartNew();
        var set = MovieLensReader.Read(context.DataFolder);
        var name = $"{set.UserCount:N0} users, {set.MovieCount:N0} movies";
        yield return new BenchResult($"read {name}", clock.Elapsed.TotalSeconds, "s");

        if (only == "graphparts")
        {
            foreach (var r in GraphParts(set, threads)) yield return r;
            yield break;
        }
        if (only == "graph")
        {
            foreach (var r in GraphEpoch(set, name, threads)) yield return r;
            yield break;
        }
        foreach (var r in Parts(set, steps, threads)) yield return r;
        if (only == "parts") yield break;

        var userMovie = TrainingOptions.UserMovieDefaults(EncoderKind.Id) with { RowWiseUpdates = true, Epochs = 1, Threads = threads };
        foreach (var r in StepRuns(set, $"UserMovie (id, RowWiseUpdates) on {name}", userMovie, steps, "~70 ms", "64 users", "<= 3 min", "objective built")) yield return r;
        if (only == "usermovie") yield break;

        var profile = TrainingOptions.UserMovieDefaults(EncoderKind.Profile) with { RowWiseUpdates = true, Epochs = 1, Threads = threads };
        foreach (var r in StepRuns(set, $"UserMovie (profile, RowWiseUpdates) on {name}", profile, steps, "", "64 users", "<= 5 min", "objective built")) yield return r;
        if (only == "profile") yield break;

        var s4 = new TrainingOptions { RowWiseUpdates = true, Epochs = 1, Threads = threads };
        foreach (var r in StepRuns(set, $"Strategy 4 (RowWiseUpdates) on {name}", s4, steps, "", "512 triplets", "<= 5 min", "mining, objective built")) yield return r;
    }

    /// <summary>The median step of one training run, its CPU time, the epoch it extrapolates to, the time to the first
    /// progress record and the peak memory, reset before the run.</summary>
    private static IEnumerable<BenchResult> StepRuns(RatingSet set, string label, TrainingOptions options, int steps,
        string stepTarget, string batch, string epochTarget, string firstRecord)
    {
        GC.Collect();
        Measure.ResetPeakRss();
        var (batches, step, cpu, first) = Steps(set, PairStrategy.FromPreset(4), options, steps);
        yield return new BenchResult($"{label}: median step of {steps} (after 10 warm-up), wall", step, "ms", stepTarget);
        yield return new BenchResult("  median step, CPU time of the process", cpu, "ms");
        yield return new BenchResult($"  one epoch ({batches:N0} batches of {batch}), extrapolated from the wall time", step * batches / 60_000, "min", epochTarget);
        yield return new BenchResult($"  time to the first progress record ({firstRecord})", first, "s");
        yield return new BenchResult("  peak resident memory", Measure.PeakRssBytes() / 1e9, "GB");
    }

    /// <summary>One whole epoch of the Graph encoder (UserMovie defaults, larger batches): each step propagates over
    /// every rating, so an epoch costs (users / batch) propagations; the first step's time and the peak are reported.</summary>
    private static IEnumerable<BenchResult> GraphEpoch(RatingSet set, string name, int? threads)
    {
        var batch = int.Parse(Option("--graph-batch", "8192"), CultureInfo.InvariantCulture);
        GC.Collect();
        Measure.ResetPeakRss();
        var options = TrainingOptions.UserMovieDefaults(EncoderKind.Graph) with { Epochs = 1, BatchSize = batch, Threads = threads };
        var steps = new List<double>();
        TimeSpan? last = null;
        double first = 0;
        var clock = Stopwatch.StartNew();
        using var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), options, p =>
        {
            if (last is null) first = p.Elapsed.TotalSeconds;
            else steps.Add((p.Elapsed - last.Value).TotalSeconds);
            last = p.Elapsed;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  graph step {p.Batch}/{p.Batches} at {p.Elapsed.TotalSeconds:0.0} s, loss {p.EpochLoss:0.000}"));
        });
        var epoch = clock.Elapsed.TotalMinutes;
        yield return new BenchResult($"Graph encoder (UserMovie defaults, {options.Layers} layers, batches of {batch:N0} users) on {name}: one epoch, wall", epoch, "min", "<= 10 min");
        yield return new BenchResult("  first step (graph built, objective made, one step)", first, "s");
        if (steps.Count > 0) yield return new BenchResult("  median later step", steps.Order().ElementAt(steps.Count / 2), "s");
        yield return new BenchResult("  peak resident memory", Measure.PeakRssBytes() / 1e9, "GB");
    }

    private static string Option(string name, string fallback)
    {
        var args = Environment.GetCommandLineArgs();
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>Trains through the public path until <paramref name="steps"/> + 10 progress records, then cancels
    /// (KeepPartialOnCancel); step times are the differences of the records' clocks.</summary>
    private static (int Batches, double MedianStepMs, double MedianCpuMs, double FirstRecordSeconds) Steps(RatingSet set, PairStrategy strategy, TrainingOptions options, int steps)
    {
        using var cts = new CancellationTokenSource();
        var times = new List<double>();
        var cpu = new List<double>();
        var lastCpu = TimeSpan.Zero;
        var batches = 0;
        double first = 0;
        TimeSpan? last = null;
        using var model = EncoderTrainer.Train(set, strategy, options with { KeepPartialOnCancel = true }, p =>
        {
            batches = p.Batches;
            if (last is null) first = p.Elapsed.TotalSeconds;
            else times.Add((p.Elapsed - last.Value).TotalMilliseconds);
            var now = Cpu();
            if (last is not null) cpu.Add((now - lastCpu).TotalMilliseconds);
            lastCpu = now;
            last = p.Elapsed;
            if (times.Count >= steps + 10 || p.Batch == p.Batches) cts.Cancel();
        }, cts.Token);
        return (batches, Median(times), Median(cpu), first);
    }

    private static double Median(List<double> times)
    {
        var measured = times.Skip(Math.Min(10, times.Count / 2)).Order().ToArray();
        return measured[measured.Length / 2];
    }

    /// <summary>The process's CPU time (user and kernel, all threads): on a machine shared with other work, a
    /// fairer measure of a step's cost than its wall time.</summary>
    private static TimeSpan Cpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>A Graph step split into propagation, loss, backward through the loss, backward through the graph and
    /// the optimizer, for batches of <c>--graph-batch</c> users.</summary>
    private static IEnumerable<BenchResult> GraphParts(RatingSet set, int? threads)
    {
        using var intraOp = IntraOpThreads.Use(threads);
        var batch = int.Parse(Option("--graph-batch", "8192"), CultureInfo.InvariantCulture);
        var options = TrainingOptions.UserMovieDefaults(EncoderKind.Graph) with { BatchSize = batch };
        var sw = Stopwatch.StartNew();
        var objective = new UserMovieObjective(set, PairStrategy.FromPreset(1), options, CancellationToken.None);
        yield return new BenchResult($"Graph objective built (graph of {set.TrainCount:N0} ratings)", sw.Elapsed.TotalSeconds, "s");
        var graph = UserMovieObjective.TrainGraph(set.UserCount, set.MovieCount, ProfileEncoder.ProfilesOf(set));
        using (var x = randn(graph.Nodes, options.LatentDim))
        {
            sw.Restart();
            using var layer = graph.Layer(x);
            yield return new BenchResult($"  one propagation layer, {graph.Nodes:N0} nodes x {options.LatentDim}", sw.Elapsed.TotalSeconds, "s");
        }
        using var optimizer = objective.CreateOptimizer();
        objective.Tower.train();
        objective.Movies!.train();
        objective.Shuffle(new Random(1));
        for (var b = 0; b < 2; b++)
        {
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            sw.Restart();
            using var loss = objective.BatchLoss(b, b * batch, batch);
            loss.item<float>();
            var forward = sw.Elapsed.TotalSeconds;
            sw.Restart();
            objective.Backward(loss);
            var backward = sw.Elapsed.TotalSeconds;
            sw.Restart();
            optimizer.Step();
            var step = sw.Elapsed.TotalSeconds;
            yield return new BenchResult($"  step {b + 1}: propagation and loss / backward (loss and graph) / optimizer", forward, $"s / {backward:0.00} s / {step:0.00} s");
        }
    }

    /// <summary>A UserMovie (id, RowWiseUpdates) step split into forward and loss, backward and optimizer.</summary>
    private static IEnumerable<BenchResult> Parts(RatingSet set, int steps, int? threads)
    {
        using var intraOp = IntraOpThreads.Use(threads);
        var options = TrainingOptions.UserMovieDefaults(EncoderKind.Id) with { RowWiseUpdates = true };
        var objective = new UserMovieObjective(set, PairStrategy.FromPreset(1), options, CancellationToken.None);
        using var optimizer = objective.CreateOptimizer();
        objective.Tower.train();
        objective.Movies!.train();
        objective.Shuffle(new Random(1));
        var n = Math.Min(steps, TrainingLoop.Batches(objective.Rows, options.BatchSize));
        var parts = new double[6][];
        for (var p = 0; p < 6; p++) parts[p] = new double[n];
        for (var b = 0; b < n; b++)
        {
            using var scope = NewDisposeScope();
            var sw = Stopwatch.StartNew();
            var cpu = Cpu();
            optimizer.ZeroGrad();
            var size = Math.Min(options.BatchSize, objective.Rows - b * options.BatchSize);
            using var loss = objective.BatchLoss(b, b * options.BatchSize, size);
            loss.item<float>();
            (parts[0][b], parts[3][b]) = (sw.Elapsed.TotalMilliseconds, (Cpu() - cpu).TotalMilliseconds);
            sw.Restart();
            cpu = Cpu();
            loss.backward();
            (parts[1][b], parts[4][b]) = (sw.Elapsed.TotalMilliseconds, (Cpu() - cpu).TotalMilliseconds);
            sw.Restart();
            cpu = Cpu();
            optimizer.Step();
            (parts[2][b], parts[5][b]) = (sw.Elapsed.TotalMilliseconds, (Cpu() - cpu).TotalMilliseconds);
        }
        objective.Tower.Dispose();
        objective.Movies.Dispose();
        string[] names = ["forward and loss", "backward", "optimizer step"];
        for (var p = 0; p < 3; p++)
            yield return new BenchResult($"UserMovie step part: {names[p]} (median of {n}), wall / CPU", Median(parts[p].ToList()), $"ms / {Median(parts[p + 3].ToList()):0.#} ms");
    }
}
