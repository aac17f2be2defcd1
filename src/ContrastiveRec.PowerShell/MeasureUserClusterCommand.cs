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

    [Parameter]
    [ValidateRange(2, int.MaxValue)]
    public int? SampleSize { get; set; }

    protected override void EndProcessing()
    {
        var counts = Count.Distinct().Order().ToArray();
        CheckCount(counts[^1]);
        var progress = new ProgressRecord(6, "Measure-UserCluster", "Clustering");
        var overall = new ProgressRecord(7, "Measure-UserCluster", "Cluster counts");
        // The same sample for every count, so their scores compare like with like.
        var sample = SampleSize is { } size && size < Points.Count
            ? Silhouette.Sample(Points.Count, size, Seed)
            : null;
        for (var i = 0; i < counts.Length; i++)
        {
            overall.StatusDescription = $"{counts[i]} clusters";
            overall.PercentComplete = 100 * i / counts.Length;
            WriteProgress(overall);
            progress.ParentActivityId = overall.ActivityId;
            var k = counts[i];
            var result = FitWithProgress(k, progress);
            var points = sample is null ? Points : sample.Select(j => Points[j]).ToArray();
            var labels = sample is null ? result.Labels : sample.Select(j => result.Labels[j]).ToArray();
            var score = SilhouettesWithProgress(points, labels, progress).Average();
            WriteObject(new ClusterCountScore(k, score, result.Inertia, new JoinedList<int>(result.Sizes())));
        }
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        overall.RecordType = ProgressRecordType.Completed;
        WriteProgress(overall);
    }
}
