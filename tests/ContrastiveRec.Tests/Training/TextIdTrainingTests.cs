using System.Text.Json;
using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Tests.Data;
using ContrastiveRec.Training;
using Xunit;

namespace ContrastiveRec.Tests.Training;

[Collection("Training")]
public class TextIdTrainingTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "crec-textids-" + Guid.NewGuid().ToString("N"));

    public TextIdTrainingTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void A_user_movie_model_on_text_ids_recommends_saves_and_loads_them()
    {
        var set = RatingSetBuilderTests.Shop();
        var options = TrainingOptions.UserMovieDefaults() with { Epochs = 2, BatchSize = 16 };
        using var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), options);
        Assert.Equal(set.UserIds, model.GetUserIds());
        Assert.Equal(model.GetEmbeddings()[16], model.GetEmbedding("u-17"));
        Assert.Equal("UnknownUser", Assert.Throws<ContrastiveRecException>(() => model.GetEmbedding(17)).ErrorId);

        var recs = RecommenderRegistry.ForEncoder(model).RecommendFor(["u-17"], 3).ToList();
        Assert.Equal(3, recs.Count);
        Assert.All(recs, r => Assert.Equal("u-17", r.UserId));
        Assert.All(recs, r => Assert.StartsWith("sku-", (string)r.MovieId));
        Assert.All(recs, r => Assert.Equal(r.MovieId, r.Title)); // no item table: the id is the title

        var path = Path.Combine(_dir, "shop.crec");
        model.Save(path);
        using (var json = JsonDocument.Parse(ModelHeaderJson(path)))
        {
            Assert.False(json.RootElement.TryGetProperty("UserIds", out var numbers) && numbers.ValueKind != JsonValueKind.Null);
            Assert.Equal(set.UserIds, json.RootElement.GetProperty("UserTexts").EnumerateArray().Select(e => (object)e.GetString()!));
        }
        using var loaded = TrainedEncoder.Load(path, set);
        Assert.Equal(model.GetUserIds(), loaded.GetUserIds());
        Assert.Equal(model.GetEmbeddings(), loaded.GetEmbeddings());
        Assert.Equal(recs.Select(r => (r.UserId, r.MovieId, r.Score)),
            RecommenderRegistry.ForEncoder(loaded).RecommendFor(["u-17"], 3).Select(r => (r.UserId, r.MovieId, r.Score)));

        // Without the ratings there is no file to re-read them from, and the model says so.
        using var alone = TrainedEncoder.Load(path);
        Assert.Null(alone.RatingSet);
        Assert.Contains("ConvertTo-RatingSet", alone.DataProblem);
        Assert.Equal(model.GetUserIds(), alone.GetUserIds());

        // Other text ids with the same shape are another data set, refused by the fingerprint.
        var other = RatingSetBuilderTests.Shop(seed: 6);
        Assert.Throws<ModelDataMismatchException>(() => TrainedEncoder.Load(path, other));
    }

    [Fact]
    public void A_study_model_mines_pairs_naming_text_ids()
    {
        var set = RatingSetBuilderTests.Shop();
        var strategy = PairStrategy.FromPreset(3) with { MinLikers = 2, MinDislikers = 2 };
        var triplets = TripletMiner.Mine(set, strategy, seed: 1);
        Assert.True(triplets.Count > 0);
        var pairs = triplets.Describe(set).Take(20).ToList();
        Assert.All(pairs, p => Assert.StartsWith("u-", (string)p.AnchorUserId));
        Assert.All(pairs, p => Assert.StartsWith("sku-", (string)p.MovieId));
    }

    private static byte[] ModelHeaderJson(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var at = TrainedEncoder.Magic.Length + 4;
        var length = BitConverter.ToInt32(bytes, at);
        return bytes[(at + 4)..(at + 4 + length)];
    }
}
