using System.Diagnostics;
using ContrastiveRec.Data;
using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>How far an export is: the share of the matrix written and the time spent writing (after the users were
/// encoded).</summary>
public sealed record EmbeddingExportProgress(double Fraction, TimeSpan Elapsed)
{
    /// <summary>Estimated time to the end at the pace so far.</summary>
    public TimeSpan? Remaining => ProgressEstimate.Remaining(Elapsed, Fraction);
}

/// <summary>
/// A model's embedding matrix written to a file that pandas, NumPy or Spark read as is (<see cref="EmbeddingFile"/>): its
/// users' unit vectors, the rows <see cref="TrainedEncoder.GetEmbeddings"/> gives, by the model's user ids; or, for a
/// model with a movie table (UserMovie, and Graph), its movies' unit vectors, the ones it scores movies with (cosine;
/// the per-movie bias is not part of the matrix), by the ratings' movie ids.
/// </summary>
/// <remarks>
/// Memory: the users' matrix is the one the model keeps once encoded (n x d float32: 128 MB for 160,000 users of 200
/// dimensions), read in place; the movies' unit vectors are made once for the write ([movies, d] float32) and read in
/// place. The writers add at most a Parquet row group (<see cref="EmbeddingFile.ParquetGroupValues"/> floats).
/// </remarks>
public static class EmbeddingExport
{
    /// <summary>The column that names the rows: userId, or movieId with <paramref name="movies"/>.</summary>
    public static string IdColumn(bool movies) => movies ? "movieId" : "userId";

    /// <summary>Rows and dimensions of the matrix an export would write, found without computing it: the check a caller
    /// makes before anything is written or asked.</summary>
    /// <exception cref="ContrastiveRecException">NoMovieEmbeddings: movies asked of a model without a movie table (the study's
    /// objective); ModelWithoutRatings: movies asked of a model loaded without its ratings, which hold the movies' ids.</exception>
    public static (int Rows, int Dimensions) Shape(TrainedEncoder model, bool movies)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!movies) return (model.UserCount, model.Options.LatentDim);
        if (model.Movies is not { } table)
            throw new ContrastiveRecException("NoMovieEmbeddings", RefusalCategory.InvalidArgument,
                $"{model.Name} has no movie embeddings: the study's objective ({model.Objective}) learns users only, and recommends through their neighbours.",
                "Leave out -Movies to export its user embeddings, or train a model with movie embeddings: Invoke-EncoderTraining -Objective UserMovie (any -Encoder, Graph included).",
                model);
        var ratings = ModelRatings.Of(model);
        if (ratings.MovieCount != table.Movies)
            throw new InvalidOperationException($"The model has {table.Movies} movie rows and its ratings {ratings.MovieCount} movies."); // the loader refuses such ratings
        return (table.Movies, table.LatentDim);
    }

    /// <summary>
    /// Writes the matrix to <paramref name="path"/> in <paramref name="format"/> (<see cref="EmbeddingFile.FormatOf"/>
    /// finds it from the path) and returns the files written: the path, and for .npy the ids beside it. Ctrl+C
    /// (<paramref name="ct"/>) leaves no file written, and earlier ones as they were.
    /// </summary>
    /// <exception cref="ContrastiveRecException">As <see cref="Shape"/>.</exception>
    /// <exception cref="IOException">The file could not be written; the message names it.</exception>
    public static IReadOnlyList<string> Write(TrainedEncoder model, string path, EmbeddingFileFormat format, bool movies = false,
        Action<EmbeddingExportProgress>? progress = null, CancellationToken ct = default)
    {
        var (_, dimensions) = Shape(model, movies);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var clock = new Stopwatch();
        Action<double>? report = progress is null ? null : f => progress(new EmbeddingExportProgress(f, clock.Elapsed));
        if (!movies)
        {
            // Get-UserEmbedding's rows: encoded once, kept by the model, read here in place.
            var (flat, dim) = model.Embeddings();
            ct.ThrowIfCancellationRequested();
            clock.Start();
            EmbeddingFile.Write(path, format, model.Users, IdColumn(false), dim, r => flat.AsSpan(r * dim, dim), report, ct);
            return EmbeddingFile.Files(path, format);
        }
        var ids = ModelRatings.Of(model).Movies;
        using var units = NativeBoundary.Guard("reading the movie embeddings", () =>
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            return model.Movies!.UnitVectors().contiguous().MoveToOuterDisposeScope();
        });
        var elements = NativeTensor.Elements<float>(units);
        clock.Start();
        EmbeddingFile.Write(path, format, ids, IdColumn(true), dimensions, r => NativeTensor.Span<float>(elements, (long)r * dimensions, dimensions), report, ct);
        GC.KeepAlive(units);
        return EmbeddingFile.Files(path, format);
    }
}
