using System.Globalization;
using System.Management.Automation;
using ContrastiveRec.Analysis;

namespace ContrastiveRec.PowerShell;

/// <summary>Groups users into clusters with k-means (k-means++ seeding, seeded restarts) on map points or embeddings.</summary>
[Cmdlet(VerbsCommon.Get, "UserCluster", DefaultParameterSetName = PointSet)]
[OutputType(typeof(UserCluster))]
public sealed class GetUserClusterCommand : ClusterInputCmdlet
{
    [Parameter(Position = 0)]
    [ValidateRange(2, 1000)]
    [CoreDefault(typeof(KMeans), nameof(KMeans.DefaultCount))]
    public int? Count { get; set; }

    protected override void EndProcessing()
    {
        var count = Count ?? KMeans.DefaultCount;
        CheckCount(count);
        var progress = new ProgressRecord(6, "Get-UserCluster", "Clustering");
        var result = FitWithProgress(count, progress);
        var silhouette = SilhouettesWithProgress(result.Labels, progress);
        CompleteProgress(progress);
        WriteVerbose(string.Create(CultureInfo.InvariantCulture,
            $"{count} clusters of {Points.Count:N0} users (sizes {string.Join(", ", result.Sizes())}): silhouette score {silhouette.Average():0.0000}, inertia {result.Inertia:0.####}, best of {RestartsOrDefault} restarts"));
        for (var i = 0; i < Points.Count; i++)
            WriteObject(new UserCluster(UserIds[i], result.Labels[i], IsMap ? Points[i][0] : null, IsMap ? Points[i][1] : null, silhouette[i]));
    }
}
