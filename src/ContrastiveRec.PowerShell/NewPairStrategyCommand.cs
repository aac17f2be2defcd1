using System.Management.Automation;
using ContrastiveRec.Pairs;

namespace ContrastiveRec.PowerShell;

/// <summary>Makes one of the study's pair strategies (1-4), or a custom mix of its settings.</summary>
[Cmdlet(VerbsCommon.New, "PairStrategy")]
[OutputType(typeof(PairStrategy))]
public sealed class NewPairStrategyCommand : ContrastiveRecCmdlet
{
    [Parameter(Position = 0)]
    [ValidateRange(1, 4)]
    [ArgumentCompleter(typeof(PairStrategyPresetCompleter))]
    [CoreDefault(typeof(PairStrategy), nameof(PairStrategy.Preset))]
    public int? Preset { get; set; }

    [Parameter]
    public double LikeThreshold { get; set; }

    [Parameter]
    public double DislikeThreshold { get; set; }

    /// <summary>$null removes a preset's popularity limit.</summary>
    [Parameter]
    [AllowNull]
    public int? PopularityThreshold { get; set; }

    [Parameter]
    public SwitchParameter NormalizeRatings { get; set; }

    [Parameter]
    public int MinLikers { get; set; }

    [Parameter]
    public int MinDislikers { get; set; }

    [Parameter]
    public NegativeRule NegativeRule { get; set; }

    protected override void ProcessRecord()
    {
        var bound = MyInvocation.BoundParameters;
        WriteObject(Run(() =>
        {
            var s = Preset is { } preset ? PairStrategy.FromPreset(preset) : new PairStrategy();
            if (bound.ContainsKey(nameof(LikeThreshold))) s = s with { LikeThreshold = LikeThreshold };
            if (bound.ContainsKey(nameof(DislikeThreshold))) s = s with { DislikeThreshold = DislikeThreshold };
            if (bound.ContainsKey(nameof(PopularityThreshold))) s = s with { PopularityThreshold = PopularityThreshold };
            if (bound.ContainsKey(nameof(NormalizeRatings))) s = s with { NormalizeRatings = NormalizeRatings.IsPresent };
            if (bound.ContainsKey(nameof(MinLikers))) s = s with { MinLikers = MinLikers };
            if (bound.ContainsKey(nameof(MinDislikers))) s = s with { MinDislikers = MinDislikers };
            if (bound.ContainsKey(nameof(NegativeRule))) s = s with { NegativeRule = NegativeRule };
            return s.Validate();
        }));
    }
}
