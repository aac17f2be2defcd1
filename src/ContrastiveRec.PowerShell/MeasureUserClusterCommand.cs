using System.Management.Automation;
using ContrastiveRec.Analysis;

namespace ContrastiveRec.PowerShell;

/// <summary>Scores several numbers of clusters (silhouette and inertia) so a user can choose one; the sweep is
/// <see cref="ClusterCountSweep"/>'s.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "UserCluster", DefaultParameterSetName = PointSet)]
[OutputType(typeof(ClusterCountScore))]
public sealed class MeasureUserClusterCommand : ClusterInputCmdlet
{
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ValidateRange(2, 1000)]
    [CoreDefault(typeof(ClusterCountSweep), nameof(ClusterCountSweep.DefaultCounts))]
    public int[]? Count { get; set; }

    [Parameter]
    [ValidateRange(2, int.MaxValue)]
    public int? SampleSize { get; set; }

    protected override void EndProcessing()
    {
        var counts = Count ?? ClusterCountSweep.DefaultCounts;
        CheckCount(counts.Max());
        var overall = new ProgressRecord(7, "Measure-UserCluster", "Cluster counts");
        var progress = new ProgressRecord(6, "Measure-UserCluster", "Clustering") { ParentActivityId = overall.ActivityId };
        void Show(ClusterCountProgress p)
        {
            var starting = p.Fit is null && p.Silhouette is null;
            overall.StatusDescription = $"{p.Count} clusters ({p.Step} of {p.Steps})";
            overall.PercentComplete = (int)(100 * p.Fraction);
            overall.SecondsRemaining = SecondsLeft(p.Remaining);
            TryWriteProgress(overall, now: starting);
            if (p.Fit is { } fit) ShowFit(progress, p.Count, fit);
            else if (p.Silhouette is { } silhouette) ShowSilhouette(progress, SampleSize is { } size ? Math.Min(size, Points.Count) : Points.Count, silhouette);
        }
        Run(() =>
        {
            foreach (var score in ClusterCountSweep.Run(Points, counts, SampleSize, SeedOrDefault, RestartsOrDefault, Show, Cancellation))
                WriteObject(score);
        });
        CompleteProgress(progress, overall);
    }
}
