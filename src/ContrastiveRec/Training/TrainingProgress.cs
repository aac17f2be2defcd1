namespace ContrastiveRec.Training;

/// <summary>Reported after every batch, on the training thread.</summary>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double BatchLoss, double EpochLoss, TimeSpan Elapsed)
{
    /// <summary>Share of all batches done, 0..1.</summary>
    public double Fraction => Epochs * (double)Batches == 0 ? 1 : ((Epoch - 1) * (double)Batches + Batch) / (Epochs * (double)Batches);

    /// <summary>True on the report made as a validation starts (the epoch's last batch again).</summary>
    public bool IsValidating { get; init; }

    /// <summary>Set on the report that follows a validation (the epoch's last batch again): the scores so far.</summary>
    public ValidationHistory? Validation { get; init; }

    /// <summary>Time spent on batches so far: Elapsed less the mining and building before the first batch.</summary>
    public TimeSpan Stepping { get; init; }

    /// <summary>Estimated time to the end of training at the pace of the batches so far (the time before the first
    /// batch, mining on a large set, would otherwise inflate the early estimates); null before the first batch.</summary>
    public TimeSpan? Remaining => ProgressEstimate.Remaining(Stepping > TimeSpan.Zero ? Stepping : Elapsed, Fraction);
}
