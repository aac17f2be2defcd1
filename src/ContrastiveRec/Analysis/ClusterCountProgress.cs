namespace ContrastiveRec.Analysis;

/// <summary>Where a <see cref="ClusterCountSweep"/> is: count <see cref="Count"/>, the <see cref="Step"/>-th of <see cref="Steps"/>,
/// being fitted (<see cref="Fit"/>) or measured (<see cref="Silhouette"/>); both null as a count starts.</summary>
public sealed record ClusterCountProgress(int Count, int Step, int Steps, KMeansProgress? Fit, SilhouetteProgress? Silhouette, TimeSpan Elapsed)
{
    /// <summary>Share of this count's work done: its fit is taken as the first half, its silhouette as the second.</summary>
    public double StepFraction => Silhouette is { } s ? 0.5 + 0.5 * s.Fraction : Fit is { } f ? 0.5 * f.Fraction : 0;

    /// <summary>Share of the sweep done, each count an equal part (larger counts take longer, so the estimate errs short early on).</summary>
    public double Fraction => Steps == 0 ? 1 : (Step - 1 + StepFraction) / Steps;

    /// <summary>Time left in the stage under way (fit or silhouette), at its own pace.</summary>
    public TimeSpan? StageRemaining => Silhouette?.Remaining ?? Fit?.Remaining;

    /// <summary>Time left in the whole sweep at the pace so far; null before any work is done.</summary>
    public TimeSpan? Remaining => ProgressEstimate.Remaining(Elapsed, Fraction);
}
