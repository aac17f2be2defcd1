using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Pairs;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;
using Xunit;

namespace ContrastiveRec.Tests.Experiments;

/// <summary>
/// The same ratings on 1-10 and halved onto MovieLens' 0.5-5 are the same data: the same split, the same likes, the
/// same triplets for a preset, the same recall for every model to the last digit (halving is exact in binary floating
/// point, and every threshold sits at the same place on each scale).
/// </summary>
[Collection("Training")]
public class RatingScaleTests
{
    /// <summary>Planted taste groups in whole stars 1-10: a group rates its own block 7-10 and the others 1-6.</summary>
    internal static (int[] Users, int[] Movies, float[] Ratings, long[] Times) Stars(int seed = 5, int groups = 3, int usersPerGroup = 25, int moviesPerBlock = 30)
    {
        var rng = new Random(seed);
        var (users, movies, ratings, times) = (new List<int>(), new List<int>(), new List<float>(), new List<long>());
        for (var g = 0; g < groups; g++)
        for (var i = 0; i < usersPerGroup; i++)
        for (var b = 0; b < groups; b++)
        for (var j = 0; j < moviesPerBlock; j++)
        {
            if (rng.NextDouble() >= 0.5) continue;
            users.Add(g * usersPerGroup + i + 1);
            movies.Add(b * moviesPerBlock + j + 1);
            ratings.Add(b == g ? 7 + rng.Next(4) : 1 + rng.Next(6));
            times.Add(1_000_000_000 + rng.Next(1_000_000));
        }
        return (users.ToArray(), movies.ToArray(), ratings.ToArray(), times.ToArray());
    }

    private static readonly (int[] Users, int[] Movies, float[] Ratings, long[] Times) Data = Stars();

    /// <summary>The 1-10 set (its scale from the data) and the same ratings halved, on MovieLens' scale.</summary>
    internal static (RatingSet Ten, RatingSet Half) Sets(double testFraction = 0.2, SplitMethod method = SplitMethod.Random)
    {
        var ten = ColumnSets.Of("ten", Data.Users, Data.Movies, Data.Ratings, Data.Times);
        var half = ColumnSets.Of("half", Data.Users, Data.Movies, Data.Ratings.Select(r => r / 2).ToArray(), Data.Times,
            new FeedbackOptions { Scale = RatingScale.MovieLens });
        return (ten.WithSplit(method, testFraction, 42), half.WithSplit(method, testFraction, 42));
    }

    [Fact]
    public void The_scales_and_thresholds_are_the_same_places()
    {
        var (ten, half) = Sets();
        Assert.Equal(new RatingScale(1, 10), ten.Feedback.Scale);
        Assert.Equal(7, ten.Feedback.RelevanceThreshold);
        Assert.Equal(Feedback.MovieLens, half.Feedback);
    }

    [Theory]
    [InlineData(SplitMethod.Random)]
    [InlineData(SplitMethod.Temporal)]
    public void Both_give_the_same_split_and_the_same_likes(SplitMethod method)
    {
        var (ten, half) = Sets(0.2, method);
        Assert.Equal(ten.Split.IsTestRow, half.Split.IsTestRow);
        var (tenUsers, tenRelevant) = RankingEvaluator.RelevantItems(ten, RecommendationScope.For(ten));
        var (halfUsers, halfRelevant) = RankingEvaluator.RelevantItems(half, RecommendationScope.For(half));
        Assert.Equal(tenUsers, halfUsers);
        Assert.Equal(tenRelevant.Select(r => r.Order()), halfRelevant.Select(r => r.Order()));
        Assert.True(tenRelevant.Sum(r => r.Count) > 50);
    }

    public static TheoryData<string> Models => new() { "MostPopular", "UserKnn", "ItemKnn", "Ease", "UserMovie Id", "UserMovie Profile", "UserMovie Graph" };

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_model_gives_the_same_Full_recall_to_the_last_digit(string model)
    {
        var (ten, half) = Sets();
        RecallAtK[] Measure(RatingSet set)
        {
            if (model.StartsWith("UserMovie ", StringComparison.Ordinal))
            {
                var kind = Enum.Parse<EncoderKind>(model["UserMovie ".Length..]);
                var options = TrainingOptions.UserMovieDefaults(kind) with { Epochs = 2, BatchSize = 16, InputDim = 32, HiddenDim = 32, LatentDim = 16, Seed = 3 };
                using var encoder = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), options);
                return RankingEvaluator.Evaluate(RecommenderRegistry.ForEncoder(encoder), EvaluationProtocol.Full, [10, 20]);
            }
            var baseline = RecommenderRegistry.Build(Enum.Parse<BaselineKind>(model), set);
            return RankingEvaluator.Evaluate(baseline, EvaluationProtocol.Full, [10, 20]);
        }
        var onTen = Measure(ten);
        var onHalf = Measure(half);
        Assert.Equal(onTen, onHalf); // every metric, every user count, bit for bit
        Assert.True(onTen[0].Recall > 0.1, $"{model}: recall@10 {onTen[0].Recall}");
    }

    [Fact]
    public void Strategy_4_on_1_to_10_likes_at_8_dislikes_below_6_and_mines_the_same_triplets_as_on_the_halves()
    {
        var (ten, half) = Sets();
        var strategy = PairStrategy.FromPreset(4) with { MinLikers = 3, MinDislikers = 3 };
        var onTen = TripletMiner.Mine(ten, strategy, seed: 11);
        var onHalf = TripletMiner.Mine(half, strategy, seed: 11);
        Assert.True(onTen.Count > 100);
        Assert.Equal(onHalf.Anchor, onTen.Anchor);
        Assert.Equal(onHalf.Positive, onTen.Positive);
        Assert.Equal(onHalf.Negative, onTen.Negative);
        Assert.Equal(onHalf.Statistics, onTen.Statistics);
        Assert.Equal((8.0, 6.0), (onTen.Strategy.LikeThreshold, onTen.Strategy.DislikeThreshold));
        Assert.Equal(new RatingScale(1, 10), onTen.Strategy.Scale);
        Assert.Equal(4, onTen.Strategy.Preset); // still the study's Strategy 4, at its places on 1-10
        Assert.Same(strategy, strategy.On(half)); // MovieLens thresholds stay exactly as written
    }

    [Fact]
    public void A_threshold_given_explicitly_stays_as_given_and_one_off_the_scale_is_refused()
    {
        var (ten, _) = Sets();
        var given = (PairStrategy.FromPreset(4) with { LikeThreshold = 9 }).On(ten);
        Assert.Equal((9.0, 6.0), (given.LikeThreshold, given.DislikeThreshold));
        Assert.Null(given.Preset);
        var e = Refused.By("InvalidPairStrategy", RefusalCategory.InvalidArgument, () => new PairStrategy { LikeThreshold = 11 }.On(ten));
        Assert.Contains("1 to 10", e.Problem);
        Assert.Equal("Give New-PairStrategy -LikeThreshold a rating from 1 to 10.", e.Remedy);
    }

    [Fact]
    public void A_model_trained_on_1_to_10_records_the_strategy_on_that_scale_and_is_named_for_its_preset()
    {
        var (ten, _) = Sets();
        using var model = EncoderTrainer.Train(ten, PairStrategy.FromPreset(4) with { MinLikers = 3, MinDislikers = 3 },
            new TrainingOptions { Epochs = 1, BatchSize = 256, InputDim = 16, HiddenDim = 16, LatentDim = 8 });
        Assert.Equal("Strategy 4", model.Name);
        Assert.Equal(8, model.Strategy.LikeThreshold);
        Assert.Equal(8, ((EncoderRecommender)RecommenderRegistry.ForEncoder(model)).DefaultScope.LikeThreshold);
        Assert.Equal(ten.Feedback, model.Feedback);
    }
}
