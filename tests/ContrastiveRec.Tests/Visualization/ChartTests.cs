using ContrastiveRec.Analysis;
using ContrastiveRec.Visualization;
using SkiaSharp;
using Xunit;

namespace ContrastiveRec.Tests.Visualization;

public class ChartTests
{
    /// <summary>How many pixels are within a small distance of <paramref name="hex"/> (#RRGGBB).</summary>
    internal static int PixelsNear(SKBitmap bitmap, string hex, int tolerance = 40)
    {
        var c = SKColor.Parse(hex);
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
            for (var x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (Math.Abs(p.Red - c.Red) + Math.Abs(p.Green - c.Green) + Math.Abs(p.Blue - c.Blue) <= tolerance) count++;
            }
        return count;
    }

    private static List<PlotPoint> FourClusters()
    {
        var rng = new Random(1);
        return Enumerable.Range(0, 200).Select(i => new PlotPoint(
            (i % 4) * 10 + rng.NextDouble() * 3, (i % 4 % 2) * 10 + rng.NextDouble() * 3, i % 4)).ToList();
    }

    [Fact]
    public void Embedding_plot_is_a_png_of_the_requested_size_with_each_clusters_colour()
    {
        var png = EmbeddingPlot.RenderPng(FourClusters(), new ChartOptions { Title = "Four clusters", Width = 640, Height = 480 });
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal(640, bitmap.Width);
        Assert.Equal(480, bitmap.Height);
        for (var c = 0; c < 4; c++)
            Assert.True(PixelsNear(bitmap, Charts.HexOf(c)) > 100, $"cluster {c}'s colour {Charts.HexOf(c)} should be drawn");
        Assert.True(PixelsNear(bitmap, Charts.HexOf(4)) < 20, "a fifth cluster's colour should not appear");
    }

    [Fact]
    public void Embedding_plot_without_clusters_draws_one_colour_and_refuses_nothing_to_plot()
    {
        var png = EmbeddingPlot.RenderPng(FourClusters().Select(p => p with { Cluster = null }).ToList());
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(800, bitmap.Width);
        Assert.Equal(600, bitmap.Height);
        Assert.True(PixelsNear(bitmap, Charts.HexOf(0)) > 100);
        Assert.Throws<ArgumentException>(() => EmbeddingPlot.RenderPng([]));
        Refused.By("BadPoints", RefusalCategory.InvalidData, () => EmbeddingPlot.RenderPng([new PlotPoint(double.NaN, 0)]));
        // A coordinate the axes cannot draw is refused by name rather than drawn as a blank picture.
        var far = Refused.By("BadPoints", RefusalCategory.InvalidData, () => EmbeddingPlot.RenderPng([new PlotPoint(0, 0), new PlotPoint(1e300, 1)]));
        Assert.Contains("1E+300", far.Problem);
        Assert.NotEmpty(EmbeddingPlot.RenderPng([new PlotPoint(0, 0), new PlotPoint(EmbeddingPlot.MaxCoordinate, -EmbeddingPlot.MaxCoordinate)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChartOptions { Width = 10 });
    }

    private static readonly RecallRow[] StudyRecall =
    [
        new("Strategy 1", 10, 0.0062), new("Strategy 1", 20, 0.0197), new("Strategy 1", 50, 0.0384),
        new("Strategy 2", 10, 0.0129), new("Strategy 2", 20, 0.0216), new("Strategy 2", 50, 0.0603),
        new("Strategy 3", 10, 0.0073), new("Strategy 3", 20, 0.0218), new("Strategy 3", 50, 0.0436),
        new("Strategy 4", 10, 0.0078), new("Strategy 4", 20, 0.0310), new("Strategy 4", 50, 0.1163),
    ];

    [Fact]
    public void Recall_chart_draws_a_bar_per_model_and_K_in_the_models_colours()
    {
        var png = RecallChart.RenderPng(StudyRecall, new ChartOptions { Title = "recall@K (the study's figures)", Width = 700, Height = 420 });
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(700, bitmap.Width);
        Assert.Equal(420, bitmap.Height);
        var areas = Enumerable.Range(0, 4).Select(m => PixelsNear(bitmap, Charts.HexOf(m), 10)).ToArray();
        Assert.All(areas, a => Assert.True(a > 150, "every model's bars should be drawn: " + string.Join(", ", areas)));
        // Strategy 4's bars hold the most recall, so the most ink.
        Assert.Equal(3, Array.IndexOf(areas, areas.Max()));
    }

    [Fact]
    public void Recall_chart_refuses_rows_it_cannot_draw()
    {
        Assert.Throws<ArgumentException>(() => RecallChart.RenderPng([]));
        Assert.Contains("fraction", Assert.Throws<ArgumentException>(() => RecallChart.RenderPng([new RecallRow("A", 10, 3.1)])).Message);
        var twice = Refused.By("DuplicateRecall", RefusalCategory.InvalidData, () => RecallChart.RenderPng([new RecallRow("A", 10, 0.1), new RecallRow("A", 10, 0.2)]));
        Assert.Contains("A has more than one recall@10", twice.Problem);
        Assert.Equal("A", twice.Target);
        // A model missing one K still draws.
        Assert.NotEmpty(RecallChart.RenderPng([new RecallRow("A", 10, 0.1), new RecallRow("A", 20, 0.2), new RecallRow("B", 20, 0.3)]));
    }

    /// <summary>A t-SNE map the shape of an elongated one (Strategy 4's): 80 units across, 6 up.</summary>
    private static List<PlotPoint> Strip()
    {
        var rng = new Random(2);
        return Enumerable.Range(0, 400).Select(i => new PlotPoint(rng.NextDouble() * 80 - 40, rng.NextDouble() * 6 - 3, i % 4)).ToList();
    }

    [Fact]
    public void Embedding_plot_fits_each_axis_to_its_points_with_a_small_margin()
    {
        foreach (var points in new[] { Strip(), Strip().Select(p => new PlotPoint(p.Y, p.X, p.Cluster)).ToList(), FourClusters() })
        {
            using var plot = EmbeddingPlot.Build(points, new ChartOptions { Width = 800, Height = 600 });
            // Limits as drawn: axis rules (such as equal units) act while the image is rendered.
            plot.GetImage(800, 600).Dispose();
            var limits = plot.Axes.GetLimits();
            void Fits(string axis, double low, double high, double min, double max)
            {
                Assert.True(low <= min && high >= max, $"{axis}: {low:0.##}..{high:0.##} should hold the points' {min:0.##}..{max:0.##}");
                Assert.True(high - low <= 1.1 * (max - min), $"{axis}: {low:0.##}..{high:0.##} spans more than 110% of the points' {min:0.##}..{max:0.##}");
            }
            Fits("x", limits.Left, limits.Right, points.Min(p => p.X), points.Max(p => p.X));
            Fits("y", limits.Bottom, limits.Top, points.Min(p => p.Y), points.Max(p => p.Y));
        }
        // Points on one line, or one point, still get an axis around them.
        using var flat = EmbeddingPlot.Build([new PlotPoint(5, 2), new PlotPoint(9, 2)]);
        flat.GetImage(400, 300).Dispose();
        var l = flat.Axes.GetLimits();
        Assert.True(l.Bottom < 2 && l.Top > 2 && l.Left < 5 && l.Right > 9);
    }

    [Fact]
    public void Charts_draw_every_text_at_a_readable_size()
    {
        Assert.True(Charts.SmallestFontSize >= 12);
        using var map = EmbeddingPlot.Build(FourClusters(), new ChartOptions { Title = "map" });
        using var chart = RecallChart.Build(StudyRecall, new ChartOptions { Title = "recall" });
        foreach (var plot in new[] { map, chart })
        {
            var sizes = Charts.FontSizes(plot).ToArray();
            Assert.True(sizes.Length >= 6, "ticks and labels of both axes, the title and the legend");
            Assert.True(sizes.Min() >= Charts.SmallestFontSize, $"font sizes {string.Join(", ", sizes)}");
        }
    }

    private static readonly string[] ComparisonNames =
    [
        "Strategy 1", "Strategy 2", "Strategy 3", "Strategy 4", "MostPopular", "UserKnn", "ItemKnn", "EASE", "UserMovie (Id)",
        "UserMovie (Id) + Strategy 1 pairs", "UserMovie (Profile)", "UserMovie (Graph)", "UserMovie (Graph) + contrastive term",
    ];

    [Fact]
    public void Recall_chart_legend_names_the_rows_below_the_bars_leaving_them_the_width()
    {
        var rows = ComparisonNames.SelectMany((n, i) => new[] { 10, 20, 50 }.Select(k => new RecallRow(n, k, 0.001 * (i + 1) * k / 10))).ToList();
        using var plot = RecallChart.Build(rows, new ChartOptions { Width = 900, Height = 500 });
        Assert.Equal(ComparisonNames, plot.Legend.GetItems().Select(i => i.LabelText));
        using var image = plot.GetImage(900, 500);
        var data = plot.LastRender.DataRect;
        Assert.True(data.Width >= 0.8 * 900, $"the bars get {data.Width} of 900 pixels across");
        // Every model's swatch is drawn whole below the bars: no row of the legend is cut off at the image's edge.
        using var bitmap = SKBitmap.Decode(image.GetImageBytes(ScottPlot.ImageFormat.Png));
        using var below = new SKBitmap();
        Assert.True(bitmap.ExtractSubset(below, SKRectI.Create(0, (int)data.Bottom + 20, 900, 500 - (int)data.Bottom - 20)));
        for (var m = 0; m < ComparisonNames.Length; m++)
            Assert.True(PixelsNear(below, Charts.HexOf(m), 10) >= 60, $"{ComparisonNames[m]}'s legend swatch should be drawn whole below the bars");
    }

    [Fact]
    public void Saving_writes_through_a_temporary_file_and_leaves_only_the_png()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "sub", "map.png");
        EmbeddingPlot.SavePng(FourClusters(), path, new ChartOptions { Width = 300, Height = 200 });
        RecallChart.SavePng(StudyRecall, Path.Combine(folder.Path, "sub", "recall.png"));
        Assert.Equal(["map.png", "recall.png"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName).Order());
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(300, bitmap.Width);
    }

    [Fact]
    public void Report_embeds_images_and_escapes_text()
    {
        var map = EmbeddingPlot.RenderPng(FourClusters(), new ChartOptions { Width = 300, Height = 200 });
        var top = new[]
        {
            new ClusterTopMovie(0, 1, 356, "Forrest Gump (1994)", ["Comedy", "Drama"], 2.5, 30, 4.25, 40, true, 120, 0.5),
            new ClusterTopMovie(0, 2, 7, "<script>alert(1)</script> & Co", ["Drama"], 1.75, 6, 4.0, 6, false, 120, 0.5),
            new ClusterTopMovie(1, 1, 1, "Toy Story (1995)", ["Animation"], 3.0, 10, 4.5, 10, true, 80, 1.0),
        };
        var report = new ReportBuilder("Strategies <compared>") { Introduction = "Four strategies & the study." }
            .AddStrategy("Strategy 1", map, top)
            .SetRecallChart(RecallChart.RenderPng(StudyRecall))
            .SetResultsTable(["", "Strategy 1", "Strategy 2"], [["recall@10 (%)", 0.62, 1.29], ["Size Train Set", 51576, 32609]]);
        var html = report.ToHtml();
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Equal(2, html.Split("src=\"data:image/png;base64,").Length - 1);
        Assert.Contains(Convert.ToBase64String(map), html);
        // Shown at its own pixel size.
        Assert.Contains("<img width=\"300\" height=\"200\" alt=\"t-SNE map of users, Strategy 1\"", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", html);
        Assert.Contains("Strategies &lt;compared&gt;", html);
        Assert.Contains("Cluster 0 · 120 users · 1 of 2 among the most-rated", html);
        Assert.Contains(Charts.HexOf(1), html);
        // Each top movie shows its lift, likes and mean rating, in that order.
        Assert.Contains("<td class=\"n\">2.5</td><td class=\"n\">30</td><td class=\"n\">4.25</td>", html);
        Assert.Contains("<td class=\"n\">51,576</td>", html);
        // Columns of numbers are right-aligned, headings too; a column of words is not.
        Assert.Contains("<thead><tr><th></th><th class=\"n\">Strategy 1</th><th class=\"n\">Strategy 2</th></tr></thead>", html);
        Assert.Contains("<tr><td>Size Train Set</td><td class=\"n\">", html);
        Assert.Contains("Learned user embedding clusters and top movies using Strategy 1.", html);
        Assert.DoesNotContain("http", html.Replace("http-equiv", "")); // self-contained: nothing fetched

        Assert.Throws<ArgumentException>(() => report.AddStrategy("Bad", [1, 2, 3], top));
        Assert.Throws<ArgumentException>(() => report.SetResultsTable(["a", "b"], [["only one"]]));
    }

    [Fact]
    public void Crowded_maps_get_smaller_fainter_markers_and_small_maps_keep_theirs()
    {
        Assert.Equal((7f, 0.85), EmbeddingPlot.MarkerFor(300));
        Assert.Equal((5f, 0.85), EmbeddingPlot.MarkerFor(1500));
        Assert.Equal((3.5f, 0.85), EmbeddingPlot.MarkerFor(5000));
        var counts = new[] { 5001, 20_000, 50_000, 162_541, 1_000_000 };
        var markers = counts.Select(EmbeddingPlot.MarkerFor).ToArray();
        Assert.True(markers.Zip(markers.Skip(1)).All(p => p.Second.Size <= p.First.Size && p.Second.Alpha <= p.First.Alpha));
        Assert.True(markers[1].Alpha < 0.5 && markers[3].Size <= 2);
        Assert.All(markers, m => Assert.True(m.Size >= 1.5f && m.Alpha >= 0.2, "dots stay visible"));
    }

    [Fact]
    public void The_coverage_chart_places_labels_of_close_models_where_they_cover_no_other_label_or_point()
    {
        // Four strategies within a few pixels of each other, as on the bundled set, and two models far away.
        var names = new[] { "Strategy 1", "Strategy 2", "Strategy 3", "Strategy 4", "MostPopular", "UserMovie (Graph) + contrastive term" };
        var pixels = new List<(float X, float Y)> { (500, 400), (490, 402), (485, 392), (450, 380), (120, 380), (700, 100) };
        var area = new ScottPlot.PixelRect(50, 990, 500, 40);
        var places = ContrastiveRec.Visualization.CoverageChart.PlaceLabels(names, pixels, area);
        Assert.Equal(names.Length, places.Count);
        for (var i = 0; i < places.Count; i++)
        {
            var a = places[i].Box;
            Assert.True(a.Left >= area.Left && a.Right <= area.Right && a.Top >= area.Top && a.Bottom <= area.Bottom, $"{names[i]} leaves the plot");
            for (var j = 0; j < places.Count; j++)
            {
                if (j == i) continue;
                var b = places[j].Box;
                Assert.False(a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom, $"{names[i]} covers {names[j]}");
                var (x, y) = pixels[j];
                Assert.False(a.Left < x + 6 && x - 6 < a.Right && a.Top < y + 6 && y - 6 < a.Bottom, $"{names[i]} covers the point of {names[j]}");
            }
        }
        // A lone point keeps the first place: beside it, on the right.
        Assert.Equal((8f, -4f), (places[4].X, places[4].Y));
    }
}
