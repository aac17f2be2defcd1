using ScottPlot;

namespace ContrastiveRec.Visualization;

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
        AtomicFile.WriteAllBytes(path, RenderPng(points, options));
}
