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

    internal static void Style(Plot plot, ChartOptions options, string xLabel, string yLabel)
    {
        if (!string.IsNullOrWhiteSpace(options.Title)) plot.Title(options.Title);
        plot.XLabel(options.XLabel ?? xLabel);
        plot.YLabel(options.YLabel ?? yLabel);
        plot.Font.Set(PreferredFont());
    }

    internal static byte[] Png(Plot plot, ChartOptions options) =>
        plot.GetImage(options.Width, options.Height).GetImageBytes(ImageFormat.Png);

    private static string? _font;

    // A sans-serif face when the system has one (DejaVu Sans on Debian); ScottPlot's own pick otherwise.
    private static string PreferredFont() => _font ??=
        new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica" }
            .FirstOrDefault(f => SkiaSharp.SKFontManager.Default.MatchFamily(f) is { } t && t.FamilyName == f) ?? Fonts.Default;
}
