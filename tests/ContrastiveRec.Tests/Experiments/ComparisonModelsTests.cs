using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Experiments;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;
using ContrastiveRec.Visualization;
using Xunit;

namespace ContrastiveRec.Tests.Experiments;

/// <summary>One whole comparison on a small planted set, one epoch each: run once, read by every test of the class.</summary>
public sealed class SmallComparison : IDisposable
{
    private readonly TestRatings _files = new();

    public SmallComparison()
    {
        // Every movie rated by about 110 of 120 users, so the popularity filter of strategies 2 and 4 keeps movies.
        Set = _files.WriteGroups(groups: 3, usersPerGroup: 40, moviesPerBlock: 8, density: 0.95);
        Models = ComparisonModels.For(Options);
        Rows = StrategyComparison.Run(Set, new TrainingOptions { Epochs = 1, BatchSize = 256 }, neighbors: 10,
            progress: Progress.Add, onModel: (name, model) => Drawn.Add((name, model.UserCount)), comparison: Options).ToList();
    }

    public static ComparisonOptions Options { get; } = new() { Seeds = 2, UserMovieEpochs = 1 };
    public RatingSet Set { get; }
    public IReadOnlyList<ComparisonModel> Models { get; }
    public List<ComparisonRow> Rows { get; }
    public List<ComparisonProgress> Progress { get; } = [];
    public List<(string Name, int Users)> Drawn { get; } = [];

    public void Dispose() => _files.Dispose();
}

public class ComparisonModelsTests(SmallComparison run) : IClassFixture<SmallComparison>
{
    private static readonly string[] Study = ["Strategy 1", "Strategy 2", "Strategy 3", "Strategy 4", "MostPopular", "UserKnn", "ItemKnn"];

    [Fact]
    public void StudyOnly_gives_the_studys_models_and_the_default_adds_the_rest_after_them()
    {
        var all = ComparisonModels.For(new ComparisonOptions());
        var study = ComparisonModels.For(new ComparisonOptions { BeyondStudy = false });
        Assert.Equal(Study, study.Select(m => m.Name));
        Assert.All(study, m => Assert.True(m.InStudy));
        Assert.Equal(Study, all.Take(Study.Length).Select(m => m.Name));
        Assert.Equal(new[] { "EASE", "UserMovie (Id)", "UserMovie (Id) + Strategy 1 pairs", "UserMovie (Profile)", "UserMovie (Graph)", "UserMovie (Graph) + contrastive term" }, all.Skip(Study.Length).Select(m => m.Name));
        Assert.All(all.Skip(Study.Length), m => Assert.False(m.InStudy));
        Assert.Equal(all.Count, all.Select(m => m.Name).Distinct().Count());
    }

    [Fact]
    public void Only_the_studys_strategies_have_the_study_protocol_and_only_the_UserMovie_rows_several_seeds()
    {
        foreach (var m in ComparisonModels.For(new ComparisonOptions { Seeds = 5 }))
        {
            var strategy = m.Name.StartsWith("Strategy ", StringComparison.Ordinal);
            Assert.Equal(strategy ? new[] { EvaluationProtocol.Study, EvaluationProtocol.Full } : new[] { EvaluationProtocol.Full }, m.Protocols);
            Assert.Equal(m.Name.StartsWith("UserMovie", StringComparison.Ordinal) ? 5 : 1, m.Seeds);
        }
    }

    [Theory]
    [InlineData("Strategy 1")]
    [InlineData("UserMovie (Profile)")]
    public void An_encoder_row_recommends_through_the_registrys_recommender_for_its_model(string name)
    {
        var model = run.Models.Single(m => m.Name == name);
        using var built = model.Build(run.Set, new TrainingOptions { Epochs = 1, BatchSize = 256 }, 0, null, default);
        Assert.Same(RecommenderRegistry.ForEncoder(built.Encoder!), built.Recommender);
    }

    [Fact]
    public void Names_reads_as_a_sentence()
    {
        var models = ComparisonModels.For(new ComparisonOptions { BeyondStudy = false });
        Assert.Equal("Strategy 1, Strategy 2, Strategy 3, Strategy 4, MostPopular, UserKnn and ItemKnn", ComparisonModels.Names(models));
        Assert.Equal("Strategy 1", ComparisonModels.Names(models.Take(1)));
    }

    [Fact]
    public void Run_yields_one_row_per_model_of_the_list_measured_under_its_protocols()
    {
        Assert.Equal(run.Models.Select(m => m.Name), run.Rows.Select(r => r.Model));
        foreach (var (model, row) in run.Models.Zip(run.Rows))
        {
            Assert.Equal(model.Seeds, row.Seeds);
            // Every metric at every cut-off under each of the model's protocols, and nothing else.
            var expected = model.Protocols.SelectMany(p => StrategyComparison.Cutoffs.SelectMany(k => Enum.GetValues<RankingMetric>().Select(m => (p, m, k))));
            Assert.Equal(expected.Order(), row.Measures.Select(m => (m.Protocol, m.Metric, m.K)).Order());
            Assert.Equal(model.Protocols, row.Results.Select(r => r.Protocol).Distinct());
            // Fractions, but for popularity (train users) and novelty (bits).
            Assert.All(row.Measures, m => Assert.InRange(m.Mean, 0, m.Metric is RankingMetric.MeanPopularity or RankingMetric.Novelty ? double.MaxValue : 1));
            if (!model.Protocols.Contains(EvaluationProtocol.Study)) Assert.Null(row.Recall(EvaluationProtocol.Study, 10));
        }
    }

    [Fact]
    public void A_model_measured_once_has_its_results_as_measures_and_no_spread()
    {
        foreach (var row in run.Rows.Where(r => r.Seeds == 1))
            foreach (var r in row.Results)
            {
                Assert.Equal(r.Recall, row.Recall(r.Protocol, r.K));
                Assert.Equal(r.Ndcg, row.Ndcg(r.Protocol, r.K));
                Assert.Equal(r.HitRate, row.Measure(r.Protocol, RankingMetric.HitRate, r.K)!.Mean);
                Assert.Equal(0.0, row.Measure(r.Protocol, RankingMetric.Recall, r.K)!.StdDev);
            }
        // Every row's results carry the row's name, the UserMovie rows' too (two of them would otherwise both be
        // "UserMovie (Graph)", the encoder's default name).
        Assert.All(run.Rows, row => Assert.All(row.Results, r => Assert.Equal(row.Model, r.Model)));
        Assert.Equal(run.Rows.Count, run.Rows.SelectMany(row => row.Results).Select(r => r.Model).Distinct().Count());
    }

    [Fact]
    public void Every_rows_results_and_a_chart_of_them_name_the_model_as_the_table_does()
    {
        var tableNames = ComparisonTable.ToMarkdown(run.Rows).Split('\n').Skip(2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim('|', ' ', '\r').Split('|')[0].Trim()).ToArray();
        Assert.Equal(run.Rows.Select(r => r.Model), tableNames);
        // As Export-RecallChart draws piped results, and as the report draws the rows.
        var results = run.Rows.SelectMany(r => r.Results).Where(r => r.Protocol == EvaluationProtocol.Full).Select(r => new RecallRow(r.Model, r.K, r.Recall));
        using var fromResults = RecallChart.Build(results);
        Assert.Equal(tableNames, fromResults.Legend.GetItems().Select(i => i.LabelText));
        using var fromRows = RecallChart.Build(ComparisonTable.RecallRows(run.Rows, EvaluationProtocol.Full));
        Assert.Equal(tableNames, fromRows.Legend.GetItems().Select(i => i.LabelText));
    }

    [Fact]
    public void Rows_over_several_seeds_hold_the_mean_and_spread_of_the_seeds()
    {
        foreach (var row in run.Rows.Where(r => r.Seeds == 2))
        {
            // Results are the first seed's: with two seeds the mean lies exactly one sd/sqrt(2) from either seed.
            foreach (var first in row.Results)
            {
                var m = row.Measure(first.Protocol, RankingMetric.Recall, first.K)!;
                Assert.Equal(m.StdDev / Math.Sqrt(2), Math.Abs(first.Recall - m.Mean), 12);
            }
            Assert.Equal(run.Set.TrainCount, row.TrainSize);
            Assert.Equal(run.Set.TestCount, row.TestSize);
        }
        Assert.Contains(run.Rows, r => r.Seeds == 2 && r.Measures.Any(m => m.StdDev > 0));
    }

    [Fact]
    public void The_strategies_and_each_UserMovie_rows_first_seed_are_offered_for_drawing_and_progress_counts_the_lists_models()
    {
        // The report keeps the best UserMovie and Graph rows' maps of these (ComparisonRun.ReportFigures).
        Assert.Equal(["Strategy 1", "Strategy 2", "Strategy 3", "Strategy 4", "UserMovie (Id)", "UserMovie (Id) + Strategy 1 pairs", "UserMovie (Profile)",
            "UserMovie (Graph)", "UserMovie (Graph) + contrastive term"], run.Drawn.Select(d => d.Name));
        Assert.Equal(["UserMovie", "UserMovie", "UserMovie", "Graph", "Graph"], run.Models.Where(m => m.MapFamily is not null).Select(m => m.MapFamily));
        Assert.All(run.Progress, p => Assert.Equal(run.Models.Count, p.Models));
        Assert.Equal(Enumerable.Range(1, run.Models.Count), run.Progress.Select(p => p.Model).Distinct());
        Assert.Contains(run.Progress, p => p.Name == "UserMovie (Profile), seed 2 of 2" && p.Training is null);
        // The run's share done and time left grow and shrink with the models: every model an equal part.
        Assert.All(run.Progress, p => Assert.InRange(p.Fraction, (p.Model - 1.0) / p.Models, (double)p.Model / p.Models));
        Assert.True(run.Progress.Zip(run.Progress.Skip(1)).All(p => p.First.Fraction <= p.Second.Fraction && p.First.Elapsed <= p.Second.Elapsed));
        var last = run.Progress.Last(p => p.Training is not null);
        Assert.Equal(run.Models.Count, last.Model);
        Assert.True(last.Remaining < run.Progress.First(p => p.Elapsed > TimeSpan.Zero && p.Training is not null).Remaining);
    }
}

public class ComparisonAgainstReferenceTests(SmallComparison run) : IClassFixture<SmallComparison>
{
    [Fact]
    public void Every_row_but_EASE_carries_its_paired_difference_from_EASE_and_rows_keep_the_tables_order()
    {
        Assert.Equal(run.Models.Select(m => m.Name), run.Rows.Select(r => r.Model));
        var ease = run.Rows.Single(r => r.Model == StrategyComparison.ReferenceName);
        Assert.Empty(ease.AgainstReference);
        foreach (var row in run.Rows.Where(r => r != ease))
        {
            var d = row.Against(RankingMetric.Recall, 20);
            Assert.NotNull(d);
            // The paired means are the rows' own recall (per user averaged over seeds, then over users).
            Assert.Equal(row.Recall(EvaluationProtocol.Full, 20)!.Value, d!.ModelMean, 12);
            Assert.Equal(ease.Recall(EvaluationProtocol.Full, 20)!.Value, d.ReferenceMean, 12);
            Assert.Equal(d.ModelMean - d.ReferenceMean, d.Difference, 12);
            Assert.InRange(d.PValue, 0, 1);
        }
        // EASE was built first, though its row comes eighth.
        Assert.Equal(StrategyComparison.ReferenceName, run.Progress[0].Name);
    }
}

public class ComparisonSplitsTests
{
    [Fact]
    public void Splits_are_the_sets_own_then_the_next_seeds_and_a_temporal_split_is_one()
    {
        using var files = new TestRatings();
        var set = files.WriteGroups(groups: 2, usersPerGroup: 20, moviesPerBlock: 6, density: 0.9);
        var splits = StrategyComparison.SplitsOf(set, 3);
        Assert.Equal(3, splits.Count);
        Assert.Same(set, splits[0]);
        Assert.Equal([set.Split.Seed!.Value + 1, set.Split.Seed!.Value + 2], splits.Skip(1).Select(s => s.Split.Seed!.Value));
        Assert.All(splits, s => Assert.Equal(set.RatingCount, s.RatingCount));
        Assert.NotEqual(splits[0].Split.IsTestRow, splits[1].Split.IsTestRow);
        var temporal = set.WithSplit(SplitMethod.Temporal, 0.2, 1);
        Assert.Single(StrategyComparison.SplitsOf(temporal, 3));
    }

    [Fact]
    public void A_comparison_over_two_splits_averages_them_and_shows_their_spread()
    {
        using var files = new TestRatings();
        var set = files.WriteGroups(groups: 3, usersPerGroup: 30, moviesPerBlock: 8, density: 0.9);
        var options = new ComparisonOptions { BeyondStudy = false, Splits = 2 };
        var rows = StrategyComparison.Run(set, new TrainingOptions { Epochs = 1, BatchSize = 256 }, comparison: options).ToList();
        var popular = rows.Single(r => r.Model == "MostPopular");
        Assert.Equal((1, 2), (popular.Seeds, popular.Splits));
        // The mean of the two splits' MostPopular, each measured on its own.
        double Ndcg(RatingSet s) => RankingEvaluator.Evaluate(new MostPopularRecommender(s), EvaluationProtocol.Full, [10])[0].Ndcg;
        var (first, second) = (Ndcg(set), Ndcg(StrategyComparison.SplitsOf(set, 2)[1]));
        Assert.NotEqual(first, second); // the splits differ, so their spread is the split's own
        var measure = popular.Measure(EvaluationProtocol.Full, RankingMetric.Ndcg, 10)!;
        Assert.Equal((first + second) / 2, measure.Mean, 12);
        Assert.Equal(Math.Abs(first - second) / Math.Sqrt(2), measure.StdDev, 12);
        Assert.Contains("splits", ComparisonTable.ToMarkdown(rows).Split('\n')[0]);
    }
}
