using ContrastiveRec.Data;
using ContrastiveRec.Pairs;

namespace ContrastiveRec.Training;

/// <summary>
/// How a model file becomes a <see cref="TrainedEncoder"/>, beside the format itself (<see cref="ModelFile"/>): which
/// ratings come with it (those given, checked against the data the model recorded, or its recorded source re-read with
/// the recorded split), what is refused, and what older files lack (a name, RowWiseUpdates).
/// </summary>
internal static class ModelLoader
{
    private static readonly MovieLensReadOptions ReaderDefaults = new();

    /// <summary>See <see cref="TrainedEncoder.Load"/>.</summary>
    public static TrainedEncoder Load(string path, RatingSet? ratings, bool allowOtherData, string? name)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (name is not null) ModelName.Check(name, nameof(name));
        var (header, encoder, movies) = NativeBoundary.Guard("loading the model", () => ModelFile.Read(Path.GetFullPath(path)));
        try
        {
            string? problem = null;
            if (ratings is not null) CheckData(header, ratings, allowOtherData);
            else (ratings, problem) = TryReread(header);
            // Files from before RowWiseUpdates (or its automatic default) were trained densely.
            var options = header.Options with { RowWiseUpdates = header.Options.RowWiseUpdates ?? false };
            return new TrainedEncoder(encoder, header.Strategy, options, header.LossHistory ?? Array.Empty<double>(),
                header.MiningStatistics ?? new MiningStatistics(), header.TrainTime, header.EpochsCompleted, header.IsComplete,
                ratings, header.Users()!, header.Data, movies, name ?? header.Name) { DataProblem = problem, Validation = header.Validation }.PrepareAnswers();
        }
        catch
        {
            encoder.Dispose();
            movies?.Dispose();
            throw;
        }
    }

    private const string SameDataRemedy =
        "Pass the ratings the model was trained on: the same file read the same way, with the same Split-RatingSet settings (the model's Data property records them). To apply the model to these ratings on purpose, say so (Import-EncoderModel -AllowOtherData).";

    private static void CheckData(ModelFile.Header header, RatingSet ratings, bool allowOtherData)
    {
        var recorded = header.Data?.Fingerprint;
        var given = recorded is null ? null : DataFingerprint.Of(ratings);
        if (!allowOtherData && recorded is not null && recorded.Differences(given!) is { Count: > 0 } differences)
            throw new ModelDataMismatchException(differences, SameDataRemedy);
        // Whatever the intent, the model's rows are its users and (UserMovie) its movies, by position.
        var shape = new List<string>();
        if (!ratings.Users.SameIds(header.Users()!))
            shape.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the model has a row for each of {header.UserCount():N0} users, and these ratings have {ratings.UserCount:N0} users that are not the same ids"));
        var movieIdsDiffer = recorded is not null && recorded.MovieIdsHash != given!.MovieIdsHash;
        if (header.MovieCount > 0 && (header.MovieCount != ratings.MovieCount || movieIdsDiffer))
            shape.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the model has a row for each of {header.MovieCount:N0} movies, and these ratings' catalogue has {ratings.MovieCount:N0} movies{(movieIdsDiffer && header.MovieCount == ratings.MovieCount ? " with other ids" : "")}"));
        if (shape.Count > 0)
            throw new ModelDataMismatchException(shape,
                "A model can only be applied to ratings with its own users and movies. Train a model on these ratings (Invoke-EncoderTraining), or pass the ratings it was trained on.");
    }

    private static (RatingSet? Set, string? Problem) TryReread(ModelFile.Header header)
    {
        var data = header.Data;
        if (data is null) return (null, "the model file records no source");
        if (data.Fingerprint?.Layout == MovieLensLayout.Objects)
            return (null, "it was trained on ratings given as objects (ConvertTo-RatingSet), which no file holds");
        if (data.Derivation is not null) return (null, $"it was trained on a set derived from '{data.Source}' ({data.Derivation}), which cannot be re-read from the source alone");
        if (!(File.Exists(data.Source) || Directory.Exists(data.Source))) return (null, $"'{data.Source}' no longer exists");
        var options = new MovieLensReadOptions
        {
            SplitMethod = data.SplitMethod,
            TestFraction = data.TestFraction,
            // A temporal split records no seed (it draws none); a file without one gets the split's default.
            Seed = data.SplitSeed ?? ReaderDefaults.Seed,
        };
        // A set built from objects in the pipeline has no file to re-read: its Source is not a path.
        RatingSet set;
        try
        {
            set = data.Format is { } format ? RatingFileReader.Read(data.Source, format, options, data.Feedback is { } f ? FeedbackOptions.Of(f) : null) : MovieLensReader.Read(data.Source, options);
        }
        catch (Exception e) when (Unreadable(e) is { } why)
        {
            return (null, $"'{data.Source}' is there but cannot be read ({why})");
        }
        // Data edited since training would silently mis-map users; better no ratings than wrong ones.
        try
        {
            CheckData(header, set, allowOtherData: false);
            return (set, null);
        }
        catch (ModelDataMismatchException e)
        {
            return (null, $"'{data.Source}' has changed since the model was trained: {string.Join("; ", e.Differences)}");
        }
    }

    /// <summary>What is wrong with a source that no longer reads, or null for what is no fault of the source (cancellation,
    /// memory), which stops the load. Only the problem is kept: the readers' remedies name Import-MovieLens' -Path.</summary>
    private static string? Unreadable(Exception e) => e switch
    {
        MovieLensFormatException refused => refused.Problem, // a row, an empty file, no ratings file, a missing column...
        IOException or UnauthorizedAccessException => e.Message,
        _ => null,
    };
}
