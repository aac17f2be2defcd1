namespace ContrastiveRec.Analysis;

/// <summary>Where a silhouette measurement is: the share of points whose values are done, after each block of rows.</summary>
public sealed record SilhouetteProgress(double Fraction, TimeSpan Elapsed)
{
    public TimeSpan? Remaining => ProgressEstimate.Remaining(Elapsed, Fraction);
}
