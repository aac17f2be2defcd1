using System.Management.Automation;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Experiments;
using ContrastiveRec.Visualization;

namespace ContrastiveRec.PowerShell;

/// <summary>Draws recall@K by model as a grouped bar chart (PNG), from Measure-RecallAtK or Invoke-StrategyComparison output.</summary>
[Cmdlet(VerbsData.Export, "RecallChart", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportRecallChartCommand : ContrastiveRecCmdlet
{
    private readonly List<RecallRow> _rows = [];

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    /// <summary>A RecallAtK (Measure-RecallAtK) or a ComparisonRow (Invoke-StrategyComparison).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject InputObject { get; set; } = null!;

    /// <summary>Which protocol's recall to draw; results of the other are left out.</summary>
    [Parameter]
    public EvaluationProtocol Protocol { get; set; } = EvaluationProtocol.Full;

    [Parameter]
    public string? Title { get; set; }

    [Parameter]
    [ValidateRange(100, 10_000)]
    [CoreDefault(typeof(RecallChart), nameof(RecallChart.DefaultWidth))]
    public int? Width { get; set; }

    [Parameter]
    [ValidateRange(100, 10_000)]
    [CoreDefault(typeof(RecallChart), nameof(RecallChart.DefaultHeight))]
    public int? Height { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        switch (InputObject.BaseObject)
        {
            case RecallAtK r:
                if (r.Protocol == Protocol) _rows.Add(new RecallRow(r.Model, r.K, r.Recall));
                break;
            case ComparisonRow c:
                _rows.AddRange(ComparisonTable.RecallRows([c], Protocol));
                break;
            default:
                WriteError(Refusal("NotARecallResult", RefusalCategory.InvalidType, $"A {InputObject.BaseObject?.GetType().Name} is not a recall result.",
                    "Pipe Measure-RecallAtK or Invoke-StrategyComparison output into Export-RecallChart.", InputObject));
                break;
        }
    }

    protected override void EndProcessing()
    {
        var path = ResolvePath(Path);
        if (_rows.Count == 0)
        {
            ThrowTerminatingError(Refusal("NoRecall", RefusalCategory.InvalidArgument, $"No {Protocol}-protocol recall came in: there is nothing to draw.",
                "Pipe Measure-RecallAtK or Invoke-StrategyComparison output, and check -Protocol."));
        }
        var options = new ChartOptions { Title = Title ?? $"recall@K, {Protocol} protocol", Width = Width ?? RecallChart.DefaultWidth, Height = Height ?? RecallChart.DefaultHeight };
        if (!ShouldWrite(path, OutputFile.Plot, Force, $"Write a {options.Width}×{options.Height} recall chart of {_rows.Select(r => r.Model).Distinct().Count()} models")) return;
        WriteFile(path, OutputFile.Plot, () => RecallChart.SavePng(_rows, path, options));
        if (PassThru) WriteFileItem(path);
    }
}
