using System.Management.Automation;
using ContrastiveRec.Analysis;

namespace ContrastiveRec.PowerShell;

/// <summary>
/// Collects what clustering cmdlets cluster, by property name: map points (UserId, X, Y, as ConvertTo-Tsne emits)
/// or embeddings (UserId, Vector, as Get-UserEmbedding emits); any object with those properties will do.
/// </summary>
public abstract class ClusterInputCmdlet : ContrastiveRecCmdlet
{
    protected const string PointSet = "Point";
    protected const string EmbeddingSet = "Embedding";

    private readonly List<object> _userIds = [];
    private readonly List<double[]> _points = [];

    /// <summary>The user's own id: a number or text, as the data names it.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [IdTransformation]
    public object UserId { get; set; } = null!;

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
    protected IReadOnlyList<object> UserIds => _userIds;
    protected IReadOnlyList<double[]> Points => _points;

    protected override void ProcessRecord()
    {
        _userIds.Add(UserId);
        if (IsMap && (X is null || Y is null))
        {
            ThrowTerminatingError(Refusal("NoMapPosition", RefusalCategory.InvalidData, $"User {UserId} has no X and Y (was it clustered on embeddings?).",
                "Lay the users out first (ConvertTo-Tsne), or pipe their embeddings (Get-UserEmbedding).", UserId));
        }
        _points.Add(IsMap ? [X!.Value, Y!.Value] : (double[])(Vector ?? []).Clone());
    }

    /// <summary>Stops with a clear error when nothing came in or <paramref name="count"/> clusters cannot be made (the core's check).</summary>
    protected void CheckCount(int count) => Run(() => KMeans.Validate(_points, count, _userIds));

    /// <summary>Runs k-means with a progress record (restart, iteration, time left).</summary>
    protected KMeansResult FitWithProgress(int count, ProgressRecord progress) =>
        Run(() => KMeans.Fit(Points, count, SeedOrDefault, RestartsOrDefault, ct: Cancellation, progress: p => ShowFit(progress, count, p)));

    /// <summary>Each point's silhouette with a progress record; every pair is measured, a block of rows at a time.</summary>
    protected double[] SilhouettesWithProgress(int[] labels, ProgressRecord progress) =>
        Run(() => Silhouette.Values(Points, labels, Cancellation, s => ShowSilhouette(progress, Points.Count, s)));

    protected void ShowFit(ProgressRecord progress, int count, KMeansProgress p)
    {
        progress.StatusDescription = $"{count} clusters: restart {p.Restart + 1}/{p.Restarts}, iteration {p.Iteration}";
        progress.PercentComplete = (int)(100 * p.Fraction);
        progress.SecondsRemaining = SecondsLeft(p.Remaining);
        TryWriteProgress(progress);
    }

    protected void ShowSilhouette(ProgressRecord progress, int points, SilhouetteProgress s)
    {
        progress.StatusDescription = $"Silhouette of {points:N0} users: {s.Fraction:P0}";
        progress.PercentComplete = (int)(100 * s.Fraction);
        progress.SecondsRemaining = SecondsLeft(s.Remaining);
        TryWriteProgress(progress);
    }

    [Parameter]
    [CoreDefault(typeof(KMeans), nameof(KMeans.DefaultSeed))]
    public int? Seed { get; set; }

    [Parameter]
    [ValidateRange(1, 1000)]
    [CoreDefault(typeof(KMeans), nameof(KMeans.DefaultRestarts))]
    public int? Restarts { get; set; }

    protected int SeedOrDefault => Seed ?? KMeans.DefaultSeed;
    protected int RestartsOrDefault => Restarts ?? KMeans.DefaultRestarts;
}
