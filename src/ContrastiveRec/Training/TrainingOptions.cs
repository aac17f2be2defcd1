namespace ContrastiveRec.Training;

/// <summary>Hyper-parameters of <see cref="EncoderTrainer.Train"/>; the defaults are the study's. Immutable, checked when set.</summary>
public sealed record TrainingOptions
{
    private readonly int _epochs = 20;
    private readonly int _batchSize = 512;
    private readonly double _learningRate = 1e-4;
    private readonly double _margin = 1.0;
    private readonly int _inputDim = 1024;
    private readonly int _hiddenDim = 600;
    private readonly int _latentDim = 200;

    public int Epochs { get => _epochs; init => _epochs = Positive(value, nameof(Epochs)); }
    public int BatchSize { get => _batchSize; init => _batchSize = Positive(value, nameof(BatchSize)); }

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate
    {
        get => _learningRate;
        init => _learningRate = double.IsFinite(value) && value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "LearningRate must be a positive number.");
    }

    /// <summary>Triplet loss margin: how much farther the negative must be than the positive.</summary>
    public double Margin
    {
        get => _margin;
        init => _margin = double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Margin), value, "Margin must be 0 or more.");
    }

    /// <summary>Seeds the weights (torch.manual_seed), the triplet mining and the per-epoch shuffles.</summary>
    public int Seed { get; init; } = 42;
    public int InputDim { get => _inputDim; init => _inputDim = Positive(value, nameof(InputDim)); }
    public int HiddenDim { get => _hiddenDim; init => _hiddenDim = Positive(value, nameof(HiddenDim)); }
    public int LatentDim { get => _latentDim; init => _latentDim = Positive(value, nameof(LatentDim)); }

    /// <summary>Encode each distinct user of a batch once and gather the triplet rows from that (same loss, less work);
    /// false encodes anchors, positives and negatives separately, as the study's code would.</summary>
    public bool DeduplicateUsers { get; init; } = true;

    /// <summary>On cancellation, return the model as trained so far (marked incomplete) instead of throwing.</summary>
    public bool KeepPartialOnCancel { get; init; }

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be 1 or more.");
}

/// <summary>Reported after every batch, on the training thread.</summary>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double BatchLoss, double EpochLoss, TimeSpan Elapsed)
{
    /// <summary>Share of all batches done, 0..1.</summary>
    public double Fraction => Epochs * (double)Batches == 0 ? 1 : ((Epoch - 1) * (double)Batches + Batch) / (Epochs * (double)Batches);
}
