namespace ContrastiveRec.Analysis;

/// <summary>Points that k-means cannot cluster into the asked number of groups, with what is wrong and where.</summary>
public sealed class ClusteringInputException(ClusteringInputProblem problem, string message, int? pointIndex = null)
    : ArgumentException(message)
{
    public ClusteringInputProblem Problem { get; } = problem;

    /// <summary>The offending point (for <see cref="ClusteringInputProblem.BadPoint"/>).</summary>
    public int? PointIndex { get; } = pointIndex;
}
