namespace ContrastiveRec.Analysis;

/// <summary>Why points cannot be clustered (see <see cref="ClusteringInputException"/>).</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum ClusteringInputProblem
{
    NoPoints,
    TooManyClusters,
    TooFewClusters,

    /// <summary>A point has no coordinates, another count than the first, or one that is not a finite number.</summary>
    BadPoint,
}
