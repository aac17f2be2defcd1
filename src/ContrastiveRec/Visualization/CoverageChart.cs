using ScottPlot;

namespace ContrastiveRec.Visualization;

/// <summary>One model's point on the coverage chart: its recall@K and catalogue coverage@K, fractions 0–1.</summary>
public sealed record CoveragePoint(string Model, double Coverage, double Recall);

/// <summary>
/// Recall against catalogue coverage, one labelled point per model: a model that reaches another's recall by
/// recommending the same few popular movies to everyone sits far to the left of it.
/// </summary>
public static class CoverageChart
{
    public static byte[] RenderPng(IEnumerable<CoveragePoint> points, int k, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        var list = points.ToList();
        if (list.Count == 0) throw new ArgumentException("There are no models to chart.", nameof(points));
        options ??= new ChartOptions { Width = 1000, Height = 560 };
        using var plot = new Plot();
        Charts.Style(plot, options, $"catalogue coverage@{k} (%)", $"recall@{k} (%)");
        for (var i = 0; i < list.Count; i++)
        {
            var p = list[i];
            var dot = plot.Add.Marker(p.Coverage * 100, p.Recall * 100);
            dot.Color = Charts.ColorOf(i);
            dot.Size = 12;
            dot.Shape = MarkerShape.FilledCircle;
            var label = plot.Add.Text(p.Model, p.Coverage * 100, p.Recall * 100);
            label.LabelFontSize = Charts.SmallestFontSize;
            label.LabelFontColor = Colors.Black.WithAlpha(0.85);
            label.LabelAlignment = Alignment.LowerLeft;
            label.OffsetX = 8;
            label.OffsetY = -4;
        }
        // From 0 on both axes, so distances read as proportions; room on the right for the last label.
        var (maxX, maxY) = (list.Max(p => p.Coverage) * 100, list.Max(p => p.Recall) * 100);
        plot.Axes.SetLimits(0, Math.Max(1, maxX) * 1.35, 0, Math.Max(1, maxY) * 1.12);
        return Charts.Png(plot, options);
    }
}
