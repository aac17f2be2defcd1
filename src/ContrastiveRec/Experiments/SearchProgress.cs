namespace ContrastiveRec.Experiments;

/// <summary>How far a <see cref="ParameterSearch"/> is: the trial running (from 1) of those planned, its setting and
/// stage, the share of the whole search done, and the best value so far.</summary>
public sealed record SearchProgress(int Trial, int Trials, string Setting, string Stage, double Fraction, TimeSpan Elapsed, double? Best, TimeSpan? TimeLeftInBudget)
{
    /// <summary>At the pace so far, and never beyond the time budget's end.</summary>
    public TimeSpan? Remaining => ProgressEstimate.Remaining(Elapsed, Fraction) is { } left && TimeLeftInBudget is { } budget
        ? (left < budget ? left : budget)
        : ProgressEstimate.Remaining(Elapsed, Fraction) ?? TimeLeftInBudget;
}
