using ScottPlot;

namespace ContrastiveRec.Visualization;

/// <summary>A user's place on a 2-D map, and its cluster when it has one.</summary>
public sealed record PlotPoint(double X, double Y, int? Cluster = null);

/// <summary>Size and words of a chart.</summary>
public sealed record ChartOptions
{
    private readonly int _width = 800;
    private readonly int _height = 600;

    public string? Title { get; init; }
    public int Width { get => _width; init => _width = Pixels(value, nameof(Width)); }
    public int Height { get => _height; init => _height = Pixels(value, nameof(Height)); }
    /// <summary>Axis labels; null gives the chart's own ("t-SNE 1" / "t-SNE 2", "K" / "recall@K (%)").</summary>
    public string? XLabel { get; init; }
    public string? YLabel { get; init; }

    private static int Pixels(int value, string name) => value is >= 100 and <= 10_000 ? value
        : throw new ArgumentOutOfRangeException(name, value, $"{name} must be 100 to 10,000 pixels.");
}

/// <summary>Scatter plot of a 2-D map of users (t-SNE), coloured by cluster, with a legend outside the data area.</summary>
public static class EmbeddingPlot
{
    public static byte[] RenderPng(IReadOnlyList<PlotPoint> points, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        options ??= new ChartOptions();
        if (points.Count == 0) throw new ArgumentException("There are no points to plot.", nameof(points));
        if (points.Any(p => !double.IsFinite(p.X) || !double.IsFinite(p.Y)))
            throw new ArgumentException("Every point needs finite X and Y.", nameof(points));

        using var plot = new Plot();
        Charts.Style(plot, options, "t-SNE 1", "t-SNE 2");
        // Smaller markers for crowded maps so clusters stay readable rather than a solid blob.
        var size = points.Count switch { <= 300 => 7f, <= 1500 => 5f, _ => 3.5f };
        foreach (var group in points.GroupBy(p => p.Cluster).OrderBy(g => g.Key ?? -1))
        {
            var xs = group.Select(p => p.X).ToArray();
            var ys = group.Select(p => p.Y).ToArray();
            var scatter = plot.Add.ScatterPoints(xs, ys);
            scatter.MarkerSize = size;
            scatter.MarkerShape = MarkerShape.FilledCircle;
            scatter.Color = (group.Key is { } c ? Charts.ColorOf(c) : Charts.ColorOf(0)).WithAlpha(0.85);
            var label = group.Key is { } k ? $"Cluster {k}" : "Users";
            scatter.LegendText = $"{label} ({xs.Length:N0})";
        }
        if (points.Any(p => p.Cluster is not null)) plot.ShowLegend(Edge.Right);
        // One unit is as long across as up: a t-SNE map's distances are its message, so it must not be stretched.
        plot.Axes.SquareUnits();
        return Charts.Png(plot, options);
    }

    public static void SavePng(IReadOnlyList<PlotPoint> points, string path, ChartOptions? options = null) =>
        Charts.WriteAtomically(path, RenderPng(points, options));
}

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

    /// <summary>Writes to a temporary file in the target folder and renames it, so a failure never leaves half a PNG.</summary>
    public static void WriteAtomically(string path, byte[] bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    private static string? _font;

    // A sans-serif face when the system has one (DejaVu Sans on Debian); ScottPlot's own pick otherwise.
    private static string PreferredFont() => _font ??=
        new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica" }
            .FirstOrDefault(f => SkiaSharp.SKFontManager.Default.MatchFamily(f) is { } t && t.FamilyName == f) ?? Fonts.Default;
}
