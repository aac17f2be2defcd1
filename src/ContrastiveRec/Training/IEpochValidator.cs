using ContrastiveRec.Data;

namespace ContrastiveRec.Training;

/// <summary>
/// Scores a model while it trains (<see cref="TrainingValidation"/>): the training loop hands it the model as it stands
/// after an epoch, and early stopping keeps the epoch that scored highest. Training defines it and the parts above it
/// implement it (Experiments' <c>EpochRecall</c> measures recall@K with the Full protocol's evaluator), so Training
/// needs no recommender or metric of its own.
/// </summary>
public interface IEpochValidator
{
    /// <summary>What <see cref="Score"/> measures, as the progress line and the history name it ("Recall@20").</summary>
    string Metric { get; }

    /// <summary>The ratings to validate on: the model trains on their train part only, and <see cref="Score"/> asks for
    /// their test part (the validation ratings), the train part being what the users are known to have rated.</summary>
    RatingSet Ratings { get; }

    /// <summary>How many users a pass scores (a fixed sample on a large set).</summary>
    int Users { get; }

    /// <summary>The score of <paramref name="model"/> (whose <see cref="TrainedEncoder.RatingSet"/> is <see cref="Ratings"/>);
    /// higher is better. It must honour <paramref name="ct"/> between small blocks of users, leave the model as it found it,
    /// and draw on no random generator that training uses.</summary>
    double Score(TrainedEncoder model, CancellationToken ct);
}
