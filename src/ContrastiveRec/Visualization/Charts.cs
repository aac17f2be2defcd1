using ScottPlot;

namespace ContrastiveRec.Visualization;

/// <summary>Shared look and file handling of the module's charts.</summary>
public static class Charts
{
    // Category10, then Tableau's lighter companions: distinct hues first, so up to 10 clusters never share a colour.
    private static readonly Color[] Palette = new ScottPlot.Palettes.Category10().Colors
        .Concat(new ScottPlot.Palettes.Category20().Colors.Where((_, i) => i % 2 == 1)).ToArray();

    public static Color ColorOf(int index) => Palette[((index % Palette.Length) + Palette.Length) % Palette.Length];

    /// <summary>The colour (#RRGGBB) a chart gives series or cluster <paramref name="index"/>, for pages that match it.</summary>
    public static string HexOf(int index) => ColorOf(index).ToHex()[..7];

    /// <summary>The smallest text a chart draws (tick labels, legend), in image pixels: 14 px where the image is shown
    /// at its own size, so a page that scales a chart by s shows it at 14·s px.</summary>
    public const float SmallestFontSize = 14;

    private const float AxisLabelFontSize = 16;
    private const float TitleFontSize = 18;

    internal static void Style(Plot plot, ChartOptions options, string xLabel, string yLabel)
    {
        if (!string.IsNullOrWhiteSpace(options.Title)) plot.Title(options.Title);
        plot.XLabel(options.XLabel ?? xLabel);
        plot.YLabel(options.YLabel ?? yLabel);
        plot.Font.Set(PreferredFont());
        // Sizes stated rather than ScottPlot's defaults (12 px ticks), which read as 6-8 px once a page scales the image down.
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickLabelStyle.FontSize = SmallestFontSize;
            axis.Label.FontSize = AxisLabelFontSize;
        }
        plot.Axes.Title.Label.FontSize = TitleFontSize;
        plot.Legend.FontSize = SmallestFontSize;
    }

    /// <summary>Every font size the chart will draw with (titles, axis labels, tick labels, legend), for tests and pages that check legibility.</summary>
    internal static IEnumerable<float> FontSizes(Plot plot) =>
        new IAxis[] { plot.Axes.Bottom, plot.Axes.Left }.SelectMany(a => new[] { a.TickLabelStyle.FontSize, a.Label.FontSize })
            .Append(plot.Axes.Title.Label.FontSize)
            .Concat(plot.Legend.GetItems().Select(i => i.LabelFontSize));

    internal static byte[] Png(Plot plot, ChartOptions options) =>
        plot.GetImage(options.Width, options.Height).GetImageBytes(ImageFormat.Png);

    private static string? _font;

    // A sans-serif face when the system has one (DejaVu Sans on Debian); ScottPlot's own pick otherwise.
    private static string PreferredFont() => _font ??=
        new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica" }
            .FirstOrDefault(f => SkiaSharp.SKFontManager.Default.MatchFamily(f) is { } t && t.FamilyName == f) ?? Fonts.Default;
}
