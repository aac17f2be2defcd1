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
        var dots = new List<(double X, double Y)>();
        for (var i = 0; i < list.Count; i++)
        {
            var p = list[i];
            var dot = plot.Add.Marker(p.Coverage * 100, p.Recall * 100);
            dot.Color = Charts.ColorOf(i);
            dot.Size = 12;
            dot.Shape = MarkerShape.FilledCircle;
            dots.Add((p.Coverage * 100, p.Recall * 100));
        }
        // From 0 on both axes, so distances read as proportions; room on the right for the last label.
        var (maxX, maxY) = (list.Max(p => p.Coverage) * 100, list.Max(p => p.Recall) * 100);
        plot.Axes.SetLimits(0, Math.Max(1, maxX) * 1.35, 0, Math.Max(1, maxY) * 1.12);
        // Labels placed where they cover no other label or point: models with close figures (the strategies, the
        // UserMovie rows) otherwise print their names over each other. A first render gives the data area in pixels.
        using (plot.GetImage(options.Width, options.Height)) { }
        var area = plot.LastRender.DataRect;
        var limits = plot.Axes.GetLimits();
        var pixels = dots.Select(d => (X: (float)(area.Left + (d.X - limits.Left) / (limits.Right - limits.Left) * area.Width),
            Y: (float)(area.Bottom - (d.Y - limits.Bottom) / (limits.Top - limits.Bottom) * area.Height))).ToList();
        var places = PlaceLabels(list.Select(p => p.Model).ToList(), pixels, area);
        for (var i = 0; i < list.Count; i++)
        {
            var (offsetX, offsetY, alignment, _) = places[i];
            if (Math.Abs(offsetY) > 4)
            {
                // A label a line or two away gets a thin leader to its point.
                var (x, y) = (pixels[i].X + offsetX, pixels[i].Y + offsetY);
                var leader = plot.Add.Line(dots[i].X, dots[i].Y,
                    limits.Left + (x - area.Left) / area.Width * (limits.Right - limits.Left),
                    limits.Bottom + (area.Bottom - y) / area.Height * (limits.Top - limits.Bottom));
                leader.LineColor = Colors.Gray.WithAlpha(0.7);
                leader.LineWidth = 1;
            }
            var label = plot.Add.Text(list[i].Model, dots[i].X, dots[i].Y);
            label.LabelFontSize = Charts.SmallestFontSize;
            label.LabelFontColor = Colors.Black.WithAlpha(0.85);
            label.LabelAlignment = alignment;
            label.OffsetX = offsetX;
            label.OffsetY = offsetY;
        }
        return Charts.Png(plot, options);
    }

    // Places tried around a point, nearest first: beside it on the right or left, above or below, then one and two
    // lines further up or down. Offsets in pixels (y grows downwards); the alignment says which corner sits there.
    private static readonly (float X, float Y, Alignment Corner)[] Places =
    [
        (8, -4, Alignment.LowerLeft), (8, 4, Alignment.UpperLeft), (-8, -4, Alignment.LowerRight), (-8, 4, Alignment.UpperRight),
        (8, -20, Alignment.LowerLeft), (8, 20, Alignment.UpperLeft), (-8, -20, Alignment.LowerRight), (-8, 20, Alignment.UpperRight),
        (8, -36, Alignment.LowerLeft), (8, 36, Alignment.UpperLeft), (-8, -36, Alignment.LowerRight), (-8, 36, Alignment.UpperRight),
    ];

    /// <summary>Each label's offset from its point, its alignment and its box in pixels: the first place of
    /// <see cref="Places"/> whose box stays in <paramref name="area"/> and covers no label placed before it and no other point.</summary>
    internal static List<(float X, float Y, Alignment Corner, PixelRect Box)> PlaceLabels(IReadOnlyList<string> names, List<(float X, float Y)> pixels, PixelRect area)
    {
        var placed = new List<PixelRect>();
        var result = new List<(float, float, Alignment, PixelRect)>();
        for (var i = 0; i < names.Count; i++)
        {
            var (x, y, corner) = LabelPlace(names[i], pixels[i], i, pixels, placed, area);
            result.Add((x, y, corner, placed[^1]));
        }
        return result;
    }

    private static (float X, float Y, Alignment Corner) LabelPlace(string text, (float X, float Y) at, int self,
        List<(float X, float Y)> points, List<PixelRect> placed, PixelRect area)
    {
        // The label's box from its length: about 0.6 em a character in the sans-serif face the charts use.
        var (width, height) = (0.6f * Charts.SmallestFontSize * text.Length, 1.25f * Charts.SmallestFontSize);
        PixelRect Box((float X, float Y, Alignment Corner) p)
        {
            var (x, y) = (at.X + p.X, at.Y + p.Y);
            var left = p.Corner is Alignment.LowerLeft or Alignment.UpperLeft ? x : x - width;
            var top = p.Corner is Alignment.UpperLeft or Alignment.UpperRight ? y : y - height;
            return new PixelRect(left, left + width, top + height, top);
        }
        static bool Overlap(PixelRect a, PixelRect b) => a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;
        bool Free(PixelRect box) => box.Left >= area.Left && box.Right <= area.Right && box.Top >= area.Top && box.Bottom <= area.Bottom
            && !placed.Any(p => Overlap(p, box))
            && !points.Where((_, j) => j != self).Any(q => Overlap(box, new PixelRect(q.X - 6, q.X + 6, q.Y + 6, q.Y - 6)));
        foreach (var place in Places)
            if (Free(Box(place)))
            {
                placed.Add(Box(place));
                return place;
            }
        placed.Add(Box(Places[0]));
        return Places[0];
    }
}
