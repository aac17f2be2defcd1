using System.Diagnostics;
using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>
/// The training loop every objective shares: seeding, epochs of shuffled batches, Adam steps, cancellation
/// (with KeepPartialOnCancel), progress, the loss history and the clock.
/// </summary>
internal static class TrainingLoop
{
    // torch.manual_seed is process-wide: seeding and building the model must not interleave with another training.
    private static readonly object SeedLock = new();

    /// <summary>Seeds torch and builds the modules as one step, so the same seed gives the same initial weights.</summary>
    public static T Seeded<T>(int seed, Func<T> build)
    {
        lock (SeedLock)
        {
            manual_seed(seed);
            return build();
        }
    }

    public static int Batches(int rows, int batchSize) => (rows + batchSize - 1) / batchSize;

    /// <summary>Builds the objective (mining, modules) and trains it; the time taken counts both.</summary>
    public static TrainedEncoder Run(TrainingOptions options, Func<Objective> build, Action<TrainingProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var threads = IntraOpThreads.Use(options.Threads);
        var objective = build();
        var history = new List<double>(options.Epochs);
        var epochsCompleted = 0;
        try
        {
            using var optimizer = objective.CreateOptimizer();
            var rows = objective.Rows;
            var batches = Batches(rows, options.BatchSize);
            var shuffle = new Random(options.Seed);
            objective.Tower.train();
            objective.Movies?.train();
            var stepping = Stopwatch.StartNew();

            for (var epoch = 1; epoch <= options.Epochs; epoch++)
            {
                objective.Shuffle(shuffle);
                double sum = 0;
                var weights = 0; // rows or batches so far, as the objective averages
                for (var b = 0; b < batches; b++)
                {
                    if (ct.IsCancellationRequested)
                    {
                        if (!options.KeepPartialOnCancel) ct.ThrowIfCancellationRequested();
                        return Finish(objective, history, epochsCompleted, clock, complete: false);
                    }
                    var from = b * options.BatchSize;
                    var size = Math.Min(options.BatchSize, rows - from);
                    double loss;
                    using (NewDisposeScope())
                    {
                        optimizer.ZeroGrad();
                        using var l = objective.BatchLoss(b, from, size);
                        objective.Backward(l);
                        optimizer.Step();
                        loss = l.item<float>();
                    }
                    var weight = objective.WeighsBatchesBySize ? size : 1;
                    sum += loss * weight;
                    weights += weight;
                    progress?.Invoke(new TrainingProgress(epoch, options.Epochs, b + 1, batches, loss, sum / weights, clock.Elapsed) { Stepping = stepping.Elapsed });
                }
                history.Add(sum / weights);
                epochsCompleted = epoch;
            }
            return Finish(objective, history, epochsCompleted, clock, complete: true);
        }
        catch
        {
            objective.Tower.Dispose();
            objective.Movies?.Dispose();
            throw;
        }
    }

    private static TrainedEncoder Finish(Objective objective, List<double> history, int epochs, Stopwatch clock, bool complete)
    {
        objective.Complete();
        objective.Tower.eval();
        objective.Movies?.eval();
        var set = objective.Set;
        return new TrainedEncoder(objective.Tower, objective.Strategy, objective.Options, history.ToArray(), objective.Mining(),
            clock.Elapsed, epochs, complete, set, set.Users, DataReference.Of(set), objective.Movies);
    }
}
