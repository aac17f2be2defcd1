namespace ContrastiveRec.Training;

/// <summary>Reported after every batch, on the training thread.</summary>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double BatchLoss, double EpochLoss, TimeSpan Elapsed)
{
    /// <summary>Share of all batches done, 0..1.</summary>
    public double Fraction => Epochs * (double)Batches == 0 ? 1 : ((Epoch - 1) * (double)Batches + Batch) / (Epochs * (double)Batches);

    /// <summary>Estimated time to the end of training at the pace so far; null before the first batch.</summary>
    public TimeSpan? Remaining => ProgressEstimate.Remaining(Elapsed, Fraction);
}
