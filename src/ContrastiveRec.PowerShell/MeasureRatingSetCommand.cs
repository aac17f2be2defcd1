using System.Management.Automation;
using ContrastiveRec.Analysis;
using ContrastiveRec.Data;

namespace ContrastiveRec.PowerShell;

/// <summary>Summarises a RatingSet (counts, density, rating distribution, activity per user and movie) with libtorch.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "RatingSet")]
[OutputType(typeof(RatingSetSummary))]
public sealed class MeasureRatingSetCommand : ContrastiveRecCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public RatingSet InputObject { get; set; } = null!;

    protected override void ProcessRecord()
    {
        if (TryRun(() => RatingSetSummary.Of(InputObject), out var summary, "EmptyRatingSet")) WriteObject(summary);
    }
}
