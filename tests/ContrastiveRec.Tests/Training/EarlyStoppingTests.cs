using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using ContrastiveRec.Training;
using Xunit;
using static TorchSharp.torch;

namespace ContrastiveRec.Tests.Training;

/// <summary>Validation inside training: it changes no weight unless it stops the run, stops after Patience validations
/// without a new best, and then gives back exactly the best epoch's weights.</summary>
[Collection("Training")]
public class EarlyStoppingTests : IDisposable
{
    private readonly TestRatings _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly PairStrategy Loose = PairStrategy.FromPreset(1) with { MinLikers = 5, MinDislikers = 5 };

    /// <summary>Returns a scripted score per validation and records what it was shown; optionally does something to the
    /// run on a given validation (cancel it).</summary>
    private sealed class Scripted(RatingSet ratings, double[] scores, Action<int, CancellationToken>? on = null) : IEpochValidator
    {
        public List<float[]> Seen { get; } = new();
        public string Metric => "Scripted";
        public RatingSet Ratings => ratings;
        public int Users => ratings.UserCount;

        public double Score(TrainedEncoder model, CancellationToken ct)
        {
            Assert.Same(ratings, model.RatingSet);
            Seen.Add(model.Embeddings().Flat);
            on?.Invoke(Seen.Count, ct);
            return scores[Seen.Count - 1];
        }
    }

    public static TheoryData<string> Encoders => new() { "UserUser", "Id", "Profile", "Graph" };

    private static TrainingOptions Options(string encoder, int epochs) => (encoder switch
    {
        "UserUser" => new TrainingOptions { BatchSize = 256 },
        "Graph" => TrainingOptions.Defaults(TrainingObjective.UserMovie, EncoderKind.Graph) with { ContrastWeight = 0.1, BatchSize = 16 },
        _ => TrainingOptions.Defaults(TrainingObjective.UserMovie, Enum.Parse<EncoderKind>(encoder)) with { BatchSize = 16 },
    }) with { Epochs = epochs, InputDim = 16, HiddenDim = 16, LatentDim = 8, Threads = 1 };

    /// <summary>Every weight the model would save, flattened: the tower's and the movie table's parameters.</summary>
    private static float[] Weights(TrainedEncoder model)
    {
        var modules = model.Movies is null ? new nn.Module[] { model.Encoder } : [model.Encoder, model.Movies];
        return modules.SelectMany(m => m.parameters()).SelectMany(p => p.data<float>().ToArray()).ToArray();
    }

    [Theory]
    [MemberData(nameof(Encoders))]
    public void Validation_that_does_not_stop_the_run_changes_no_weight(string encoder)
    {
        var set = _files.WriteGroups();
        var validation = set.TrainPart(0.2, 5);
        var options = Options(encoder, 4);
        var scripted = new Scripted(validation, [0.1, 0.2, 0.3, 0.4]);
        // Every validation a new best: neither patience nor the learning-rate schedule ever acts.
        using var validated = EncoderTrainer.Train(set, Loose, options, validation: new TrainingValidation(scripted) { Patience = 100, ReduceLearningRateAfter = 1 });
        using var plain = EncoderTrainer.Train(validation, Loose, options);

        Assert.Equal(Weights(plain), Weights(validated));
        Assert.Equal(plain.GetEmbeddings().SelectMany(r => r), validated.GetEmbeddings().SelectMany(r => r));
        Assert.Equal(plain.LossHistory, validated.LossHistory);
        // Validated after every epoch, the last epoch's weights kept (no stop), the set reported the one carved from.
        Assert.Equal(4, scripted.Seen.Count);
        Assert.Equal([1, 2, 3, 4], validated.Validation!.Scores.Select(s => s.Epoch));
        Assert.Equal((4, false, true), (validated.Validation.BestEpoch, validated.Validation.StoppedEarly, validated.IsComplete));
        Assert.Same(set, validated.RatingSet);
        // What the validator was shown after the last epoch is the model the run returns.
        Assert.Equal(plain.Embeddings().Flat, scripted.Seen[^1]);
    }

    [Theory]
    [MemberData(nameof(Encoders))]
    public void Early_stopping_restores_the_best_epochs_weights_exactly(string encoder)
    {
        var set = _files.WriteGroups();
        var validation = set.TrainPart(0.2, 5);
        // Best after epoch 2; epochs 3 and 4 bring no gain (a tie is no gain), so patience 2 stops after epoch 4.
        var scripted = new Scripted(validation, [0.1, 0.3, 0.3, 0.2, 0.9, 0.9]);
        using var stopped = EncoderTrainer.Train(set, Loose, Options(encoder, 6), validation: new TrainingValidation(scripted) { Patience = 2 });
        using var best = EncoderTrainer.Train(validation, Loose, Options(encoder, 2));

        Assert.Equal(Weights(best), Weights(stopped));
        Assert.Equal(best.GetEmbeddings().SelectMany(r => r), stopped.GetEmbeddings().SelectMany(r => r));
        Assert.Equal(4, scripted.Seen.Count);
        Assert.Equal((4, 4, true), (stopped.EpochsCompleted, stopped.LossHistory.Count, stopped.IsComplete));
        Assert.Equal(best.LossHistory, stopped.LossHistory.Take(2));
        var history = stopped.Validation!;
        Assert.Equal((2, 0.3, true, 2), (history.BestEpoch, history.Best!.Value, history.StoppedEarly, history.Patience));
        Assert.Equal([0.1, 0.3, 0.3, 0.2], history.Scores.Select(s => s.Value));
    }

    [Fact]
    public void Patience_counts_validations_not_epochs_and_the_last_epoch_is_always_validated()
    {
        var set = _files.WriteGroups();
        var validation = set.TrainPart(0.2, 5);
        // Every 2 epochs of 7: after epochs 2, 4, 6 and 7. Best at 2; 4 and 6 bring nothing: patience 2 stops at 6.
        var scripted = new Scripted(validation, [0.5, 0.4, 0.45, 0.9]);
        using var model = EncoderTrainer.Train(set, Loose, Options("Id", 7), validation: new TrainingValidation(scripted) { Interval = 2, Patience = 2 });
        Assert.Equal([2, 4, 6], model.Validation!.Scores.Select(s => s.Epoch));
        Assert.Equal((6, 2, true), (model.EpochsCompleted, model.Validation.BestEpoch, model.Validation.StoppedEarly));

        // Without patience: validated for the record, never stopped, the odd last epoch validated too.
        var record = new Scripted(validation, [0.5, 0.4, 0.45, 0.3]);
        using var all = EncoderTrainer.Train(set, Loose, Options("Id", 7), validation: new TrainingValidation(record) { Interval = 2 });
        Assert.Equal([2, 4, 6, 7], all.Validation!.Scores.Select(s => s.Epoch));
        Assert.Equal((7, 2, false), (all.EpochsCompleted, all.Validation.BestEpoch, all.Validation.StoppedEarly));
    }

    [Fact]
    public void Reduce_on_plateau_halves_the_learning_rate_after_validations_without_gain()
    {
        var set = _files.WriteGroups();
        var validation = set.TrainPart(0.2, 5);
        var options = Options("Graph", 6);
        // Best at 1; 2 and 3 bring nothing: halved for epoch 4; 4 is a new best; 5 and 6 nothing: halved again (unused).
        var scripted = new Scripted(validation, [0.5, 0.4, 0.45, 0.6, 0.5, 0.55]);
        using var model = EncoderTrainer.Train(set, Loose, options, validation: new TrainingValidation(scripted) { ReduceLearningRateAfter = 2 });
        var lr = options.LearningRate;
        Assert.Equal([lr, lr, lr, lr / 2, lr / 2, lr / 2], model.Validation!.Scores.Select(s => s.LearningRate));
        Assert.Equal(6, model.EpochsCompleted);
        // The first three epochs are those of a run without the schedule; the halved steps after them are not.
        using var plain = EncoderTrainer.Train(validation, Loose, options);
        Assert.Equal(plain.LossHistory.Take(3), model.LossHistory.Take(3));
        Assert.NotEqual(plain.LossHistory[3], model.LossHistory[3]);
    }

    [Fact]
    public void Progress_reports_each_validation_after_its_epoch()
    {
        var set = _files.WriteGroups();
        var validation = set.TrainPart(0.2, 5);
        var steps = new List<TrainingProgress>();
        using var model = EncoderTrainer.Train(set, Loose, Options("Id", 3), steps.Add, validation: new TrainingValidation(new Scripted(validation, [0.2, 0.1, 0.3])));
        var reports = steps.Where(s => s.Validation is not null).ToList();
        Assert.Equal([1, 2, 3], reports.Select(s => s.Epoch));
        Assert.Equal([1, 2, 3], reports.Select(s => s.Validation!.Scores.Count));
        Assert.Equal([0.2, 0.1, 0.3], reports.Select(s => s.Validation!.Scores[^1].Value));
        Assert.Equal(3, steps.Count(s => s.IsValidating));
        Assert.All(reports, r => Assert.Equal(r.Batches, r.Batch));
    }

    [Fact]
    public void Ctrl_C_during_a_validation_stops_the_run_and_keeps_the_best_weights_when_asked()
    {
        var set = _files.WriteGroups();
        var validation = set.TrainPart(0.2, 5);
        // Ctrl+C pressed during the second validation, which then stops as a validator must.
        static Action<int, CancellationToken> DuringSecond(CancellationTokenSource cts) => (n, ct) =>
        {
            if (n != 2) return;
            cts.Cancel();
            ct.ThrowIfCancellationRequested();
        };

        // Without KeepPartialOnCancel the run throws, as on a Ctrl+C between batches.
        using var cts = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => EncoderTrainer.Train(set, Loose, Options("Id", 5), ct: cts.Token,
            validation: new TrainingValidation(new Scripted(validation, [0.5, 0.9], DuringSecond(cts)))));

        using var kept = new CancellationTokenSource();
        var options = Options("Id", 5) with { KeepPartialOnCancel = true };
        using var partial = EncoderTrainer.Train(set, Loose, options, ct: kept.Token,
            validation: new TrainingValidation(new Scripted(validation, [0.5, 0.9], DuringSecond(kept))) { Patience = 3 });
        using var first = EncoderTrainer.Train(validation, Loose, Options("Id", 1));
        Assert.False(partial.IsComplete);
        Assert.Equal(2, partial.EpochsCompleted);
        Assert.Equal(Weights(first), Weights(partial));
        Assert.Equal([1], partial.Validation!.Scores.Select(s => s.Epoch));
    }

    [Fact]
    public void Validation_ratings_must_be_carved_from_the_train_part_of_the_set_trained_on()
    {
        var set = _files.WriteGroups();
        var options = Options("Id", 1);
        TrainingValidation On(RatingSet ratings) => new(new Scripted(ratings, [0.1]));
        // The set itself: its test part would be validated on.
        Assert.Contains("itself", Refused.By("ValidationSetMismatch", RefusalCategory.InvalidArgument,
            () => EncoderTrainer.Train(set, Loose, options, validation: On(set))).Problem);
        // Another split of the same ratings: some of its ratings are the set's test ratings.
        var resplit = set.WithSplit(SplitMethod.Random, 0.2, 99).TrainPart(0.1, 5);
        Assert.Contains("is not among the train ratings", Refused.By("ValidationSetMismatch", RefusalCategory.InvalidArgument,
            () => EncoderTrainer.Train(set, Loose, options, validation: On(resplit))).Problem);
        // Other users.
        using var other = new TestRatings();
        var elsewhere = other.WriteGroups(usersPerGroup: 20).TrainPart(0.1, 5);
        Refused.By("ValidationSetMismatch", RefusalCategory.InvalidArgument, () => EncoderTrainer.Train(set, Loose, options, validation: On(elsewhere)));
    }

    [Fact]
    public void The_copy_of_the_best_weights_is_in_the_memory_estimate()
    {
        var options = TrainingOptions.Defaults(TrainingObjective.UserMovie, EncoderKind.Id);
        var plain = TrainingMemory.EstimateBytes(162_541, 59_047, 25_000_000, options);
        var keeping = TrainingMemory.EstimateBytes(162_541, 59_047, 25_000_000, options, keepsBest: true);
        // At least one more copy of the user table (row-wise at this size) and of the movie table.
        Assert.True(keeping - plain >= (162_541L * options.InputDim + 59_047L * (options.LatentDim + 1)) * sizeof(float));
    }

    [Fact]
    public void A_saved_model_keeps_what_validation_saw()
    {
        var set = _files.WriteGroups();
        var validation = set.TrainPart(0.2, 5);
        using var model = EncoderTrainer.Train(set, Loose, Options("Id", 3), validation: new TrainingValidation(new Scripted(validation, [0.2, 0.4, 0.1])) { Patience = 1 });
        var path = Path.Combine(_files.Folder, "validated.crec");
        model.Save(path);
        using var loaded = TrainedEncoder.Load(path, set);
        Assert.Equal(model.Validation!.Scores, loaded.Validation!.Scores);
        Assert.Equal((2, true, "Scripted", 1), (loaded.Validation.BestEpoch, loaded.Validation.StoppedEarly, loaded.Validation.Metric, loaded.Validation.Patience));
        Assert.Equal(model.Embeddings().Flat, loaded.Embeddings().Flat);
        using var plain = EncoderTrainer.Train(set, Loose, Options("Id", 1));
        plain.Save(path);
        using var plainLoaded = TrainedEncoder.Load(path, set);
        Assert.Null(plainLoaded.Validation);
    }
}
