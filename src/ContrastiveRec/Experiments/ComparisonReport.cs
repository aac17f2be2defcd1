using System.Globalization;
using ContrastiveRec.Analysis;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Training;
using ContrastiveRec.Visualization;

namespace ContrastiveRec.Experiments;

/// <summary>The strategy comparison as one self-contained HTML page, laid out like the study's figures and table.</summary>
public static class ComparisonReport
{
    /// <summary>Lays out a trained model's users with t-SNE, finds <paramref name="clusters"/> clusters by k-means
    /// on the map (as the study does) and lists each cluster's top movies.</summary>
    public static StrategyFigure Figure(TrainedEncoder model, string name, int clusters = 4, int seed = 42, CancellationToken ct = default)
    {
        var set = model.RatingSet ?? throw new InvalidOperationException($"{name}: the model has no ratings to find the clusters' top movies in.");
        var map = Tsne.Embed(model.GetEmbeddings(), new TsneOptions { Seed = seed }, null, ct);
        var points = Enumerable.Range(0, map.Count).Select(i => new[] { map.X[i], map.Y[i] }).ToList();
        var k = KMeans.Fit(points, clusters, seed, ct: ct);
        var png = EmbeddingPlot.RenderPng(
            Enumerable.Range(0, map.Count).Select(i => new PlotPoint(map.X[i], map.Y[i], k.Labels[i])).ToList(),
            new ChartOptions { Title = $"{name}: users by t-SNE", XLabel = "t-SNE 1", YLabel = "t-SNE 2" });
        var top = ClusterTopMovies.Compute(set, model.UserIds.Select((id, i) => (id, k.Labels[i])));
        return new StrategyFigure(name, png, top, map.KlDivergence);
    }

    public static ReportBuilder Build(IReadOnlyList<ComparisonRow> rows, IReadOnlyList<StrategyFigure> figures, string source)
    {
        var c = CultureInfo.InvariantCulture;
        string Percent(double? v) => v is { } x ? (100 * x).ToString("0.00", c) : "n/a";
        var report = new ReportBuilder("Can contrastive learning recommend me a movie?")
        {
            Introduction = $"The study's four pair strategies and three baselines trained on one split of {source}, " +
                           "each strategy's users laid out by t-SNE and clustered, and recall@K under the study's protocol and the Full protocol.",
        };
        foreach (var f in figures)
            report.AddStrategy(f.Name, f.MapPng, f.TopMovies, $"Learned user embedding clusters and top movies using {f.Name}.");
        var chartRows = rows.SelectMany(r => new[]
        {
            new RecallRow(r.Model, 10, r.FullRecallAt10), new RecallRow(r.Model, 20, r.FullRecallAt20), new RecallRow(r.Model, 50, r.FullRecallAt50),
        });
        report.SetRecallChart(RecallChart.RenderPng(chartRows, new ChartOptions { Title = "recall@K, Full protocol", Width = 900, Height = 500 }),
            "recall@K of every model under the Full protocol (relevant: test ratings >= 3.5 over all movies).");
        report.SetResultsTable(
            new[] { "Model", "Study R@10 (%)", "Study R@20 (%)", "Study R@50 (%)", "Full R@10 (%)", "Full R@20 (%)", "Full R@50 (%)", "Train rows", "Test rows", "Time (s)" },
            rows.Select(r => (IReadOnlyList<object?>)new object?[]
            {
                r.Model, Percent(r.StudyRecallAt10), Percent(r.StudyRecallAt20), Percent(r.StudyRecallAt50),
                Percent(r.FullRecallAt10), Percent(r.FullRecallAt20), Percent(r.FullRecallAt50),
                r.TrainSize.ToString("N0", c), r.TestSize.ToString("N0", c), r.TrainTime.TotalSeconds.ToString("0.0", c),
            }),
            "The study's table: recall@K in percent under both protocols, filtered train and test sizes, training time.");
        return report;
    }
}
