using System.Management.Automation;
using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>Shows the (anchor, positive, negative) user triplets a pair strategy mines from the train ratings.</summary>
[Cmdlet(VerbsCommon.Get, "ContrastivePair")]
[OutputType(typeof(ContrastivePair))]
public sealed class GetContrastivePairCommand : ContrastiveRecCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public RatingSet InputObject { get; set; } = null!;

    [Parameter(Position = 0)]
    [PairStrategyTransformation]
    [ArgumentCompleter(typeof(PairStrategyPresetCompleter))]
    [CoreDefault(typeof(PairStrategy), nameof(PairStrategy.Preset))]
    public PairStrategy Strategy { get; set; } = new();

    /// <summary>Seeds the mining as training does.</summary>
    [Parameter]
    [CoreDefault(typeof(TrainingOptions), nameof(TrainingOptions.Seed))]
    public int? Seed { get; set; }

    /// <summary>Unset: every triplet.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? First { get; set; }

    protected override void ProcessRecord()
    {
        var triplets = Run(() => TripletMiner.Mine(InputObject, Strategy, Seed ?? new TrainingOptions().Seed, Cancellation));
        WriteVerbose($"{Strategy}: {triplets.Statistics}");
        var pairs = triplets.Describe(InputObject);
        foreach (var pair in First is { } first ? pairs.Take(first) : pairs) WriteObject(pair);
    }
}
