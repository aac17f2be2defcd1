using ContrastiveRec.Evaluation;
using ContrastiveRec.Pairs;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;
using Xunit;

namespace ContrastiveRec.Tests;

[Collection("Training")]
public class ModelNameTests : IDisposable
{
    private readonly TestRatings _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("a")]
    [InlineData("Strategy 4, 50 epochs")]
    [InlineData("UserMovie (Profile) – λ 0.5, \"tuned\"")]
    public void One_line_names_up_to_the_limit_are_accepted(string name)
    {
        Assert.Null(ModelName.Problem(name));
        Assert.Null(ModelName.Problem(new string('x', ModelName.MaxLength)));
        Assert.Contains($"at most {ModelName.MaxLength} characters", ModelName.Problem(new string('x', ModelName.MaxLength + 1)));
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("two\nlines", "U+000A at position 4")]
    [InlineData("tab\there", "U+0009")]
    [InlineData("nul\0", "U+0000")]
    public void Empty_names_and_control_characters_are_refused_with_the_reason(string? name, string why)
    {
        Assert.Contains(why, ModelName.Problem(name));
        var e = Assert.Throws<ArgumentException>(() => ModelName.Check(name!, "name"));
        Assert.Equal("name", e.ParamName);
    }

    [Fact]
    public void Training_refuses_a_bad_name_and_keeps_a_good_one_through_recommendations_and_results()
    {
        var set = _files.WriteGroups(testFraction: 0.1);
        var options = new TrainingOptions { Epochs = 1, BatchSize = 256, InputDim = 16, HiddenDim = 16, LatentDim = 8, Seed = 3 };
        var strategy = PairStrategy.FromPreset(3) with { MinLikers = 5, MinDislikers = 5 };
        Assert.Throws<ArgumentException>(() => EncoderTrainer.Train(set, strategy, options, name: "a\tb"));

        using var a = EncoderTrainer.Train(set, strategy, options, name: "a");
        using var b = EncoderTrainer.Train(set, strategy, options);
        Assert.Equal("a", a.Name);
        Assert.Equal("Strategy 3", b.Name); // the default stays what tables showed before names
        Assert.StartsWith("a: ", a.ToString());
        var recommender = RecommenderRegistry.ForEncoder(a);
        Assert.Equal("a", recommender.Name);
        Assert.All(recommender.RecommendFor(new[] { set.UserIds[0] }, 3), r => Assert.Equal("a", r.Model));
        Assert.All(RankingEvaluator.Evaluate(recommender, EvaluationProtocol.Full, new[] { 5, 10 }), r => Assert.Equal("a", r.Model));
        Assert.Equal("Strategy 3", RecommenderRegistry.ForEncoder(b).Name);
    }

    [Fact]
    public void A_named_baseline_keeps_its_name_in_results_and_for_newcomers()
    {
        var set = _files.WriteGroups(testFraction: 0.1);
        var ease = RecommenderRegistry.Build(BaselineKind.Ease, set, name: "EASE, λ 500");
        Assert.Equal("EASE, λ 500", ease.Name);
        Assert.Equal("EASE", RecommenderRegistry.Build(BaselineKind.Ease, set).Name);
        Assert.All(RankingEvaluator.Evaluate(ease, EvaluationProtocol.Full, new[] { 10 }), r => Assert.Equal("EASE, λ 500", r.Model));
        Assert.Equal("EASE, λ 500", NewcomerRecommender.For(ease).Name);
        Assert.Throws<ArgumentException>(() => RecommenderRegistry.Build(BaselineKind.MostPopular, set, name: ""));
    }

    [Fact]
    public void Default_names_are_the_ones_tables_showed_before_names()
    {
        Assert.Equal("Strategy 4", TrainedEncoder.DefaultName(PairStrategy.FromPreset(4), TrainingOptions.Defaults(TrainingObjective.UserUser, EncoderKind.Id)));
        Assert.Equal("Custom strategy", TrainedEncoder.DefaultName(PairStrategy.FromPreset(4) with { LikeThreshold = 4.5 }, TrainingOptions.Defaults(TrainingObjective.UserUser, EncoderKind.Id)));
        Assert.Equal("UserMovie (Profile)", TrainedEncoder.DefaultName(PairStrategy.FromPreset(1), TrainingOptions.UserMovieDefaults(EncoderKind.Profile)));
        Assert.Equal("UserMovie (Id, pairs x0.25)",
            TrainedEncoder.DefaultName(PairStrategy.FromPreset(1), TrainingOptions.UserMovieDefaults(EncoderKind.Id) with { PairWeight = 0.25 }));
    }
}
