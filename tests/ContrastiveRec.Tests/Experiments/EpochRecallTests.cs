using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Experiments;
using ContrastiveRec.Pairs;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;
using Xunit;

namespace ContrastiveRec.Tests.Experiments;

/// <summary>The validator of training: the Full protocol's recall@K by the one evaluator, on a seeded sample of users.</summary>
[Collection("Training")]
public class EpochRecallTests : IDisposable
{
    private readonly TestRatings _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly TrainingOptions Small = TrainingOptions.Defaults(TrainingObjective.UserMovie, EncoderKind.Id) with
    {
        Epochs = 3, BatchSize = 16, InputDim = 16, HiddenDim = 16, LatentDim = 8, Threads = 1,
    };

    [Fact]
    public void A_validation_scores_what_Measure_RecallAtK_measures_on_the_validation_part()
    {
        var set = _files.WriteGroups();
        var validator = EpochRecall.Carve(set, 0.2);
        using var trained = EncoderTrainer.Train(set, new PairStrategy(), Small, validation: new TrainingValidation(validator));
        // The same weights trained on the carved set alone, which Measure-RecallAtK then measures on its test part.
        using var plain = EncoderTrainer.Train(validator.Ratings, new PairStrategy(), Small);
        var measured = RankingEvaluator.Evaluate(RecommenderRegistry.ForEncoder(plain), EvaluationProtocol.Full, [20]).Single();
        Assert.Equal(measured.Recall, trained.Validation!.Scores[^1].Value);
        Assert.Equal(measured.Recall, validator.Score(plain, CancellationToken.None));
        Assert.Equal(("Recall@20", measured.Users), (trained.Validation.Metric, trained.Validation.Users));
        Assert.InRange(measured.Recall, 0.05, 1);
        // The fraction is Split-RatingSet -Validation's: the same carved rows.
        Assert.Equal(set.TrainPart(0.2, SplitDefaults.Seed).Split.IsTestRow, validator.Ratings.Split.IsTestRow);
    }

    [Fact]
    public void A_sample_of_users_is_fixed_by_its_seed_and_scored_as_their_mean_recall()
    {
        var set = _files.WriteGroups();
        var validation = set.TrainPart(0.2, 5);
        using var model = EncoderTrainer.Train(validation, new PairStrategy(), Small);
        var rows = new List<UserRecallAtK>();
        RankingEvaluator.Evaluate(RecommenderRegistry.ForEncoder(model), EvaluationProtocol.Full, [10], rows);
        var sampled = new EpochRecall(validation, k: 10, users: 12, seed: 3);
        Assert.Equal(12, sampled.Users);
        var score = sampled.Score(model, CancellationToken.None);
        Assert.Equal(score, new EpochRecall(validation, k: 10, users: 12, seed: 3).Score(model, CancellationToken.None));
        Assert.NotEqual(score, new EpochRecall(validation, k: 10, users: 12, seed: 4).Score(model, CancellationToken.None));
        // The mean of the 12 sampled users' own recall, as Measure-RecallAtK -PerUser gives it.
        var ids = sampled.Sample.Select(u => validation.Users[u]).ToHashSet();
        Assert.Equal(12, ids.Count);
        Assert.Equal(rows.Where(r => ids.Contains(r.User)).Average(r => r.Recall), score, 12);
        Assert.True(rows.Count > 12);
        Assert.Equal("Recall@10", sampled.Metric);
    }

    [Fact]
    public void A_validation_stops_on_a_cancelled_token()
    {
        var set = _files.WriteGroups();
        var validation = set.TrainPart(0.2, 5);
        using var model = EncoderTrainer.Train(validation, new PairStrategy(), Small with { Epochs = 1 });
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new EpochRecall(validation).Score(model, cts.Token));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void A_share_outside_0_to_1_is_refused_by_name(double share)
    {
        var set = _files.WriteGroups();
        Refused.By("ValidationFractionOutOfRange", RefusalCategory.InvalidArgument, () => EpochRecall.Carve(set, share));
    }

    [Fact]
    public void Validation_ratings_without_a_liked_one_are_refused()
    {
        var rows = new List<(int, int, double)>();
        for (var u = 1; u <= 10; u++)
            for (var m = 1; m <= 10; m++) rows.Add((u, m, 2.0));
        var set = _files.Write(rows, 0.2);
        Refused.By("NothingToValidate", RefusalCategory.InvalidData, () => EpochRecall.Carve(set, 0.2));
    }
}
