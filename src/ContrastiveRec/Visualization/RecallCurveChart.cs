using ScottPlot;

namespace ContrastiveRec.Visualization;

/// <summary>A model's recall at K = 1, 2, ... (fractions 0..1), named as its row; <paramref name="StdDev"/>, when given,
/// the spread at each K over seeds and splits, drawn as a band of one standard deviation either side;
/// <paramref name="ColorIndex"/> its colour in the palette, as the recall chart gives it.</summary>
public sealed record RecallCurveLine(string Model, IReadOnlyList<double> Recall, IReadOnlyList<double>? StdDev, int ColorIndex);

/// <summary>
/// Recall against K for every model, one line each: where the grouped bars give three cut-offs, the curve shows
/// whether one model's lead holds down the list or the lines cross.
/// </summary>
public static class RecallCurveChart
{
    public static byte[] RenderPng(IEnumerable<RecallCurveLine> lines, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var list = lines.Where(l => l.Recall.Count > 0).ToList();
        if (list.Count == 0) throw new ArgumentException("There are no recall curves to chart.", nameof(lines));
        foreach (var l in list)
            if (l.Recall.Any(r => !double.IsFinite(r) || r < 0 || r > 1))
                throw new ArgumentException($"Recall is a fraction from 0 to 1 ({l.Model}'s curve has a value outside).", nameof(lines));
        options ??= new ChartOptions { Width = 1000, Height = 560 };
        using var plot = new Plot();
        Charts.Style(plot, options, "K (length of the list)", "recall@K (%)");
        foreach (var l in list)
        {
            var xs = Enumerable.Range(1, l.Recall.Count).Select(k => (double)k).ToArray();
            var ys = l.Recall.Select(r => 100 * r).ToArray();
            if (l.StdDev is { } sd && sd.Count == ys.Length && sd.Any(s => s > 0))
            {
                var band = plot.Add.FillY(xs, ys.Select((y, i) => y - 100 * sd[i]).ToArray(), ys.Select((y, i) => y + 100 * sd[i]).ToArray());
                band.FillStyle.Color = Charts.ColorOf(l.ColorIndex).WithAlpha(0.18);
                band.LineStyle.Width = 0;
            }
            var line = plot.Add.Scatter(xs, ys);
            line.Color = Charts.ColorOf(l.ColorIndex);
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.LegendText = l.Model;
        }
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.TightHorizontalWrapping = true;
        plot.ShowLegend(Edge.Bottom);
        plot.Axes.SetLimitsX(0, list.Max(l => l.Recall.Count) + 1);
        // From 0, so the lines' heights compare as the bars' do.
        var top = list.Max(l => l.Recall.Select((r, i) => r + (l.StdDev is { } sd && sd.Count == l.Recall.Count ? sd[i] : 0)).Max());
        plot.Axes.SetLimitsY(0, Math.Max(100 * top * 1.05, 1));
        return Charts.Png(plot, options);
    }
}
