using ContrastiveRec.Data;
using ContrastiveRec.Pairs;

namespace ContrastiveRec.Training;

/// <summary>Trains a user encoder with the objective the options name (<see cref="TrainingOptions.Objective"/>),
/// through the one <see cref="TrainingLoop"/>.</summary>
public static class EncoderTrainer
{
    /// <summary>UserUser: mines the strategy's triplets and trains on them. UserMovie: trains against movies, adding
    /// the strategy's triplet loss when PairWeight is above 0. <paramref name="name"/> names the model (else
    /// <see cref="TrainedEncoder.DefaultName"/>); it is checked before training starts. With <paramref name="validation"/>,
    /// the model learns from the train part of its validator's ratings (which must be carved from
    /// <paramref name="set"/>'s train part: <see cref="RatingSet.TrainPart"/>), is scored on their test part as it trains,
    /// may stop early (<see cref="TrainingValidation"/>), and reports <paramref name="set"/> as its data.</summary>
    /// <exception cref="ContrastiveRecException">ValidationSetMismatch: the validation ratings are not carved from
    /// <paramref name="set"/>'s train part.</exception>
    public static TrainedEncoder Train(
        RatingSet set, PairStrategy strategy, TrainingOptions options,
        Action<TrainingProgress>? progress = null, CancellationToken ct = default, string? name = null, TrainingValidation? validation = null)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var learnFrom = validation is null ? set : ValidationCheck.CarvedFrom(set, validation.Validator.Ratings);
        options = Checked(learnFrom, options, name, keepsBest: validation is not null);
        // The model records its strategy on the set's scale (Strategy 4 likes at 8 on 1-10). UserMovie without pairs
        // mines nothing, so it trains on implicit data too, keeping the strategy as given.
        if (!(set.Feedback.IsImplicit && options.Objective == TrainingObjective.UserMovie && options.PairWeight == 0))
            strategy = strategy.On(set);
        return Named(NativeBoundary.Guard("training the encoder", () => TrainingLoop.Run(options, () => options.Objective == TrainingObjective.UserMovie
            ? new UserMovieObjective(learnFrom, strategy, options, ct)
            : TripletObjective.Mine(learnFrom, strategy, options, ct), progress, ct, validation, validation is null ? null : set)), name).PrepareAnswers();
    }

    /// <summary>Trains the study's objective on triplets mined beforehand (they must come from <paramref name="set"/>).</summary>
    public static TrainedEncoder Train(
        RatingSet set, TripletSet triplets, TrainingOptions options,
        Action<TrainingProgress>? progress = null, CancellationToken ct = default, string? name = null)
    {
        options = Checked(set, options, name, TrainingObjective.UserUser);
        return Named(NativeBoundary.Guard("training the encoder", () => TrainingLoop.Run(options, () => new TripletObjective(set, triplets, options), progress, ct)), name).PrepareAnswers();
    }

    /// <summary>The checks of both overloads, before any work: the options must describe the model the overload makes
    /// (<paramref name="onlyTrains"/>, when it trains one objective whatever the options say), since its file records
    /// them and a file that claims another model cannot load; and the model must fit in memory. Returns the options
    /// with RowWiseUpdates decided and the threads capped at the cores, as the model records them.</summary>
    private static TrainingOptions Checked(RatingSet set, TrainingOptions options, string? name, TrainingObjective? onlyTrains = null, bool keepsBest = false)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        if (name is not null) ModelName.Check(name, nameof(name));
        if (onlyTrains is { } trains && options.Objective != trains)
            throw new ArgumentException($"Triplets mined beforehand train the study's objective ({trains}), not {options.Objective}: train {options.Objective} from a pair strategy instead.", nameof(options));
        // The triplet objective would train an id encoder and save a model that claims a profile encoder.
        if (options.Encoder != EncoderKind.Id && options.Objective != TrainingObjective.UserMovie)
            throw TrainingOptions.EncoderNeedsUserMovie(options.Encoder);
        if (options.RowWiseUpdates == true && options.Encoder == EncoderKind.Graph)
            throw TrainingOptions.RowWiseNeedsIdEncoder(options.Encoder);
        options = options.ForSet(set.UserCount, set.MovieCount).ForThisMachine();
        TrainingMemory.EnsureFits(set, options, keepsBest);
        return options;
    }

    // Set before the model leaves training, so a partial model saved on Ctrl+C carries the name too.
    private static TrainedEncoder Named(TrainedEncoder model, string? name)
    {
        if (name is not null) model.Name = name;
        return model;
    }
}
