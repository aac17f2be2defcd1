using System.Management.Automation;
using ContrastiveRec.Analysis;

namespace ContrastiveRec.PowerShell;

/// <summary>Scores several numbers of clusters (silhouette and inertia) so a user can choose one.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "UserCluster", DefaultParameterSetName = PointSet)]
[OutputType(typeof(ClusterCountScore))]
public sealed class MeasureUserClusterCommand : ClusterInputCmdlet
{
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ValidateRange(2, 1000)]
    public int[] Count { get; set; } = [2, 3, 4, 5, 6, 7, 8];

    protected override void EndProcessing()
    {
        var counts = Count.Distinct().Order().ToArray();
        CheckCount(counts[^1]);
        var progress = new ProgressRecord(6, "Measure-UserCluster", "Clustering");
        for (var i = 0; i < counts.Length; i++)
        {
            progress.StatusDescription = $"{counts[i]} clusters";
            progress.PercentComplete = 100 * i / counts.Length;
            WriteProgress(progress);
            var k = counts[i];
            var result = Run(() => KMeans.Fit(Points, k, Seed, Restarts, ct: Cancellation));
            WriteObject(new ClusterCountScore(k, Silhouette.Score(Points, result.Labels), result.Inertia, result.Sizes()));
        }
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
    }
}
