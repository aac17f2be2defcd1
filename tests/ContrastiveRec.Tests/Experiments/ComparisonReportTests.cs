using System.Net;
using System.Text.RegularExpressions;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Experiments;
using ContrastiveRec.Training;
using Xunit;

namespace ContrastiveRec.Tests.Experiments;

/// <summary>The report's panels beyond the table: each present with the figures it was given.</summary>
public class ComparisonReportTests : IDisposable
{
    private readonly TestRatings _files = new();

    public void Dispose() => _files.Dispose();

    private static ComparisonMeasure[] Measures(double recall, double sd = 0) =>
        StrategyComparison.Cutoffs.SelectMany(k => new[]
        {
            new ComparisonMeasure(EvaluationProtocol.Full, RankingMetric.Recall, k, recall * k / 10, sd),
            new ComparisonMeasure(EvaluationProtocol.Full, RankingMetric.Ndcg, k, recall / 2, sd / 2),
        }).ToArray();

    private static ComparisonMeasure[] Beyond(double coverage, double percentile, double popularity, double novelty) =>
    [
        new(EvaluationProtocol.Full, RankingMetric.Coverage, 10, coverage, 0),
        new(EvaluationProtocol.Full, RankingMetric.PopularityPercentile, 10, percentile, 0),
        new(EvaluationProtocol.Full, RankingMetric.MeanPopularity, 10, popularity, 0),
        new(EvaluationProtocol.Full, RankingMetric.Novelty, 10, novelty, 0),
    ];

    internal static readonly ComparisonRow[] Rows =
    [
        new() { Model = "EASE", Measures = [.. Measures(0.08), .. Beyond(0.123, 0.9512, 87.25, 3.21)], TrainSize = 1000, TestSize = 100, TrainSeconds = 1, Results = [] },
        new() { Model = "UserMovie (Id)", Measures = [.. Measures(0.0625, 0.01), .. Beyond(0.0456, 0.9934, 140.5, 2.05)], Seeds = 3, TrainSize = 1000, TestSize = 100, TrainSeconds = 2, Results = [] },
    ];

    private ComparisonSettings Settings()
    {
        var rows = new List<(int, int, double)>();
        for (var u = 1; u <= 12; u++)
            for (var m = 1; m <= 10; m++) rows.Add((u, m, 1 + (u * m) % 5));
        var set = _files.Write(rows, testFraction: 0.2, seed: 7);
        var training = new TrainingOptions { Epochs = 17, BatchSize = 96, LearningRate = 0.0123, Margin = 0.75, Seed = 5, Threads = 1 };
        var comparison = new ComparisonOptions { Seeds = 4, PairWeight = 0.5, ContrastWeight = 0.25, UserMovieEpochs = 33, Neighbors = 12 };
        return ComparisonSettings.Of(set, training, comparison, new DateTimeOffset(2025, 3, 4, 5, 6, 0, TimeSpan.Zero));
    }

    private static string Block(string html) => WebUtility.HtmlDecode(Regex.Match(html, "<section class=\"settings\">.*?</section>", RegexOptions.Singleline).Value);

    [Fact]
    public void The_settings_block_shows_the_runs_data_split_training_seeds_weights_threads_and_date()
    {
        var settings = Settings();
        var html = ComparisonReport.Build(ComparisonModels.For(settings.Comparison), Rows, [], settings).ToHtml();
        var block = Block(html);
        Assert.NotEmpty(block);
        // It comes first: after the introduction, before any figure or table.
        Assert.True(html.IndexOf("<section class=\"settings\">", StringComparison.Ordinal) < html.IndexOf("<table class=\"results\">", StringComparison.Ordinal));
        string Row(string name) => Regex.Match(block, $"<th scope=\"row\">{Regex.Escape(name)}</th><td>(.*?)</td>").Groups[1].Value;

        Assert.Equal("12", Row("users"));
        Assert.Equal("10", Row("movies"));
        Assert.Equal($"{settings.TrainRatings} / {settings.TestRatings}", Row("ratings (train / test)"));
        Assert.Equal(96 + 24, settings.TrainRatings + settings.TestRatings);
        Assert.StartsWith("explicit 0.5 to 5, relevant from 3.5", Row("feedback"));
        Assert.Equal("Random", Row("method"));
        Assert.Equal("20%", Row("test fraction"));
        Assert.Contains("<th scope=\"row\">seed</th><td>7</td>", block); // the split's
        Assert.Equal("17", Row("epochs"));
        Assert.Equal("96", Row("batch size"));
        Assert.Equal("0.0123", Row("learning rate"));
        Assert.Equal("0.75", Row("margin"));
        Assert.Contains("<th scope=\"row\">seed</th><td>5</td>", block); // the strategies'
        Assert.Contains("<th scope=\"row\">epochs</th><td>Id 33, Profile 33, Graph 33</td>", block);
        Assert.Contains("<th scope=\"row\">seeds</th><td>4 (5 to 8), rows are means</td>", block);
        Assert.Equal("0.5", Row("pair weight (+ Strategy 1 pairs)"));
        Assert.Equal("0.25", Row("contrast weight (+ contrastive term)"));
        Assert.Equal("12", Row("neighbours (UserKnn, Study protocol)"));
        Assert.Equal("1", Row("threads"));
        Assert.Equal("2025-03-04 05:06 +00:00", Row("date"));
        Assert.Contains("Made by ContrastiveRec on 2025-03-04 05:06 +00:00", html);

        // Without the rows beyond the study there is no UserMovie group; without settings, no block.
        var study = settings with { Comparison = settings.Comparison with { BeyondStudy = false } };
        Assert.DoesNotContain("UserMovie rows", Block(ComparisonReport.Build(ComparisonModels.For(study.Comparison), Rows, [], study).ToHtml()));
        Assert.DoesNotContain("class=\"settings\"", ComparisonReport.Build(ComparisonModels.For(settings.Comparison), Rows, [], "hand-made").ToHtml());
    }

    [Fact]
    public void UserMovie_epochs_are_each_encoders_validated_default_unless_the_run_sets_them()
    {
        var settings = Settings() with { Comparison = new ComparisonOptions() };
        var runs = settings.UserMovieRuns().ToDictionary(r => r.Encoder, r => r.Options.Epochs);
        Assert.Equal(TrainingOptions.UserMovieDefaults(EncoderKind.Profile).Epochs, runs[EncoderKind.Profile]);
        Assert.Equal(TrainingOptions.UserMovieDefaults(EncoderKind.Graph).Epochs, runs[EncoderKind.Graph]);
    }

    [Fact]
    public void The_coverage_panel_charts_recall_against_coverage_and_tables_each_rows_popularity_and_novelty()
    {
        var html = ComparisonReport.Build(ComparisonModels.For(new ComparisonOptions()), Rows, [], "hand-made").ToHtml();
        var panel = Regex.Match(html, "<section class=\"panel\" id=\"coverage\">.*?</section>", RegexOptions.Singleline).Value;
        Assert.NotEmpty(panel);
        Assert.Contains("alt=\"Coverage and popularity\" src=\"data:image/png;base64,", panel);
        var cells = Regex.Matches(panel, "<tr>(.*?)</tr>", RegexOptions.Singleline).Skip(1)
            .Select(r => Regex.Matches(r.Groups[1].Value, "<td[^>]*>(.*?)</td>").Select(c => WebUtility.HtmlDecode(c.Groups[1].Value)).ToArray()).ToArray();
        Assert.Equal(["EASE", "8.00", "12.30", "95.12", "87.3", "3.21"], cells[0]);
        Assert.Equal(["UserMovie (Id)", "6.25", "4.56", "99.34", "140.5", "2.05"], cells[1]);
        // Figures right-aligned, the model's name not.
        Assert.Equal(5, Regex.Matches(Regex.Match(panel, "<tbody>.*?</tr>", RegexOptions.Singleline).Value, "<td class=\"n\">").Count);

        // Rows without coverage (results from before it was measured) get no panel.
        var old = Rows.Select(r => r with { Measures = r.Measures.Where(m => m.Metric is RankingMetric.Recall or RankingMetric.Ndcg).ToArray() }).ToArray();
        Assert.DoesNotContain("id=\"coverage\"", ComparisonReport.Build(ComparisonModels.For(new ComparisonOptions()), old, [], "hand-made").ToHtml());
    }

    [Fact]
    public void The_recall_chart_gets_error_bars_for_rows_averaged_over_seeds()
    {
        var rows = ComparisonTable.RecallRows(Rows, EvaluationProtocol.Full).ToList();
        Assert.All(rows.Where(r => r.Model == "EASE"), r => Assert.Equal(0, r.StdDev));
        Assert.All(rows.Where(r => r.Model == "UserMovie (Id)"), r => Assert.Equal(0.01, r.StdDev));

        // The bars of one seed are drawn alike with or without a spread; the error bars change the picture.
        var one = rows.Select(r => r with { StdDev = 0 }).ToList();
        var a = ContrastiveRec.Visualization.RecallChart.RenderPng(one);
        var b = ContrastiveRec.Visualization.RecallChart.RenderPng(rows);
        Assert.NotEqual(a, b);
        var caption = WebUtility.HtmlDecode(ComparisonReport.Build(ComparisonModels.For(new ComparisonOptions()), Rows, [], "hand-made").ToHtml());
        Assert.Contains("one standard deviation either side", caption);
    }

    [Fact]
    public void The_loss_panel_charts_each_trained_row_and_tables_its_first_and_last_loss()
    {
        var settings = Settings();
        var losses = new Dictionary<string, IReadOnlyList<double>> { ["UserMovie (Id)"] = [6.5, 5.2, 4.875] };
        var html = ComparisonReport.Build(ComparisonModels.For(settings.Comparison), Rows, [], settings, losses).ToHtml();
        var panel = Regex.Match(html, "<section class=\"panel\" id=\"losses\">.*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains("alt=\"Training loss\" src=\"data:image/png;base64,", panel);
        Assert.Contains("<tr><td>UserMovie (Id)</td><td class=\"n\">3</td><td class=\"n\">6.5000</td><td class=\"n\">4.8750</td><td class=\"n\">0.750</td></tr>", panel);
        Assert.DoesNotContain("<td>EASE</td>", panel); // not trained: no curve
        Assert.DoesNotContain("id=\"losses\"", ComparisonReport.Build(ComparisonModels.For(settings.Comparison), Rows, [], settings).ToHtml());
    }
}
