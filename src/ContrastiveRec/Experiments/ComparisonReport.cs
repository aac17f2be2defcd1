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
        IReadOnlyList<StrategyFigure> figures, string source, Feedback? feedback = null) => Build(models, rows, figures, source, feedback, null, null);

    /// <summary>The page of a run with its <paramref name="settings"/> shown at the top (data, split, training, seeds,
    /// threads, date), the page dated by them, and the <paramref name="losses"/> per epoch of its trained rows (by row name).</summary>
    public static ReportBuilder Build(IReadOnlyList<ComparisonModel> models, IReadOnlyList<ComparisonRow> rows,
        IReadOnlyList<StrategyFigure> figures, ComparisonSettings settings, IReadOnlyDictionary<string, IReadOnlyList<double>>? losses = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Build(models, rows, figures, settings.Source, settings.Feedback, settings, losses);
    }

    private static ReportBuilder Build(IReadOnlyList<ComparisonModel> models, IReadOnlyList<ComparisonRow> rows,
        IReadOnlyList<StrategyFigure> figures, string source, Feedback? feedback, ComparisonSettings? settings,
        IReadOnlyDictionary<string, IReadOnlyList<double>>? losses)
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
            report.AddStrategy(f.Name, f.MapPng, f.TopMovies, MapCaption(f.Name), FamilyNote(models, rows, f.Name));
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
        AddRecallCurves(report, rows);
        AddCoverage(report, rows);
        if (losses is not null) AddLosses(report, rows, losses);
        return report;
    }

    /// <summary>The cut-offs the recall curves' table gives.</summary>
    private static readonly int[] CurveTableCutoffs = [1, 5, 10, 20, 50, 100];

    /// <summary>Recall against K from 1 to 100, a line per row (Full protocol), with a band of one standard deviation over
    /// seeds and splits, and a table of the curve at a few K; nothing when no row has a curve.</summary>
    private static void AddRecallCurves(ReportBuilder report, IReadOnlyList<ComparisonRow> rows)
    {
        var colours = Colours(rows);
        var lines = rows.Where(r => r.NotApplicable is null && r.RecallCurve is { MaxK: > 0 } c && c.Recall.All(double.IsFinite))
            .Select((r, i) => new RecallCurveLine(r.Model, r.RecallCurve!.Recall, r.RecallCurveStdDev, colours.TryGetValue(r.Model, out var c) ? c : i)).ToList();
        if (lines.Count == 0) return;
        var maxK = lines.Max(l => l.Recall.Count);
        var ks = CurveTableCutoffs.Where(k => k <= maxK).ToArray();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        report.AddPanel("recall-curves", "Recall down the list",
            RecallCurveChart.RenderPng(lines, new ChartOptions { Title = $"recall@K for K from 1 to {maxK}, Full protocol", Width = 1000, Height = 560 }),
            $"Each model's recall@K at every K from 1 to {maxK} (Full protocol): whether a lead at 10, 20 or 50 holds down the list or the " +
            "lines cross. A shaded band spans one standard deviation either side of a mean over seeds or splits.",
            ["model", .. ks.Select(k => $"recall@{k} (%)")],
            lines.Select(l => (IReadOnlyList<object?>)new object?[] { l.Model }
                .Concat(ks.Select(k => (object?)(k <= l.Recall.Count ? (100 * l.Recall[k - 1]).ToString("0.00", inv) : ComparisonTable.NotApplicable))).ToArray()));
    }

    /// <summary>Each row's colour: its place among the rows with Full recall, as the recall chart draws them.</summary>
    private static Dictionary<string, int> Colours(IReadOnlyList<ComparisonRow> rows) =>
        ComparisonTable.RecallRows(rows, EvaluationProtocol.Full).Select(r => r.Model).Distinct().Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);

    /// <summary>Loss curves: every trained row's loss per epoch relative to its first, one chart, and a table of each row's
    /// first and last epoch's loss; nothing when no row was trained.</summary>
    private static void AddLosses(ReportBuilder report, IReadOnlyList<ComparisonRow> rows, IReadOnlyDictionary<string, IReadOnlyList<double>> losses)
    {
        var colours = Colours(rows);
        var curves = rows.Where(r => losses.TryGetValue(r.Model, out var l) && l.Count > 0)
            .Select((r, i) => new LossCurve(r.Model, losses[r.Model], colours.TryGetValue(r.Model, out var c) ? c : i)).ToList();
        if (curves.Count == 0) return;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        report.AddPanel("losses", "Training loss",
            LossChart.RenderPng(curves, new ChartOptions { Title = "training loss per epoch (first seed), relative to epoch 1", Width = 1000, Height = 560 }),
            "Each trained model's mean loss per epoch, its first seed's, divided by its first epoch's: the strategies' triplet loss and the UserMovie " +
            "rows' loss over movies differ in scale, so the chart compares how far and how fast each fell; the table gives the losses themselves.",
            ["model", "epochs", "loss, epoch 1", "loss, last epoch", "last / first"],
            curves.Select(c => (IReadOnlyList<object?>)new object?[]
            {
                c.Model, c.Losses.Count, c.Losses[0].ToString("0.0000", inv), c.Losses[^1].ToString("0.0000", inv),
                c.Losses[0] > 0 ? (c.Losses[^1] / c.Losses[0]).ToString("0.000", inv) : ComparisonTable.NotApplicable,
            }));
    }

    /// <summary>Why a row beyond the study has a map: the best of its family by Full recall@20, its first seed drawn.</summary>
    private static string? FamilyNote(IReadOnlyList<ComparisonModel> models, IReadOnlyList<ComparisonRow> rows, string name)
    {
        if (models.FirstOrDefault(m => m.Name == name) is not { MapFamily: { } family }) return null;
        var recall = rows.FirstOrDefault(r => r.Model == name)?.Recall(EvaluationProtocol.Full, 20);
        var figure = recall is { } v ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" ({100 * v:0.00} %)") : "";
        return $"The best {family} row by Full recall@20{figure}; the map and clusters are its first seed's users.";
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
