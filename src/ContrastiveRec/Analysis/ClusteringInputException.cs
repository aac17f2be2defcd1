namespace ContrastiveRec.Analysis;

/// <summary>Points that k-means cannot cluster into the asked number of groups, with what is wrong and where.</summary>
public sealed class ClusteringInputException(ClusteringInputProblem kind, string problem, int? pointIndex = null, object? target = null)
    : ContrastiveRecException(IdOf(kind).Id, IdOf(kind).Category, problem, IdOf(kind).Remedy, target)
{
    public ClusteringInputProblem Kind { get; } = kind;

    /// <summary>The offending point (for <see cref="ClusteringInputProblem.BadPoint"/>).</summary>
    public int? PointIndex { get; } = pointIndex;

    private static (string Id, RefusalCategory Category, string Remedy) IdOf(ClusteringInputProblem kind) => kind switch
    {
        ClusteringInputProblem.NoPoints => ("NoUsers", RefusalCategory.InvalidArgument,
            "Pipe ConvertTo-Tsne or Get-UserEmbedding output into Get-UserCluster or Measure-UserCluster."),
        ClusteringInputProblem.TooManyClusters => ("TooManyClusters", RefusalCategory.InvalidArgument, "Ask for fewer clusters (-Count)."),
        ClusteringInputProblem.TooFewClusters => ("TooManyClusters", RefusalCategory.InvalidArgument, "Ask for 2 clusters or more (-Count)."),
        _ => ("BadPoints", RefusalCategory.InvalidData, "Give every user the same number of finite coordinates (one model's embeddings, or one map)."),
    };
}
