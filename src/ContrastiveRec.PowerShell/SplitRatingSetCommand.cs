using System.Management.Automation;
using ContrastiveRec.Data;

namespace ContrastiveRec.PowerShell;

/// <summary>
/// Gives a RatingSet another per-user train/test split (the ratings are shared, not copied); or carves a validation
/// part out of its train part (-Validation); or holds out whole users as newcomers (-HoldOutUsers).
/// </summary>
[Cmdlet(VerbsCommon.Split, "RatingSet", DefaultParameterSetName = SplitSet)]
[OutputType(typeof(RatingSet), ParameterSetName = new[] { SplitSet, ValidationSet })]
[OutputType(typeof(UserHoldOut), ParameterSetName = new[] { HoldOutSet })]
public sealed class SplitRatingSetCommand : ContrastiveRecCmdlet
{
    private const string SplitSet = "Split", ValidationSet = "Validation", HoldOutSet = "HoldOutUsers";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public RatingSet InputObject { get; set; } = null!;

    [Parameter(ParameterSetName = SplitSet)]
    [Parameter(ParameterSetName = ValidationSet)]
    [ValidateRange(0.0, 0.99)]
    [CoreDefault(typeof(SplitDefaults), nameof(SplitDefaults.TestFraction))]
    public double? TestFraction { get; set; }

    [Parameter]
    [CoreDefault(typeof(SplitDefaults), nameof(SplitDefaults.Seed))]
    public int? Seed { get; set; }

    [Parameter(ParameterSetName = SplitSet)]
    [Parameter(ParameterSetName = ValidationSet)]
    [Alias("SplitMethod")]
    [CoreDefault(typeof(SplitDefaults), nameof(SplitDefaults.Method))]
    public SplitMethod? Method { get; set; }

    /// <summary>Emit only the train rows, re-split so that the test part is a validation part.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ValidationSet)]
    public SwitchParameter Validation { get; set; }

    /// <summary>Share of users held out of training entirely, as newcomers.</summary>
    [Parameter(Mandatory = true, ParameterSetName = HoldOutSet)]
    [ValidateRange(0.0, 1.0)]
    public double HoldOutUsers { get; set; }

    [Parameter(ParameterSetName = HoldOutSet)]
    [ValidateRange(0.0, 0.99)]
    [CoreDefault(typeof(SplitDefaults), nameof(SplitDefaults.NewcomerTestFraction))]
    public double? NewcomerTestFraction { get; set; }

    protected override void ProcessRecord()
    {
        var (fraction, seed, method) = (TestFraction ?? SplitDefaults.TestFraction, Seed ?? SplitDefaults.Seed, Method ?? SplitDefaults.Method);
        switch (ParameterSetName)
        {
            case ValidationSet:
                // Run maps a refusal (NoTimestamps: a temporal split of ratings without timestamps).
                WriteObject(Run(() => InputObject.TrainPart(fraction, seed, method)));
                break;
            case HoldOutSet:
                // A share out of range is wrong for every set that follows too: its refusal stops here.
                WriteObject(Run(() => InputObject.HoldOutUsers(HoldOutUsers, seed, NewcomerTestFraction ?? SplitDefaults.NewcomerTestFraction)));
                break;
            default:
                WriteObject(Run(() => InputObject.WithSplit(method, fraction, seed)));
                break;
        }
    }
}
