using ScottPlot;

namespace ContrastiveRec.Visualization;

/// <summary>A trained model's loss per epoch (the mean over its batches), named as its row; <paramref name="ColorIndex"/>
/// is its colour in the palette, so a model keeps the colour the recall chart gives it.</summary>
public sealed record LossCurve(string Model, IReadOnlyList<double> Losses, int ColorIndex);

/// <summary>
/// Every trained model's loss per epoch on one chart. The objectives' losses differ in scale (a triplet margin against
/// a softmax over every movie), so each curve is drawn relative to its first epoch: 1 at epoch 1, and how far it fell.
/// </summary>
public static class LossChart
{
    public static byte[] RenderPng(IEnumerable<LossCurve> curves, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var list = curves.Where(c => c.Losses.Count > 0).ToList();
        if (list.Count == 0) throw new ArgumentException("There are no loss curves to chart.", nameof(curves));
        options ??= new ChartOptions { Width = 1000, Height = 560 };
        using var plot = new Plot();
        Charts.Style(plot, options, "epoch", "loss relative to epoch 1");
        foreach (var c in list)
        {
            var first = c.Losses[0];
            var ys = c.Losses.Select(l => first > 0 ? l / first : l).ToArray();
            var xs = Enumerable.Range(1, ys.Length).Select(e => (double)e).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.Color = Charts.ColorOf(c.ColorIndex);
            line.LineWidth = 2;
            line.MarkerSize = ys.Length <= 20 ? 6 : 0;
            line.LegendText = c.Model;
        }
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.TightHorizontalWrapping = true;
        plot.ShowLegend(Edge.Bottom);
        plot.Axes.SetLimitsX(0.5, list.Max(c => c.Losses.Count) + 0.5);
        return Charts.Png(plot, options);
    }
}
