using ContrastiveRec.Analysis;
using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Training;
using ContrastiveRec.Visualization;

namespace ContrastiveRec.Experiments;

/// <summary>The strategy comparison as one self-contained HTML page, laid out like the study's figures and table.</summary>
public static class ComparisonReport
{
    /// <summary>A map's size in the report, in pixels: drawn at the size the page shows it (within its 1,120-pixel column),
    /// so the map's text reads at the size it was drawn.</summary>
    internal static ChartOptions MapOptions(string name) =>
        new() { Title = $"{name}: users by t-SNE", XLabel = "t-SNE 1", YLabel = "t-SNE 2", Width = 1000, Height = 640 };

    /// <summary>The caption under a strategy's map and tables.</summary>
    internal static string MapCaption(string name) =>
        $"Learned user embedding clusters and top movies using {name}. The axes are t-SNE coordinates, each fitted to the points: " +
        "they have no unit, and only which users lie near which carries meaning.";

    /// <summary>Lays out a trained model's users with t-SNE, finds <paramref name="clusters"/> clusters by k-means
    /// on the map (as the study does) and lists each cluster's top movies.</summary>
    public static StrategyFigure Figure(TrainedEncoder model, string name, int clusters = 4, int seed = 42, CancellationToken ct = default)
    {
        var set = ModelRatings.Of(model);
        var map = Tsne.Embed(model.GetEmbeddings(), new TsneOptions { Seed = seed }, null, ct);
        var points = Enumerable.Range(0, map.Count).Select(i => new[] { map.X[i], map.Y[i] }).ToList();
        var k = KMeans.Fit(points, clusters, seed, ct: ct);
        var png = EmbeddingPlot.RenderPng(
            Enumerable.Range(0, map.Count).Select(i => new PlotPoint(map.X[i], map.Y[i], k.Labels[i])).ToList(),
            MapOptions(name));
        var top = ClusterTopMovies.Compute(set, model.Users.Select((id, i) => (id, k.Labels[i])));
        return new StrategyFigure(name, png, top, map.KlDivergence);
    }

    /// <summary>The page: each strategy's figure, then the recall chart (Full protocol) and the table, both from
    /// <see cref="ComparisonTable"/>'s columns; the introduction names the <paramref name="models"/> that were run.</summary>
    public static ReportBuilder Build(IReadOnlyList<ComparisonModel> models, IReadOnlyList<ComparisonRow> rows,
        IReadOnlyList<StrategyFigure> figures, string source, Feedback? feedback = null) => Build(models, rows, figures, source, feedback, null);

    /// <summary>The page of a run with its <paramref name="settings"/> shown at the top (data, split, training, seeds,
    /// threads, date), the page dated by them.</summary>
    public static ReportBuilder Build(IReadOnlyList<ComparisonModel> models, IReadOnlyList<ComparisonRow> rows,
        IReadOnlyList<StrategyFigure> figures, ComparisonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Build(models, rows, figures, settings.Source, settings.Feedback, settings);
    }

    private static ReportBuilder Build(IReadOnlyList<ComparisonModel> models, IReadOnlyList<ComparisonRow> rows,
        IReadOnlyList<StrategyFigure> figures, string source, Feedback? feedback, ComparisonSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(figures);
        var report = new ReportBuilder("Can contrastive learning recommend me a movie?")
        {
            Introduction = $"{ComparisonModels.Names(models)} trained on one split of {source}, " +
                           "each strategy's users laid out by t-SNE and clustered, and recall@K under the study's protocol (strategies only) and the Full protocol.",
        };
        if (settings is not null)
        {
            report.SetSettings(settings.Groups());
            report.GeneratedAt = settings.Date;
        }
        foreach (var f in figures)
            report.AddStrategy(f.Name, f.MapPng, f.TopMovies, MapCaption(f.Name));
        var recall = ComparisonTable.RecallRows(rows, EvaluationProtocol.Full).ToList();
        if (recall.Count > 0)
            report.SetRecallChart(RecallChart.RenderPng(recall, new ChartOptions { Title = "recall@K, Full protocol", Width = 1000, Height = 560 }),
                $"recall@K of every model under the Full protocol (relevant: {Relevance(feedback ?? Feedback.MovieLens)} over all movies); " +
                "the black bars on a model measured over several seeds span one standard deviation either side of its mean.");
        var shown = ComparisonTable.Shown(rows);
        var cells = rows.Select(r => shown.Select(c => c.Text(r)).ToArray()).ToList();
        report.SetResultsTable(shown.Select(c => c.Title!).ToArray(), cells.Select(r => (IReadOnlyList<object?>)r),
            "The study's table: recall@K in percent under both protocols, NDCG under the Full protocol, filtered train and test sizes, training time.",
            shown.Select(c => !c.IsText).ToArray(), ComparisonTable.Note(rows, cells));
        AddCoverage(report, rows);
        return report;
    }

    /// <summary>The cut-off of the coverage and popularity panel.</summary>
    internal const int CoverageK = 10;

    /// <summary>Coverage and popularity: recall@10 against catalogue coverage@10, one labelled point per model, and a table
    /// of each row's coverage, popularity percentile, mean popularity and novelty at 10 (Full protocol); nothing when no
    /// row has coverage.</summary>
    private static void AddCoverage(ReportBuilder report, IReadOnlyList<ComparisonRow> rows)
    {
        const EvaluationProtocol full = EvaluationProtocol.Full;
        var measured = rows.Where(r => r.NotApplicable is null && r.Measure(full, RankingMetric.Coverage, CoverageK) is { Mean: var c } && double.IsFinite(c)).ToList();
        if (measured.Count == 0) return;
        double Mean(ComparisonRow r, RankingMetric m) => r.Measure(full, m, CoverageK)?.Mean ?? double.NaN;
        string Percent(double v) => double.IsFinite(v) ? (100 * v).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : ComparisonTable.NotApplicable;
        string Plain(double v, string format) => double.IsFinite(v) ? v.ToString(format, System.Globalization.CultureInfo.InvariantCulture) : ComparisonTable.NotApplicable;
        var points = measured.Where(r => double.IsFinite(Mean(r, RankingMetric.Recall)))
            .Select(r => new CoveragePoint(r.Model, Mean(r, RankingMetric.Coverage), Mean(r, RankingMetric.Recall))).ToList();
        var png = points.Count == 0 ? null : CoverageChart.RenderPng(points, CoverageK,
            new ChartOptions { Title = $"recall@{CoverageK} against catalogue coverage@{CoverageK}, Full protocol", Width = 1000, Height = 560 });
        report.AddPanel("coverage", "Coverage and popularity", png,
            $"Each model's recall@{CoverageK} against the share of the catalogue that reaches some user's top {CoverageK}: a model far to the left " +
            "recommends the same few movies to everyone. In the table, the popularity percentile is where the recommended movies sit in the catalogue " +
            "(99 %: among the most popular 1 %), mean popularity how many train users rated them, novelty their mean self-information in bits " +
            "(higher: less obvious).",
            ["model", $"recall@{CoverageK} (%)", $"coverage@{CoverageK} (%)", $"popularity percentile@{CoverageK} (%)", $"mean popularity@{CoverageK}", $"novelty@{CoverageK} (bits)"],
            measured.Select(r => (IReadOnlyList<object?>)new object?[]
            {
                r.Model, Percent(Mean(r, RankingMetric.Recall)), Percent(Mean(r, RankingMetric.Coverage)), Percent(Mean(r, RankingMetric.PopularityPercentile)),
                Plain(Mean(r, RankingMetric.MeanPopularity), "#,0.0"), Plain(Mean(r, RankingMetric.Novelty), "0.00"),
            }));
    }

    /// <summary>What counts as relevant: "test ratings >= 3.5" (the set's threshold), or every held-out interaction.</summary>
    private static string Relevance(Feedback feedback) => feedback.IsImplicit
        ? "every held-out interaction"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"test ratings >= {feedback.RelevanceThreshold}");
}
