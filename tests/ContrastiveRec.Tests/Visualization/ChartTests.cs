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
        Assert.Throws<ArgumentException>(() => EmbeddingPlot.RenderPng([new PlotPoint(double.NaN, 0)]));
        // A coordinate the axes cannot draw is refused by name rather than drawn as a blank picture.
        var far = Assert.Throws<ArgumentException>(() => EmbeddingPlot.RenderPng([new PlotPoint(0, 0), new PlotPoint(1e300, 1)]));
        Assert.Contains("1E+300", far.Message);
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
        Assert.Contains("more than one", Assert.Throws<ArgumentException>(() => RecallChart.RenderPng([new RecallRow("A", 10, 0.1), new RecallRow("A", 10, 0.2)])).Message);
        // A model missing one K still draws.
        Assert.NotEmpty(RecallChart.RenderPng([new RecallRow("A", 10, 0.1), new RecallRow("A", 20, 0.2), new RecallRow("B", 20, 0.3)]));
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
            new ClusterTopMovie(0, 1, 356, "Forrest Gump (1994)", ["Comedy", "Drama"], 4.25, 40, true, 120, 0.5),
            new ClusterTopMovie(0, 2, 7, "<script>alert(1)</script> & Co", ["Drama"], 4.0, 6, false, 120, 0.5),
            new ClusterTopMovie(1, 1, 1, "Toy Story (1995)", ["Animation"], 4.5, 10, true, 80, 1.0),
        };
        var report = new ReportBuilder("Strategies <compared>") { Introduction = "Four strategies & the study." }
            .AddStrategy("Strategy 1", map, top)
            .SetRecallChart(RecallChart.RenderPng(StudyRecall))
            .SetResultsTable(["", "Strategy 1", "Strategy 2"], [["recall@10 (%)", 0.62, 1.29], ["Size Train Set", 51576, 32609]]);
        var html = report.ToHtml();
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Equal(2, html.Split("src=\"data:image/png;base64,").Length - 1);
        Assert.Contains(Convert.ToBase64String(map), html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", html);
        Assert.Contains("Strategies &lt;compared&gt;", html);
        Assert.Contains("Cluster 0 · 120 users · 1 of 2 among the most-rated", html);
        Assert.Contains(Charts.HexOf(1), html);
        Assert.Contains("<td class=\"n\">51,576</td>", html);
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
}
