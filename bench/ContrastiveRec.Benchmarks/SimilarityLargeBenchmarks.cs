using System.Globalization;
using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;

namespace ContrastiveRec.Benchmarks;

/// <summary>Get-SimilarMovie and Get-SimilarUser at scale (--data: a MovieLens folder, or any ratings file such as the
/// generated 25M shop CSV): for each model that compares movies (an untrained UserMovie id model: its movie table costs
/// the same trained or not; ItemKnn; EASE) the first movie's top 10 (which makes what later calls reuse) and the median
/// over nine movies of spread popularity; for the models that compare users (the UserMovie model, UserKnn) the same per
/// user. --models UserMovie,ItemKnn,Ease,UserKnn (the default) runs some of them only.</summary>
internal static class SimilarityLargeBenchmarks
{
    private const int Top = 10;

    public static IEnumerable<BenchResult> Run(BenchContext context)
    {
        var results = new List<BenchResult>();
        var data = context.DataFolder;
        var set = EvaluationLargeBenchmarks.Stage(results, "import", () =>
            File.Exists(data) || !File.Exists(Path.Combine(data, "ratings.csv")) ? RatingFileReader.Read(data) : MovieLensReader.Read(data));
        Console.Error.WriteLine($"{set.UserCount:N0} users, {set.MovieCount:N0} movies, {set.TrainCount:N0} train ratings");

        var args = Environment.GetCommandLineArgs();
        var at = Array.IndexOf(args, "--models");
        var models = (at >= 0 && at + 1 < args.Length ? args[at + 1] : "UserMovie,ItemKnn,Ease,UserKnn").Split(',', StringSplitOptions.TrimEntries);
        bool Runs(string name) => models.Contains(name, StringComparer.OrdinalIgnoreCase);

        // Nine movies from the most rated to the 8,000th (EASE keeps the 13,377 most rated at 25M), and nine users spread
        // over the set.
        var counts = new int[set.MovieCount];
        for (var r = 0; r < set.RatingCount; r++) if (!set.Split.IsTestRow[r]) counts[set.MovieColumn[r]]++;
        var byCount = Enumerable.Range(0, set.MovieCount).OrderByDescending(m => counts[m]).ThenBy(m => m).ToArray();
        var movies = Enumerable.Range(0, 9).Select(i => set.MovieIds[byCount[Math.Min(byCount.Length - 1, i * 1000)]]).ToArray();
        var users = Enumerable.Range(0, 9).Select(i => set.UserIds[(int)((long)(i + 1) * 7919 % set.UserCount)]).ToArray();

        if (Runs("UserMovie"))
        {
            using var encoder = EvaluationLargeBenchmarks.Stage(results, "UserMovie (untrained id encoder): embeddings of all users",
                () => EvaluationLargeBenchmarks.UntrainedUserMovie(set));
            var userMovie = RecommenderRegistry.ForEncoder(encoder);
            SimilarMovies(results, userMovie, movies);
            SimilarUsers(results, userMovie, users);
        }
        if (Runs("ItemKnn")) SimilarMovies(results, EvaluationLargeBenchmarks.Stage(results, "ItemKnn: build", () => RecommenderRegistry.Build(BaselineKind.ItemKnn, set)), movies);
        if (Runs("Ease")) SimilarMovies(results, EvaluationLargeBenchmarks.Stage(results, "EASE: build", () => RecommenderRegistry.Build(BaselineKind.Ease, set)), movies);
        if (Runs("UserKnn")) SimilarUsers(results, EvaluationLargeBenchmarks.Stage(results, "UserKnn: build", () => RecommenderRegistry.Build(BaselineKind.UserKnn, set)), users);
        return results;
    }

    private static void SimilarMovies(List<BenchResult> results, IRecommender model, object[] movies)
    {
        // The first call pays any one-off cost (the movie table at unit length, ItemKnn's norms); later movies must not.
        EvaluationLargeBenchmarks.Stage(results, $"{model.Name}: first movie's {Top} similar movies", () => model.SimilarMovies([movies[0]], Top));
        var i = 0;
        var ms = Measure.MedianMs(movies.Length, () => model.SimilarMovies([movies[i++ % movies.Length]], Top));
        var sample = model.SimilarMovies([movies[0]], 3);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {model.Name}: like {movies[0]}: {string.Join(", ", sample.Select(s => $"{s.MovieId} {s.Score:0.000}"))}"));
        results.Add(new BenchResult($"{model.Name}: one movie's {Top} similar movies (median of {movies.Length} movies, most rated to 8,000th)", ms, "ms", "<= 100 ms"));
    }

    private static void SimilarUsers(List<BenchResult> results, IRecommender model, object[] users)
    {
        EvaluationLargeBenchmarks.Stage(results, $"{model.Name}: first user's {Top} similar users", () => model.SimilarUsers([users[0]], Top));
        var i = 0;
        var ms = Measure.MedianMs(users.Length, () => model.SimilarUsers([users[i++ % users.Length]], Top));
        results.Add(new BenchResult($"{model.Name}: one user's {Top} similar users (median of {users.Length} users)", ms, "ms", "<= 100 ms"));
    }
}
