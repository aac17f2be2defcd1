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
        var top = ClusterTopMovies.Compute(set, model.UserIdsArray.Select((id, i) => (id, k.Labels[i])));
        return new StrategyFigure(name, png, top, map.KlDivergence);
    }

    /// <summary>The page: each strategy's figure, then the recall chart (Full protocol) and the table, both from
    /// <see cref="ComparisonTable"/>'s columns; the introduction names the <paramref name="models"/> that were run.</summary>
    public static ReportBuilder Build(IReadOnlyList<ComparisonModel> models, IReadOnlyList<ComparisonRow> rows,
        IReadOnlyList<StrategyFigure> figures, string source)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(figures);
        var report = new ReportBuilder("Can contrastive learning recommend me a movie?")
        {
            Introduction = $"{ComparisonModels.Names(models)} trained on one split of {source}, " +
                           "each strategy's users laid out by t-SNE and clustered, and recall@K under the study's protocol (strategies only) and the Full protocol.",
        };
        foreach (var f in figures)
            report.AddStrategy(f.Name, f.MapPng, f.TopMovies, $"Learned user embedding clusters and top movies using {f.Name}.");
        report.SetRecallChart(RecallChart.RenderPng(ComparisonTable.RecallRows(rows, EvaluationProtocol.Full), new ChartOptions { Title = "recall@K, Full protocol", Width = 900, Height = 500 }),
            "recall@K of every model under the Full protocol (relevant: test ratings >= 3.5 over all movies).");
        var shown = ComparisonTable.Shown;
        report.SetResultsTable(shown.Select(c => c.Title!).ToArray(),
            rows.Select(r => (IReadOnlyList<object?>)shown.Select(c => (object?)c.Text(r)).ToArray()),
            "The study's table: recall@K in percent under both protocols (n/a where a protocol does not apply), NDCG under the Full protocol, filtered train and test sizes, training time.");
        return report;
    }
}
