using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Tests.Experiments;
using ContrastiveRec.Training;
using Xunit;

namespace ContrastiveRec.Tests.Training;

/// <summary>A model file records what its ratings meant, and one written before that loads as MovieLens.</summary>
[Collection("Training")]
public class FeedbackModelFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "crec-feedback-" + Guid.NewGuid().ToString("N"));

    public FeedbackModelFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static readonly TrainingOptions Quick = TrainingOptions.UserMovieDefaults(EncoderKind.Profile) with
    {
        Epochs = 1, BatchSize = 32, InputDim = 16, HiddenDim = 16, LatentDim = 8,
    };

    [Fact]
    public void A_round_trip_keeps_the_scale_the_threshold_and_the_strategy_on_that_scale()
    {
        var (ten, _) = RatingScaleTests.Sets();
        using var model = EncoderTrainer.Train(ten, PairStrategy.FromPreset(1), Quick);
        var path = Path.Combine(_dir, "ten.crec");
        model.Save(path);
        using var loaded = TrainedEncoder.Load(path, ten);
        Assert.Equal(ten.Feedback, loaded.Data!.Feedback);
        Assert.Equal(ten.Feedback, loaded.Feedback);
        Assert.Equal(new RatingScale(1, 10), loaded.Strategy.Scale);
        Assert.Equal(model.Strategy, loaded.Strategy);
        Assert.Equal(7, loaded.Strategy.LikeThreshold);
        // The Profile encoder reads a newcomer's stars as a share of 10 again: the same recommendations as before saving.
        var ratings = new (object, float)[] { (1, 9f), (2, 10f), (40, 2f) };
        var before = NewcomerRecommender.For(RecommenderRegistry.ForEncoder(model)).RecommendFor(ratings, 10, out _);
        var after = NewcomerRecommender.For(RecommenderRegistry.ForEncoder(loaded)).RecommendFor(ratings, 10, out _);
        Assert.Equal(before.Select(r => (r.MovieId, r.Score)), after.Select(r => (r.MovieId, r.Score)));
        // A newcomer's rating is checked against the model's scale.
        var e = Refused.By("InvalidNewcomerRating", RefusalCategory.InvalidArgument,
            () => NewcomerRecommender.For(RecommenderRegistry.ForEncoder(loaded)).RecommendFor([(1, 11f)], 10, out _));
        Assert.Contains("off the model's scale (1 to 10)", e.Problem);
        Assert.Equal("Give each movie once, with a rating from 1 to 10.", e.Remedy);
    }

    [Fact]
    public void A_file_from_before_scales_loads_as_MovieLens()
    {
        using var files = new TestRatings();
        var set = files.WriteGroups(testFraction: 0.1);
        using var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(4) with { MinLikers = 3, MinDislikers = 3 }, Quick);
        var path = Path.Combine(_dir, "new.crec");
        model.Save(path);
        var old = Path.Combine(_dir, "old.crec");
        File.WriteAllBytes(old, TrainedEncoderFileTests.RewriteHeader(File.ReadAllBytes(path), json =>
        {
            // The header as earlier versions wrote it: no feedback in the data reference, no scale on the strategy.
            var header = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            Assert.True(header["Data"]!.AsObject().Remove("Feedback"));
            Assert.True(header["Strategy"]!.AsObject().Remove("Scale"));
            return header.ToJsonString();
        }));
        using var loaded = TrainedEncoder.Load(old);
        Assert.NotNull(loaded.RatingSet); // re-read from the recorded MovieLens folder
        Assert.Null(loaded.Data!.Feedback);
        Assert.Same(Feedback.MovieLens, loaded.Feedback);
        Assert.Null(loaded.Strategy.Scale);
        Assert.Equal(4, loaded.Strategy.Preset);
        Assert.Equal(model.Strategy, loaded.Strategy);
        Assert.Equal(model.GetEmbeddings(), loaded.GetEmbeddings());
    }
}
