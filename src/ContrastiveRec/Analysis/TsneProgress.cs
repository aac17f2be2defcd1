namespace ContrastiveRec.Analysis;

/// <summary>
/// Where a t-SNE run is: reported after every iteration. KL divergence is computed every 50 iterations and at the end.
/// Barnes-Hut also reports its nearest-neighbour search first, with <paramref name="Iteration"/> 0 and
/// <paramref name="NeighbourSearch"/> the fraction of points searched; <paramref name="SetUp"/> is the time that search
/// and the calibration took, left out of the iterations' pace.
/// </summary>
public sealed record TsneProgress(int Iteration, int Iterations, double? KlDivergence, TimeSpan Elapsed,
    double? NeighbourSearch = null, TimeSpan SetUp = default)
{
    public double Fraction => (double)Iteration / Iterations;

    /// <summary>
    /// Estimated time to the last iteration at the pace so far; during the neighbour search, to the end of that search.
    /// Exact t-SNE counts its calibration in the time spent (SetUp is zero there).
    /// </summary>
    public TimeSpan? Remaining => NeighbourSearch is { } searched
        ? ProgressEstimate.Remaining(Elapsed, searched)
        : ProgressEstimate.Remaining(Elapsed - SetUp, Fraction);
}
