using ScottPlot;

namespace ContrastiveRec.Visualization;

/// <summary>
/// Grouped bar chart of recall@K: one group per K (in ascending order), one bar per model (in first-seen order),
/// values in percent as the study's table gives them, an error bar on each that is a mean over seeds, with a legend below the bars naming each model exactly as its rows do.
/// </summary>
public static class RecallChart
{
    /// <summary>The chart's size when none is given: wide and low, a group of bars per K side by side.</summary>
    public const int DefaultWidth = 900, DefaultHeight = 500;

    public static byte[] RenderPng(IEnumerable<RecallRow> rows, ChartOptions? options = null)
    {
        options ??= new ChartOptions { Width = DefaultWidth, Height = DefaultHeight };
        using var plot = Build(rows, options);
        return Charts.Png(plot, options);
    }

    /// <summary>The plot <see cref="RenderPng"/> draws; the caller disposes it.</summary>
    internal static Plot Build(IEnumerable<RecallRow> rows, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        if (list.Count == 0) throw new ArgumentException("There are no recall rows to chart.", nameof(rows));
        foreach (var r in list)
        {
            if (string.IsNullOrWhiteSpace(r.Model)) throw new ArgumentException("Every row needs a model name.", nameof(rows));
            if (r.K < 1) throw new ArgumentException($"K must be 1 or more (row of {r.Model} has {r.K}).", nameof(rows));
            if (!double.IsFinite(r.Recall) || r.Recall < 0 || r.Recall > 1)
                throw new ArgumentException($"Recall is a fraction from 0 to 1 (row {r.Model}, K {r.K} has {r.Recall}).", nameof(rows));
        }
        var models = list.Select(r => r.Model).Distinct().ToList();
        var ks = list.Select(r => r.K).Distinct().Order().ToList();
        var duplicate = list.GroupBy(r => (r.Model, r.K)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ContrastiveRecException("DuplicateRecall", RefusalCategory.InvalidData, $"{duplicate.Key.Model} has more than one recall@{duplicate.Key.K}.",
                "Pipe each model's results once; give models that share a name their own -Name.", duplicate.Key.Model);

        options ??= new ChartOptions();
        var plot = new Plot();
        Charts.Style(plot, options, "K", "recall@K (%)");

        // Groups one unit apart; the bars of a group share 80% of it.
        var width = 0.8 / models.Count;
        var bars = new List<Bar>();
        var (errorX, errorY, error) = (new List<double>(), new List<double>(), new List<double>());
        for (var g = 0; g < ks.Count; g++)
            for (var m = 0; m < models.Count; m++)
            {
                var row = list.FirstOrDefault(r => r.K == ks[g] && r.Model == models[m]);
                if (row is null) continue;
                bars.Add(new Bar
                {
                    Position = g - 0.4 + width * (m + 0.5),
                    Value = row.Recall * 100,
                    Size = width * 0.92,
                    FillColor = Charts.ColorOf(m),
                    LineWidth = 0,
                });
                if (row.StdDev > 0)
                {
                    errorX.Add(bars[^1].Position);
                    errorY.Add(row.Recall * 100);
                    error.Add(row.StdDev * 100);
                }
            }
        plot.Add.Bars(bars);
        // One standard deviation either side of a mean over seeds.
        if (error.Count > 0)
        {
            var bar = plot.Add.ErrorBar(errorX, errorY, error);
            bar.Color = Colors.Black.WithAlpha(0.8);
            bar.LineWidth = 1.5f;
            bar.CapSize = 5;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, ks.Count).Select(g => (double)g).ToArray(), ks.Select(k => $"recall@{k}").ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.HideGrid();
        plot.Grid.YAxisStyle.IsVisible = true;
        plot.Axes.Margins(bottom: 0);
        plot.Axes.SetLimitsX(-0.6, ks.Count - 0.4);

        foreach (var (model, m) in models.Select((x, i) => (x, i)))
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = model, FillColor = Charts.ColorOf(m) });
        // Below the bars, in rows: at the right, a dozen names as long as "UserMovie (Graph) + contrastive term" took a
        // third of the width from the bars.
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.TightHorizontalWrapping = true;
        var panel = plot.ShowLegend(Edge.Bottom);
        panel.Padding = new PixelPadding(0, 0, 6, 6);
        // ScottPlot sizes a bottom legend's panel from the legend laid out in one unbounded row, then wraps it into the
        // data area's width and that height, so the rows after the first were cut off. A first render finds the data
        // area's width; the legend wrapped to it, with no bound on height, gives the panel its height.
        using (plot.GetImage(options.Width, options.Height)) { }
        using var paint = Paint.NewDisposablePaint();
        var wrapped = plot.Legend.Layout.GetLayout(plot.Legend, plot.Legend.GetItems(),
            new PixelSize(plot.LastRender.DataRect.Width, float.PositiveInfinity), paint);
        panel.MinimumSize = wrapped.LegendRect.Height + panel.Padding.Vertical;
        return plot;
    }

    public static void SavePng(IEnumerable<RecallRow> rows, string path, ChartOptions? options = null) =>
        AtomicFile.WriteAllBytes(path, RenderPng(rows, options));
}
