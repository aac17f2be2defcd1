using System.Management.Automation;
using ContrastiveRec.Analysis;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>
/// Collects what clustering cmdlets cluster, by property name: map points (UserId, X, Y, as ConvertTo-Tsne emits)
/// or embeddings (UserId, Vector, as Get-UserEmbedding emits); any object with those properties will do.
/// </summary>
public abstract class ClusterInputCmdlet : ContrastiveRecCmdlet
{
    protected const string PointSet = "Point";
    protected const string EmbeddingSet = "Embedding";

    private readonly List<int> _userIds = [];
    private readonly List<double[]> _points = [];

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public int UserId { get; set; }

    // Nullable so that a missing position is refused rather than read as 0.
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PointSet)]
    [AllowNull]
    public double? X { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = PointSet)]
    [AllowNull]
    public double? Y { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = EmbeddingSet)]
    [AllowEmptyCollection]
    public double[] Vector { get; set; } = null!;

    protected bool IsMap => ParameterSetName == PointSet;
    protected IReadOnlyList<int> UserIds => _userIds;
    protected IReadOnlyList<double[]> Points => _points;

    protected override void ProcessRecord()
    {
        _userIds.Add(UserId);
        if (IsMap && (X is null || Y is null))
        {
            var message = $"User {UserId} has no X and Y (was it clustered on embeddings?).";
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), "ContrastiveRec.NoMapPosition", ErrorCategory.InvalidData, UserId));
        }
        _points.Add(IsMap ? [X!.Value, Y!.Value] : (double[])(Vector ?? []).Clone());
    }

    /// <summary>Stops with a clear error when nothing came in or <paramref name="count"/> clusters cannot be made.</summary>
    protected void CheckCount(int count)
    {
        if (_points.Count == 0)
        {
            const string message = "No users came in: there is nothing to cluster.";
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), "ContrastiveRec.NoUsers", ErrorCategory.InvalidArgument, null)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Pipe ConvertTo-Tsne or Get-UserEmbedding output into this command." },
            });
        }
        if (count > _points.Count)
        {
            var message = $"Cannot make {count} clusters of {_points.Count} users; -Count can be at most {_points.Count}.";
            ThrowTerminatingError(new ErrorRecord(new ArgumentOutOfRangeException(nameof(count), count, message), "ContrastiveRec.TooManyClusters",
                ErrorCategory.InvalidArgument, count)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Ask for fewer clusters." },
            });
        }
        var dim = _points[0].Length;
        var bad = _points.FindIndex(p => p.Length != dim || p.Length == 0 || p.Any(v => !double.IsFinite(v)));
        if (bad >= 0)
        {
            var message = $"User {_userIds[bad]} has {_points[bad].Length} coordinates{(_points[bad].Length == dim ? " with one that is not a finite number" : "")}; the first user has {dim}. All need the same number of finite coordinates.";
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), "ContrastiveRec.BadPoints", ErrorCategory.InvalidData, _userIds[bad]));
        }
    }
}
