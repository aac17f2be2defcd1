namespace ContrastiveRec.Recommendation;

/// <summary>How far the build of a baseline's item-item model has come (EASE, ItemKnn on a large catalogue take minutes).</summary>
/// <param name="Stage">What is being computed now ("Item Gram", "Cholesky factorisation", ...).</param>
/// <param name="Fraction">Share of the whole build done, 0..1, weighted by estimated work.</param>
public sealed record BaselineBuildProgress(string Stage, double Fraction, TimeSpan Elapsed)
{
    /// <summary>Estimated time to the end at the pace so far; null before any work is done.</summary>
    public TimeSpan? Remaining => ProgressEstimate.Remaining(Elapsed, Fraction);
}
