namespace ContrastiveRec.Evaluation;

/// <summary>How far an evaluation is: the share of users ranked so far and the time spent.</summary>
public sealed record EvaluationProgress(double Fraction, TimeSpan Elapsed)
{
    /// <summary>Estimated time to the end at the pace so far.</summary>
    public TimeSpan? Remaining => ProgressEstimate.Remaining(Elapsed, Fraction);
}
