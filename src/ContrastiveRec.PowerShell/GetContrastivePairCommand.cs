using System.Management.Automation;
using ContrastiveRec.Data;
using ContrastiveRec.Pairs;

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
    public PairStrategy Strategy { get; set; } = PairStrategy.FromPreset(1);

    [Parameter]
    public int Seed { get; set; } = 42;

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int First { get; set; } = int.MaxValue;

    protected override void ProcessRecord()
    {
        var triplets = Run(() => TripletMiner.Mine(InputObject, Strategy, Seed, Cancellation));
        WriteVerbose($"{Strategy}: {triplets.Statistics}");
        foreach (var pair in triplets.Describe(InputObject).Take(First)) WriteObject(pair);
    }
}
