namespace ContrastiveRec.Training;

/// <summary>
/// Validation inside training: every <see cref="Interval"/> epochs (and after the last), the <see cref="Validator"/>
/// scores the model; with <see cref="Patience"/>, training stops after that many scores in a row without a new best and
/// the model gets the best epoch's weights back (RecBole's stopping_step, Keras' restore_best_weights), also when that
/// happens at the last epoch. A run whose patience never runs out ends with its last epoch's weights, exactly as
/// without validation.
/// </summary>
public sealed record TrainingValidation
{
    /// <summary>Epochs between two validations.</summary>
    public const int DefaultInterval = 1;

    /// <summary>What <see cref="ReduceLearningRateAfter"/> multiplies the learning rate by.</summary>
    public const double LearningRateFactor = 0.5;

    private readonly int _interval = DefaultInterval;
    private readonly int? _patience;
    private readonly int? _reduceAfter;

    public TrainingValidation(IEpochValidator validator) => Validator = validator ?? throw new ArgumentNullException(nameof(validator));

    public IEpochValidator Validator { get; }

    /// <summary>Validate after every this many epochs (and after the last epoch).</summary>
    public int Interval
    {
        get => _interval;
        init => _interval = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Interval), value, "Interval must be 1 or more.");
    }

    /// <summary>Stop after this many validations in a row without a new best score, restoring the best epoch's weights;
    /// null validates for the record only and never stops.</summary>
    public int? Patience
    {
        get => _patience;
        init => _patience = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Patience), value, "Patience must be 1 or more (or null).");
    }

    /// <summary>Reduce on plateau (Keras' ReduceLROnPlateau): after this many validations in a row without a new best,
    /// the learning rate is multiplied by <see cref="LearningRateFactor"/> and the count starts again; null keeps the
    /// learning rate as it is. Off by default (docs/results.md: what it did on the bundled set's validation split).</summary>
    public int? ReduceLearningRateAfter
    {
        get => _reduceAfter;
        init => _reduceAfter = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(ReduceLearningRateAfter), value, "ReduceLearningRateAfter must be 1 or more (or null).");
    }

    /// <summary>Whether epoch <paramref name="epoch"/> of <paramref name="epochs"/> ends with a validation.</summary>
    internal bool After(int epoch, int epochs) => epoch % Interval == 0 || epoch == epochs;
}
