using System.Globalization;
using ScottPlot;

namespace ContrastiveRec.Visualization;

/// <summary>Scatter plot of a 2-D map of users (t-SNE), coloured by cluster, with a legend outside the data area (at most 16 entries);
/// each axis spans its points with a small margin.</summary>
public static class EmbeddingPlot
{
    /// <summary>Above this many points markers shrink and fade with the count, and clusters are drawn interleaved.</summary>
    private const int Crowded = 5000;

    private const int Rounds = 16;
    private const int MaxLegendEntries = 16;

    /// <summary>
    /// Marker diameter (px) and opacity for a map of <paramref name="count"/> points: small maps as before; crowded
    /// ones get dots and an opacity falling as 1 / √n, so that density shows as depth of colour rather than a solid blob.
    /// </summary>
    internal static (float Size, double Alpha) MarkerFor(int count) => count switch
    {
        <= 300 => (7f, 0.85),
        <= 1500 => (5f, 0.85),
        <= Crowded => (3.5f, 0.85),
        _ => ((float)Math.Max(1.5, 3.5 * Math.Sqrt((double)Crowded / count)), Math.Max(0.2, 0.85 * Math.Sqrt((double)Crowded / count))),
    };

    /// <summary>The largest coordinate a map may have.</summary>
    public const double MaxCoordinate = 1e9;

    /// <summary>The share of the points' range left blank beyond them at each end of an axis.</summary>
    internal const double AxisMargin = 0.04;

    public static byte[] RenderPng(IReadOnlyList<PlotPoint> points, ChartOptions? options = null)
    {
        options ??= new ChartOptions();
        using var plot = Build(points, options);
        return Charts.Png(plot, options);
    }

    /// <summary>The plot <see cref="RenderPng"/> draws; the caller disposes it.</summary>
    internal static Plot Build(IReadOnlyList<PlotPoint> points, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        options ??= new ChartOptions();
        if (points.Count == 0) throw new ArgumentException("There are no points to plot.", nameof(points));
        const string remedy = "Plot finite coordinates of a sensible size, such as ConvertTo-Tsne output.";
        if (points.Any(p => !double.IsFinite(p.X) || !double.IsFinite(p.Y)))
            throw new ContrastiveRecException("BadPoints", RefusalCategory.InvalidData, "Every point needs finite X and Y.", remedy);
        // Beyond this the axes' pixel arithmetic loses every point (a blank picture), long before doubles overflow.
        var far = points.Select(p => Math.Max(Math.Abs(p.X), Math.Abs(p.Y))).Max();
        if (far > MaxCoordinate)
            throw new ContrastiveRecException("BadPoints", RefusalCategory.InvalidData, string.Create(CultureInfo.InvariantCulture,
                $"A point lies at {far:G3}, beyond the ±{MaxCoordinate:G0} that can be drawn; a t-SNE map spans tens of units."), remedy);

        var plot = new Plot();
        try
        {
            Draw(plot, points, options);
            return plot;
        }
        catch
        {
            plot.Dispose();
            throw;
        }
    }

    private static void Draw(Plot plot, IReadOnlyList<PlotPoint> points, ChartOptions options)
    {
        Charts.Style(plot, options, "t-SNE 1", "t-SNE 2");
        var (size, alpha) = MarkerFor(points.Count);
        var groups = points.GroupBy(p => p.Cluster).OrderBy(g => g.Key ?? -1).ToArray();
        // Crowded maps are drawn in rounds, a slice of every cluster per round, so that no cluster is buried whole
        // under those drawn after it; small maps draw each cluster at once, as before.
        var rounds = points.Count > Crowded ? Rounds : 1;
        var legend = new List<LegendItem>();
        for (var round = 0; round < rounds; round++)
            foreach (var group in groups)
            {
                var members = group.ToArray();
                var from = (int)((long)members.Length * round / rounds);
                var to = (int)((long)members.Length * (round + 1) / rounds);
                if (to <= from) continue;
                var xs = new double[to - from];
                var ys = new double[to - from];
                for (var i = from; i < to; i++)
                {
                    xs[i - from] = members[i].X;
                    ys[i - from] = members[i].Y;
                }
                var scatter = plot.Add.ScatterPoints(xs, ys);
                scatter.MarkerSize = size;
                scatter.MarkerShape = MarkerShape.FilledCircle;
                var color = group.Key is { } c ? Charts.ColorOf(c) : Charts.ColorOf(0);
                scatter.Color = color.WithAlpha(alpha);
                if (round > 0) continue;
                var label = $"{(group.Key is { } k ? $"Cluster {k}" : "Users")} ({members.Length:N0})";
                scatter.LegendText = label;
                legend.Add(new LegendItem { LabelText = label, MarkerShape = MarkerShape.FilledCircle, MarkerSize = 7, MarkerColor = color });
            }
        if (points.Any(p => p.Cluster is not null))
        {
            // Many clusters: the largest ones are named and the rest counted, so the legend keeps to the plot's height.
            if (legend.Count > MaxLegendEntries)
            {
                plot.Legend.DisplayPlottableLegendItems = false;
                var sizes = groups.Select(g => g.Count()).ToArray();
                var shown = Enumerable.Range(0, legend.Count).OrderByDescending(i => sizes[i]).ThenBy(i => i).Take(MaxLegendEntries - 1).Order().ToArray();
                foreach (var i in shown) plot.Legend.ManualItems.Add(legend[i]);
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"and {legend.Count - shown.Length:N0} more clusters" });
            }
            else if (rounds > 1)
            {
                // Legend symbols at a readable size, not the map's dots.
                plot.Legend.DisplayPlottableLegendItems = false;
                foreach (var item in legend) plot.Legend.ManualItems.Add(item);
            }
            plot.ShowLegend(Edge.Right);
        }
        // Each axis fitted to its points: t-SNE coordinates have no unit to keep equal across and up, and equal units left
        // most of an elongated map blank (a strip of points in an empty square).
        var (left, right) = Fit(points.Min(p => p.X), points.Max(p => p.X));
        var (bottom, top) = Fit(points.Min(p => p.Y), points.Max(p => p.Y));
        plot.Axes.SetLimits(left, right, bottom, top);
    }

    private static (double Low, double High) Fit(double min, double max)
    {
        var span = max - min;
        // All points on one line across (or one point): a unit either side, or a tenth of the value when that is more.
        var pad = span > 0 ? span * AxisMargin : Math.Max(1, Math.Abs(min) * 0.1);
        return (min - pad, max + pad);
    }

    public static void SavePng(IReadOnlyList<PlotPoint> points, string path, ChartOptions? options = null) =>
        AtomicFile.WriteAllBytes(path, RenderPng(points, options));
}
