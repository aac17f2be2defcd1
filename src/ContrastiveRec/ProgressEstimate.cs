namespace ContrastiveRec;

/// <summary>Time left from time spent, assuming the rest goes at the pace so far (what every progress record reports).</summary>
public static class ProgressEstimate
{
    /// <summary>Null before any work is done (no pace yet); zero once it is all done.</summary>
    public static TimeSpan? Remaining(TimeSpan elapsed, double fraction) =>
        fraction <= 0 || double.IsNaN(fraction) ? null
        : fraction >= 1 ? TimeSpan.Zero
        : TimeSpan.FromTicks((long)Math.Min(TimeSpan.MaxValue.Ticks, elapsed.Ticks * ((1 - fraction) / fraction)));
}
