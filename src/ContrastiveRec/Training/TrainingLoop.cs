using System.Diagnostics;
using ContrastiveRec.Data;
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

    /// <summary>Builds the objective (mining, modules) and trains it; the time taken counts both. With
    /// <paramref name="validation"/>, the model is scored after the epochs it names and may stop early with its best
    /// epoch's weights; <paramref name="reported"/> is the set the model then reports (the one a validation part was
    /// carved from), else the objective's.</summary>
    public static TrainedEncoder Run(TrainingOptions options, Func<Objective> build, Action<TrainingProgress>? progress, CancellationToken ct,
        TrainingValidation? validation = null, RatingSet? reported = null)
    {
        var clock = Stopwatch.StartNew();
        using var threads = IntraOpThreads.Use(options.Threads);
        var objective = build();
        var history = new List<double>(options.Epochs);
        var epochsCompleted = 0;
        using var stopping = validation is null ? null : new EarlyStopping(validation, objective);
        TrainedEncoder Stop(bool complete, bool early = false)
        {
            // Cancelled or stopped early: the best epoch's weights, when there is one.
            if (!complete || early) stopping?.RestoreBest();
            return Finish(objective, history, epochsCompleted, clock, complete, reported, stopping?.History(early));
        }
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
                        return Stop(complete: false);
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
                if (stopping is null || !stopping.Settings.After(epoch, options.Epochs)) continue;
                progress?.Invoke(new TrainingProgress(epoch, options.Epochs, batches, batches, sum / weights, sum / weights, clock.Elapsed)
                {
                    Stepping = stepping.Elapsed,
                    IsValidating = true,
                });
                try
                {
                    stopping.Validate(epoch, optimizer.LearningRate, ct);
                }
                catch (OperationCanceledException) when (options.KeepPartialOnCancel)
                {
                    return Stop(complete: false);
                }
                progress?.Invoke(new TrainingProgress(epoch, options.Epochs, batches, batches, sum / weights, sum / weights, clock.Elapsed)
                {
                    Stepping = stepping.Elapsed,
                    Validation = stopping.History(false),
                });
                // As Keras: patience that runs out at the last epoch still gives the best epoch's weights back.
                if (stopping.PatienceRanOut) return Stop(complete: true, early: true);
                if (stopping.ReduceLearningRateNow()) optimizer.LearningRate *= TrainingValidation.LearningRateFactor;
            }
            return Stop(complete: true);
        }
        catch
        {
            objective.Tower.Dispose();
            objective.Movies?.Dispose();
            throw;
        }
    }

    private static TrainedEncoder Finish(Objective objective, List<double> history, int epochs, Stopwatch clock, bool complete,
        RatingSet? reported, ValidationHistory? validation)
    {
        objective.Complete();
        objective.Tower.eval();
        objective.Movies?.eval();
        var set = reported ?? objective.Set;
        return new TrainedEncoder(objective.Tower, objective.Strategy, objective.Options, history.ToArray(), objective.Mining(),
            clock.Elapsed, epochs, complete, set, set.Users, DataReference.Of(set), objective.Movies) { Validation = validation };
    }
}
