using System.Management.Automation;
using ContrastiveRec.Data;

namespace ContrastiveRec.PowerShell;

/// <summary>Gives a RatingSet another per-user train/test split; the ratings themselves are shared, not copied.</summary>
[Cmdlet(VerbsCommon.Split, "RatingSet")]
[OutputType(typeof(RatingSet))]
public sealed class SplitRatingSetCommand : ContrastiveRecCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public RatingSet InputObject { get; set; } = null!;

    [Parameter]
    [ValidateRange(0.0, 0.99)]
    public double TestFraction { get; set; } = 0.05;

    [Parameter]
    public int Seed { get; set; } = 42;

    [Parameter]
    [Alias("SplitMethod")]
    public SplitMethod Method { get; set; } = SplitMethod.Random;

    protected override void ProcessRecord() =>
        WriteObject(InputObject.WithSplit(Method, TestFraction, Seed));
}
