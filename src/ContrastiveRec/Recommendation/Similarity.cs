using System.Globalization;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// Similar movies and similar users by the data's own ids, from any model that has them (<see cref="ISimilarMovies"/>,
/// <see cref="ISimilarUsers"/>), ranked from 1. A model without them is refused by name, with the models that have
/// them; which baselines do is read from the <see cref="RecommenderRegistry"/>.
/// </summary>
public static class Similarity
{
    /// <summary>Similar movies or users listed for each one asked about when not told how many.</summary>
    public const int DefaultTop = 10;

    private static readonly string MovieModels = string.Join(", or ",
        RecommenderRegistry.Baselines.Where(e => e.FindsSimilarMovies).Select(e => $"the {e.Name} baseline (New-BaselineRecommender -Kind {e.Kind})")
            .Prepend("a UserMovie model (Invoke-EncoderTraining -Objective UserMovie, any -Encoder: its movie table)"));

    private static readonly string UserModels = string.Join(", or ",
        RecommenderRegistry.Baselines.Where(e => e.FindsSimilarUsers).Select(e => $"the {e.Name} baseline (New-BaselineRecommender -Kind {e.Kind})")
            .Prepend("any trained encoder (Invoke-EncoderTraining: its user embeddings)"));

    // A baseline's abilities are those of the model underneath; it keeps its own name.
    private static IRecommender Inner(IRecommender model) => model is BaselineRecommender b ? b.Inner : model;

    public static bool FindsSimilarMovies(IRecommender model) => Inner(model ?? throw new ArgumentNullException(nameof(model))) is ISimilarMovies;

    public static bool FindsSimilarUsers(IRecommender model) => Inner(model ?? throw new ArgumentNullException(nameof(model))) is ISimilarUsers;

    /// <summary>The model's comparison of movies.</summary>
    /// <exception cref="ContrastiveRecException">CannotFindSimilarMovies: the model has no representations of movies.</exception>
    public static ISimilarMovies MoviesOf(IRecommender model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Inner(model) is ISimilarMovies movies) return movies;
        var why = Inner(model) is EncoderRecommender ? " (a triplet encoder of the study learns users only)" : "";
        throw new ContrastiveRecException("CannotFindSimilarMovies", RefusalCategory.InvalidOperation,
            $"{model.Name} has no representations of movies to compare{why}.", $"Similar movies come from {MovieModels}.", model);
    }

    /// <summary>The model's comparison of users.</summary>
    /// <exception cref="ContrastiveRecException">CannotFindSimilarUsers: the model has no representations of users.</exception>
    public static ISimilarUsers UsersOf(IRecommender model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Inner(model) as ISimilarUsers ?? throw new ContrastiveRecException("CannotFindSimilarUsers", RefusalCategory.InvalidOperation,
            $"{model.Name} has no representations of users to compare.", $"Similar users come from {UserModels}.", model);
    }

    /// <summary>The <paramref name="top"/> movies most like each of <paramref name="movieIds"/> (numbers or text, as the
    /// model's data names them), never the movie itself, ranked from 1.</summary>
    /// <exception cref="ContrastiveRecException">CannotFindSimilarMovies; UnknownMovie: an id is not one of the model's
    /// movies; MovieNotInModel: the model learned nothing of one (EASE left it out, ItemKnn saw no train rating of it).</exception>
    public static IReadOnlyList<SimilarMovie> SimilarMovies(this IRecommender model, IReadOnlyList<object> movieIds, int top = DefaultTop, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(movieIds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        var capable = MoviesOf(model);
        var set = model.RatingSet;
        var movies = movieIds.Select(set.GetMovieIndex).ToArray();
        var lists = NativeBoundary.Guard("comparing movies", () => capable.SimilarMovies(movies, top, ct));
        var result = new List<SimilarMovie>();
        for (var i = 0; i < movies.Length; i++)
        {
            var (similar, scores) = lists[i];
            for (var r = 0; r < similar.Length; r++)
            {
                var m = similar[r];
                result.Add(new SimilarMovie(model.Name, set.Movies[movies[i]], set.TitleArray[movies[i]], r + 1, set.Movies[m], set.TitleArray[m],
                    new JoinedList<string>(set.GenreArray[m]), MovieRecommendation.ScoreOf(scores[r])));
            }
        }
        return result;
    }

    /// <summary>The <paramref name="top"/> users most like each of <paramref name="userIds"/>, never the user, ranked from 1.</summary>
    /// <exception cref="ContrastiveRecException">CannotFindSimilarUsers; UnknownUser: an id is not one of the model's users.</exception>
    public static IReadOnlyList<SimilarUser> SimilarUsers(this IRecommender model, IReadOnlyList<object> userIds, int top = DefaultTop, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        var capable = UsersOf(model);
        var set = model.RatingSet;
        var users = userIds.Select(set.GetUserIndex).ToArray();
        var lists = NativeBoundary.Guard("comparing users", () => capable.Neighbors(users, top, ct));
        var result = new List<SimilarUser>();
        for (var i = 0; i < users.Length; i++)
        {
            var (similar, scores) = lists[i];
            for (var r = 0; r < similar.Length; r++)
                result.Add(new SimilarUser(model.Name, set.Users[users[i]], r + 1, set.Users[similar[r]], MovieRecommendation.ScoreOf(scores[r])));
        }
        return result;
    }

    /// <summary>The refusal of a movie the model has nothing of (<see cref="ISimilarMovies"/>' implementations throw it).</summary>
    internal static ContrastiveRecException MovieNotInModel(IRecommender model, int movie, string why, string remedy)
    {
        var id = model.RatingSet.Movies[movie];
        return new ContrastiveRecException("MovieNotInModel", RefusalCategory.ObjectNotFound,
            string.Create(CultureInfo.InvariantCulture, $"{model.Name} learned nothing of movie {id} ({model.RatingSet.TitleArray[movie]}): {why}."), remedy, id);
    }
}
