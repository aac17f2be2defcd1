using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Experiments;
using ContrastiveRec.Pairs;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;
using Xunit;

namespace ContrastiveRec.Tests.Experiments;

/// <summary>A click log (no ratings): every model that learns from interactions trains and evaluates on it, every
/// held-out interaction is relevant, and the study's strategies, which need dislikes, are refused by name (and n/a in
/// the comparison).</summary>
[Collection("Training")]
public class ImplicitFeedbackTests
{
    /// <summary>Planted groups of clicks: a group clicks most items of its own block, some more than once, and few others.</summary>
    internal static RatingSet Clicks(int seed = 9, double testFraction = 0.2)
    {
        var rng = new Random(seed);
        var (users, items) = (new List<int>(), new List<int>());
        for (var g = 0; g < 3; g++)
        for (var i = 0; i < 25; i++)
        for (var b = 0; b < 3; b++)
        for (var j = 0; j < 30; j++)
        {
            if (rng.NextDouble() >= (b == g ? 0.5 : 0.04)) continue;
            for (var repeat = b == g ? 1 + rng.Next(3) : 1; repeat > 0; repeat--)
            {
                users.Add(g * 25 + i + 1);
                items.Add(b * 30 + j + 1);
            }
        }
        var clicks = ColumnSets.Of("clicks", users.ToArray(), items.ToArray(), new float[users.Count], null, new FeedbackOptions { IsImplicit = true });
        return clicks.WithSplit(SplitMethod.Random, testFraction, 42);
    }

    [Fact]
    public void Repeats_are_counted_and_every_held_out_interaction_is_relevant()
    {
        var set = Clicks();
        Assert.True(set.Feedback.IsImplicit);
        Assert.Contains(set.RatingColumn, r => r > 1);
        Assert.Equal(3f, set.RatingColumn.Max());
        var (_, relevant) = RankingEvaluator.RelevantItems(set, RecommendationScope.For(set));
        Assert.Equal(set.TestCount, relevant.Sum(r => r.Count));
    }

    public static TheoryData<string> Models => new() { "MostPopular", "UserKnn", "ItemKnn", "Ease", "UserMovie Id", "UserMovie Profile", "UserMovie Graph" };

    [Theory]
    [MemberData(nameof(Models))]
    public void Each_model_that_learns_from_interactions_trains_and_finds_held_out_clicks(string model)
    {
        var set = Clicks();
        RecallAtK[] results;
        if (model.StartsWith("UserMovie ", StringComparison.Ordinal))
        {
            var kind = Enum.Parse<EncoderKind>(model["UserMovie ".Length..]);
            var options = TrainingOptions.UserMovieDefaults(kind) with { Epochs = kind == EncoderKind.Graph ? 10 : 20, BatchSize = 16, InputDim = 32, HiddenDim = 32, LatentDim = 16 };
            using var encoder = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), options);
            Assert.Equal(new MiningStatistics(), encoder.MiningStatistics); // nothing mined: there are no dislikes
            results = RankingEvaluator.Evaluate(RecommenderRegistry.ForEncoder(encoder), EvaluationProtocol.Full, [10]);
        }
        else
        {
            var baseline = RecommenderRegistry.Build(Enum.Parse<BaselineKind>(model), set);
            results = RankingEvaluator.Evaluate(baseline, EvaluationProtocol.Full, [10]);
        }
        var r = Assert.Single(results);
        Assert.Equal(75, r.Users);
        // A random ten of the ~75 unseen items finds about 0.13 of a user's held-out clicks; their own block holds nearly
        // all of them. MostPopular's one list cannot tell the groups apart (every block is as popular), so it only has to work.
        Assert.True(r.Recall > (model == "MostPopular" ? 0.05 : 0.25), $"{model}: recall@10 {r.Recall}");
    }

    [Fact]
    public void Count_weighting_changes_what_UserMovie_learns_on_implicit_data_only()
    {
        var set = Clicks();
        var options = TrainingOptions.UserMovieDefaults(EncoderKind.Id) with { Epochs = 2, BatchSize = 16, InputDim = 16, HiddenDim = 16, LatentDim = 8 };
        using var plain = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), options);
        using var weighted = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), options with { CountWeighting = true });
        Assert.NotEqual(plain.GetEmbeddings(), weighted.GetEmbeddings());
        Assert.True(weighted.Options.CountWeighting);

        var (ten, _) = RatingScaleTests.Sets();
        using var explicitPlain = EncoderTrainer.Train(ten, PairStrategy.FromPreset(1), options);
        using var explicitWeighted = EncoderTrainer.Train(ten, PairStrategy.FromPreset(1), options with { CountWeighting = true });
        Assert.Equal(explicitPlain.GetEmbeddings(), explicitWeighted.GetEmbeddings());
    }

    [Fact]
    public void The_study_strategies_are_refused_by_name_saying_which_models_work()
    {
        var set = Clicks();
        var e = Refused.By("NeedsExplicitRatings", RefusalCategory.InvalidOperation,
            () => EncoderTrainer.Train(set, PairStrategy.FromPreset(4), new TrainingOptions { Epochs = 1 }));
        Assert.Contains("-Objective UserMovie", e.Remedy);
        Assert.Contains("Ease", e.Remedy);
        Refused.By("NeedsExplicitRatings", RefusalCategory.InvalidOperation, () => TripletMiner.Mine(set, PairStrategy.FromPreset(1), 1));
        Refused.By("NeedsExplicitRatings", RefusalCategory.InvalidOperation,
            () => EncoderTrainer.Train(set, PairStrategy.FromPreset(1), TrainingOptions.UserMovieDefaults(EncoderKind.Id) with { PairWeight = 0.5, Epochs = 1 }));
    }

    [Fact]
    public void The_sampled_negative_strategy_pairs_users_of_an_item_against_users_who_never_used_it()
    {
        var set = Clicks();
        var triplets = TripletMiner.Mine(set, PairStrategy.SampledNegatives, 3);
        Assert.True(triplets.Count > set.TrainCount / 2, $"{triplets.Count} triplets of {set.TrainCount} train clicks");
        var used = new HashSet<(int User, int Movie)>();
        for (var u = 0; u < set.UserCount; u++)
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
                if (!set.Split.IsTestRow[r]) used.Add((u, set.MovieColumn[r]));
        for (var i = 0; i < triplets.Count; i++)
        {
            var (a, p, n, m) = (triplets.Anchor[i], triplets.Positive[i], triplets.Negative[i], triplets.Movie[i]);
            Assert.Contains((a, m), used);
            Assert.Contains((p, m), used);
            Assert.DoesNotContain((n, m), used);
            Assert.NotEqual(a, p);
        }
        // The same seed draws the same triplets; another seed others.
        Assert.Equal(triplets.Negative, TripletMiner.Mine(set, PairStrategy.SampledNegatives, 3).Negative);
        Assert.NotEqual(triplets.Negative, TripletMiner.Mine(set, PairStrategy.SampledNegatives, 4).Negative);
        Assert.Equal("Sampled-negative strategy", PairStrategy.SampledNegatives.ToString().Split(':')[0]);
        Assert.Null(PairStrategy.SampledNegatives.Preset);
    }

    [Fact]
    public void The_sampled_negative_strategy_trains_an_encoder_that_finds_held_out_clicks()
    {
        var set = Clicks();
        using var encoder = EncoderTrainer.Train(set, PairStrategy.SampledNegatives,
            new TrainingOptions { Epochs = 30, BatchSize = 64, InputDim = 32, HiddenDim = 32, LatentDim = 16, LearningRate = 0.01, Seed = 1 });
        Assert.True(encoder.MiningStatistics.Triplets > 0);
        var r = Assert.Single(RankingEvaluator.Evaluate(RecommenderRegistry.ForEncoder(encoder), EvaluationProtocol.Full, [10]));
        // Users of a block end up near each other: their neighbours' clicks find the block (random: about 0.13).
        Assert.True(r.Recall > 0.25, $"recall@10 {r.Recall}");
    }

    [Fact]
    public void The_comparison_marks_the_strategies_n_a_with_the_reason_and_measures_the_rest()
    {
        var set = Clicks();
        var comparison = new ComparisonOptions { Seeds = 1, UserMovieEpochs = 1 };
        var rows = StrategyComparison.Run(set, new TrainingOptions { Epochs = 1, BatchSize = 256 }, comparison: comparison).ToList();
        Assert.Equal(ComparisonModels.For(comparison).Select(m => m.Name), rows.Select(r => r.Model));
        var notApplicable = rows.Where(r => r.NotApplicable is not null).Select(r => r.Model).ToArray();
        Assert.Equal(new[] { "Strategy 1", "Strategy 2", "Strategy 3", "Strategy 4", "UserMovie (Id) + Strategy 1 pairs" }, notApplicable);
        Assert.All(rows.Where(r => r.NotApplicable is null), r => Assert.NotNull(r.Recall(EvaluationProtocol.Full, 10)));
        var markdown = ComparisonTable.ToMarkdown(rows);
        Assert.Contains("| Strategy 1 | n/a | n/a |", markdown);
        Assert.Contains("n/a for Strategy 1, Strategy 2, Strategy 3, Strategy 4, UserMovie (Id) + Strategy 1 pairs: its pair strategy needs explicit ratings", markdown);
        var html = ComparisonReport.Build(ComparisonModels.For(comparison), rows, [], "clicks", set.Feedback).ToHtml();
        Assert.Contains("relevant: every held-out interaction", html);
    }
}
