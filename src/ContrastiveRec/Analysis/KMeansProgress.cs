namespace ContrastiveRec.Analysis;

/// <summary>Where a k-means fit is: reported after every Lloyd iteration (<paramref name="Restart"/> counts from 0).</summary>
public sealed record KMeansProgress(int Restart, int Restarts, int Iteration, int MaxIterations, TimeSpan Elapsed)
{
    /// <summary>Restarts done plus this one's iterations over the most it may take (so the estimate errs long).</summary>
    public double Fraction => (Restart + (double)Iteration / MaxIterations) / Restarts;

    public TimeSpan? Remaining => ProgressEstimate.Remaining(Elapsed, Fraction);
}
