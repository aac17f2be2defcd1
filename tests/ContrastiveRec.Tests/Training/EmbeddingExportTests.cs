using System.Buffers.Binary;
using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using ContrastiveRec.Tests.Data;
using ContrastiveRec.Training;
using Xunit;

namespace ContrastiveRec.Tests.Training;

/// <summary>A model's matrix as the export writes it: the users' rows are Get-UserEmbedding's, bit for bit, by the
/// model's own ids; the movies' are the unit vectors the model scores with, by the ratings' movie ids.</summary>
[Collection("Training")]
public class EmbeddingExportTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static float[] ReadNpy(string path, out int rows, out int columns)
    {
        var bytes = File.ReadAllBytes(path);
        int length = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        var header = System.Text.Encoding.ASCII.GetString(bytes, 10, length);
        var shape = System.Text.RegularExpressions.Regex.Match(header, @"'shape': \((\d+), (\d+)\)");
        rows = int.Parse(shape.Groups[1].Value);
        columns = int.Parse(shape.Groups[2].Value);
        var values = new float[rows * columns];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(10 + length + 4 * i));
        return values;
    }

    [Fact]
    public void A_user_movie_model_on_text_ids_exports_its_users_and_its_movies()
    {
        var set = RatingSetBuilderTests.Shop();
        using var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), TrainingOptions.UserMovieDefaults(EncoderKind.Graph) with { Epochs = 1, BatchSize = 16 });

        var users = Path.Combine(_dir.Path, "users.npy");
        var progress = new List<EmbeddingExportProgress>();
        Assert.Equal([users, Path.Combine(_dir.Path, "users.ids.csv")], EmbeddingExport.Write(model, users, EmbeddingFileFormat.Npy, progress: progress.Add));
        var flat = ReadNpy(users, out var n, out var d);
        Assert.Equal((model.UserCount, model.Options.LatentDim), (n, d));
        Assert.Equal((n, d), EmbeddingExport.Shape(model, movies: false));
        Assert.Equal(model.GetEmbeddings().SelectMany(e => e), flat); // Get-UserEmbedding's rows, in its order
        Assert.Equal(["userId", .. model.GetUserIds().Cast<string>()], File.ReadAllText(Path.Combine(_dir.Path, "users.ids.csv")).Split("\r\n")[..^1]);
        Assert.Equal(1, progress[^1].Fraction);

        var movies = Path.Combine(_dir.Path, "movies.parquet");
        Assert.Equal([movies], EmbeddingExport.Write(model, movies, EmbeddingFileFormat.Parquet, movies: true));
        Assert.Equal((set.MovieCount, model.Options.LatentDim), EmbeddingExport.Shape(model, movies: true));
        var (schema, _, columns) = EmbeddingFileTests.ReadParquet(movies);
        Assert.Equal("movieId", schema.GetDataFields()[0].Name);
        Assert.Equal(set.MovieIds, columns["movieId"]);
        var units = model.GetMovieTable()!.UnitVectors().data<float>().ToArray();
        for (var j = 0; j < d; j++)
            Assert.Equal(Enumerable.Range(0, set.MovieCount).Select(m => (object)units[m * d + j]), columns[$"{j}"]);
    }

    [Fact]
    public void A_study_model_has_no_movie_embeddings_and_a_model_without_ratings_no_movie_ids()
    {
        using var data = new TestRatings();
        var set = data.Write(UserMovieTests.ImplicitGroups());
        using var study = EncoderTrainer.Train(set, new PairStrategy { MinLikers = 1, MinDislikers = 1 }, new TrainingOptions { Epochs = 1, InputDim = 8, HiddenDim = 8, LatentDim = 4 });
        var refused = Refused.By("NoMovieEmbeddings", RefusalCategory.InvalidArgument, () => EmbeddingExport.Shape(study, movies: true));
        Assert.Contains("-Objective UserMovie", refused.Remedy);
        var path = Path.Combine(_dir.Path, "m.csv");
        Refused.By("NoMovieEmbeddings", RefusalCategory.InvalidArgument, () => EmbeddingExport.Write(study, path, EmbeddingFileFormat.Csv, movies: true));
        Assert.False(File.Exists(path));

        // Users need only the model; movies need the ratings' ids.
        using var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), TrainingOptions.UserMovieDefaults() with { Epochs = 1, BatchSize = 16 });
        var saved = Path.Combine(_dir.Path, "m.crec");
        model.Save(saved);
        Directory.Delete(data.Folder, recursive: true); // the recorded source is gone: the model loads without its ratings
        using var alone = TrainedEncoder.Load(saved);
        Assert.Null(alone.RatingSet);
        EmbeddingExport.Write(alone, path, EmbeddingFileFormat.Csv);
        var lines = File.ReadAllLines(path);
        Assert.Equal(alone.UserCount + 1, lines.Length);
        Assert.StartsWith("userId,0,1,", lines[0]);
        Assert.StartsWith($"{alone.GetUserIds()[0]},", lines[1]);
        Refused.By("ModelWithoutRatings", RefusalCategory.InvalidOperation, () => EmbeddingExport.Shape(alone, movies: true));
    }
}
