namespace ContrastiveRec.Analysis;

/// <summary>Where a t-SNE run is: reported after every iteration. KL divergence is computed every 50 iterations and at the end.</summary>
public sealed record TsneProgress(int Iteration, int Iterations, double? KlDivergence, TimeSpan Elapsed)
{
    public double Fraction => (double)Iteration / Iterations;

    /// <summary>Estimated time to the last iteration at the pace so far (calibration included in the time spent).</summary>
    public TimeSpan? Remaining => ProgressEstimate.Remaining(Elapsed, Fraction);
}
