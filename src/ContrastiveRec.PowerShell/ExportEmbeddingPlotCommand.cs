using System.Management.Automation;
using ContrastiveRec.Visualization;

namespace ContrastiveRec.PowerShell;

/// <summary>Draws map points (coloured by cluster when they have one) as a PNG scatter plot.</summary>
[Cmdlet(VerbsData.Export, "EmbeddingPlot", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportEmbeddingPlotCommand : ContrastiveRecCmdlet
{
    private readonly List<PlotPoint> _points = [];

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    // Nullable so that a point without a map position (clustered on embeddings) is refused, not drawn at 0.
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    public double? X { get; set; }

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    public double? Y { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? Cluster { get; set; }

    [Parameter]
    public string? Title { get; set; }

    [Parameter]
    [ValidateRange(100, 10_000)]
    [CoreDefault(typeof(ChartOptions), nameof(ChartOptions.Width))]
    public int? Width { get; set; }

    [Parameter]
    [ValidateRange(100, 10_000)]
    [CoreDefault(typeof(ChartOptions), nameof(ChartOptions.Height))]
    public int? Height { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (X is not { } x || Y is not { } y)
        {
            ThrowTerminatingError(Refusal("NoMapPosition", RefusalCategory.InvalidData, "A point has no X and Y: it was clustered on embeddings, not on a map.",
                "Lay the users out first: ... | ConvertTo-Tsne | Get-UserCluster | Export-EmbeddingPlot."));
            return;
        }
        _points.Add(new PlotPoint(x, y, Cluster));
        // Cluster is bound per object; an object without one must not inherit the previous object's.
        Cluster = null;
    }

    protected override void EndProcessing()
    {
        var path = ResolvePath(Path);
        if (_points.Count == 0)
        {
            ThrowTerminatingError(Refusal("NoPoints", RefusalCategory.InvalidArgument, "No points came in: there is nothing to plot.",
                "Pipe ConvertTo-Tsne or Get-UserCluster output into Export-EmbeddingPlot."));
        }
        var defaults = new ChartOptions();
        var options = defaults with { Title = Title, Width = Width ?? defaults.Width, Height = Height ?? defaults.Height };
        if (!ShouldWrite(path, OutputFile.Plot, Force, $"Write a {options.Width}×{options.Height} plot of {_points.Count:N0} points")) return;
        WriteFile(path, OutputFile.Plot, () => EmbeddingPlot.SavePng(_points, path, options));
        if (PassThru) WriteFileItem(path);
    }
}
