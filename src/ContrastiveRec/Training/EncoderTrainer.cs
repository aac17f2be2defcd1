using ContrastiveRec.Data;
using ContrastiveRec.Pairs;

namespace ContrastiveRec.Training;

/// <summary>Trains a user encoder with the objective the options name (<see cref="TrainingOptions.Objective"/>),
/// through the one <see cref="TrainingLoop"/>.</summary>
public static class EncoderTrainer
{
    /// <summary>UserUser: mines the strategy's triplets and trains on them. UserMovie: trains against movies, adding
    /// the strategy's triplet loss when PairWeight is above 0.</summary>
    public static TrainedEncoder Train(
        RatingSet set, PairStrategy strategy, TrainingOptions options,
        Action<TrainingProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(options);
        // The triplet objective would train an id encoder and save a model that claims a profile encoder.
        if (options.Encoder != EncoderKind.Id && options.Objective != TrainingObjective.UserMovie)
            throw new ArgumentException(TrainingOptions.NeedsUserMovie(options.Encoder), nameof(options));
        if (options.RowWiseUpdates == true && options.Encoder != EncoderKind.Id)
            throw new ArgumentException(TrainingOptions.RowWiseNeedsIdEncoder(options.Encoder), nameof(options));
        options = options.ForUsers(set.UserCount);
        TrainingMemory.EnsureFits(set, options);
        return NativeBoundary.Guard("training the encoder", () => TrainingLoop.Run(options, () => options.Objective == TrainingObjective.UserMovie
            ? new UserMovieObjective(set, strategy, options, ct)
            : TripletObjective.Mine(set, strategy, options, ct), progress, ct));
    }

    /// <summary>Trains the study's objective on triplets mined beforehand (they must come from <paramref name="set"/>).</summary>
    public static TrainedEncoder Train(
        RatingSet set, TripletSet triplets, TrainingOptions options,
        Action<TrainingProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        options = options.ForUsers(set.UserCount);
        TrainingMemory.EnsureFits(set, options);
        return NativeBoundary.Guard("training the encoder", () => TrainingLoop.Run(options, () => new TripletObjective(set, triplets, options), progress, ct));
    }
}
