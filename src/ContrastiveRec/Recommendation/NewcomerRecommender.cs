using System.Globalization;
using ContrastiveRec.Data;
using ContrastiveRec.Training;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// Recommends to people who were not in the training data, from their ratings alone, without retraining: a
/// model that folds them in (<see cref="IFoldsInNewcomers"/>: a UserMovie model with the Profile or Graph encoder embeds the
/// ratings, EASE folds the rated movies in) scores every movie. Movies the person rated are never recommended back.
/// </summary>
public sealed class NewcomerRecommender
{
    // Which models can do it, for the error message: the baselines that fold in newcomers come from the registry.
    private static readonly string CapableModels = string.Join(", or ",
        RecommenderRegistry.Baselines.Where(e => e.FoldsInNewcomers).Select(e => $"the {e.Name} baseline (New-BaselineRecommender -Kind {e.Kind})")
            .Prepend("a UserMovie model trained with the Profile or Graph encoder"));

    private const int ProfilesPerBlock = 1024; // bounds a score block at 1024 x movies floats

    private readonly Func<IReadOnlyList<NewcomerProfile>, Tensor> _score;

    internal NewcomerRecommender(string name, RatingSet catalogue, Func<IReadOnlyList<NewcomerProfile>, Tensor> score)
    {
        Name = name;
        Catalogue = catalogue;
        _score = score;
    }

    /// <summary>The model's name in results ("EASE", "UserMovie (Profile)").</summary>
    public string Name { get; }

    /// <summary>The model's ratings: its movie indices are the ones profiles use.</summary>
    public RatingSet Catalogue { get; }

    public static bool CanFoldIn(IRecommender recommender) => TryCreate(recommender) is not null;

    /// <exception cref="ContrastiveRecException">CannotFoldInNewcomers: the model knows users only by id (or recommends
    /// through neighbours).</exception>
    public static NewcomerRecommender For(IRecommender recommender)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        return TryCreate(recommender) ?? throw new ContrastiveRecException("CannotFoldInNewcomers", RefusalCategory.InvalidOperation,
            $"{recommender.Name} cannot recommend to someone it was not trained on; only {CapableModels} can.",
            "Use one of those models for people outside the training data.", recommender);
    }

    private static NewcomerRecommender? TryCreate(IRecommender recommender)
    {
        var model = recommender is BaselineRecommender b ? b.Inner : recommender;
        // Named as the model given (a named baseline keeps its name), not as the model underneath.
        return model is IFoldsInNewcomers { CanFoldInNewcomers: true } folds
            ? new NewcomerRecommender(recommender.Name, folds.RatingSet, folds.ScoreNewcomers)
            : null;
    }

    /// <summary>Up to <paramref name="count"/> movies per profile, best first, never one the profile rated, only candidates of
    /// <paramref name="scope"/> (every movie when null); ties by movie index. Each ranking's <see cref="MovieRanking.User"/>
    /// is the profile's position in the list.</summary>
    public MovieRanking[] Recommend(IReadOnlyList<NewcomerProfile> profiles, int count, CancellationToken ct = default, RecommendationScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "Count must be 1 or more.");
        var movies = Catalogue.MovieCount;
        foreach (var p in profiles)
        {
            if (p.Movies.Length == 0) throw new ArgumentException("A newcomer's profile needs at least one rated movie.", nameof(profiles));
            if (p.Movies.Length != p.Ratings.Length) throw new ArgumentException("A profile needs one rating per movie.", nameof(profiles));
            if (p.Movies.Any(m => m < 0 || m >= movies)) throw new ArgumentOutOfRangeException(nameof(profiles), "A profile's movie index is outside the model's catalogue.");
        }
        var result = new MovieRanking[profiles.Count];
        for (var from = 0; from < profiles.Count; from += ProfilesPerBlock)
        {
            ct.ThrowIfCancellationRequested();
            var block = profiles.Skip(from).Take(ProfilesPerBlock).ToArray();
            using var disposeScope = NewDisposeScope();
            var scores = _score(block).to(ScalarType.Float32).contiguous();
            var mask = new bool[block.Length * movies];
            for (var i = 0; i < block.Length; i++)
            {
                foreach (var m in block[i].Movies) mask[i * movies + m] = true;
                if (scope?.CandidateMovies is { } candidates)
                    for (var m = 0; m < movies; m++) mask[i * movies + m] |= !candidates[m];
            }
            var top = TopK.RowsExcept(scores, mask, count);
            for (var i = 0; i < block.Length; i++)
                result[from + i] = new MovieRanking(from + i, top[i].Columns, top[i].Scores, null);
        }
        return result;
    }

    /// <summary>The user id a newcomer's recommendations are labelled with when none is given.</summary>
    public const int DefaultUserId = 0;

    /// <summary>
    /// Recommendations for one person from (movie id, rating) pairs, ranked from 1 and labelled with
    /// <paramref name="userId"/> (<see cref="DefaultUserId"/> when null). A movie id is a number or text, as the
    /// catalogue's <see cref="IdTable.TryGetIndex"/> takes it. Movies not in the catalogue are left out and listed in <paramref name="unknownMovieIds"/>.
    /// </summary>
    /// <exception cref="NewcomerRatingsException">A rating is off the scale, or a movie is rated twice.</exception>
    /// <exception cref="ContrastiveRecException">NoKnownMovies: none of the movies is in the catalogue.</exception>
    /// <param name="scope">Its candidates narrow what is recommended (Get-Recommendation -Candidates, -Exclude); null: every movie.</param>
    public IReadOnlyList<MovieRecommendation> RecommendFor(IEnumerable<(object MovieId, float Rating)> ratings, int top, out object[] unknownMovieIds,
        object? userId = null, CancellationToken ct = default, RecommendationScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var known = new Dictionary<int, float>();
        var unknown = new List<object>();
        var seen = new Dictionary<string, float>(StringComparer.Ordinal); // by the id's text: 31 and "31" are one movie
        // The model's data says what a rating is: its scale (MovieLens' 0.5 to 5, 1 to 10...) or, implicit, a count.
        var feedback = Catalogue.Feedback;
        var scale = feedback.IsImplicit ? "counts of 1 or more (the model learned from implicit data)"
            : feedback.Scale == RatingScale.MovieLens ? $"the MovieLens scale ({feedback.Scale})" : $"the model's scale ({feedback.Scale})";
        var remedy = feedback.IsImplicit ? "Give each movie once, with how many times the person chose it (1 or more)."
            : $"Give each movie once, with a rating from {feedback.Scale}.";
        foreach (var (movieId, rating) in ratings)
        {
            if (!feedback.Accepts(rating))
                throw new NewcomerRatingsException(movieId, string.Create(CultureInfo.InvariantCulture,
                    $"The rating {rating} of movie {movieId} is off {scale}."), remedy);
            var found = Catalogue.TryGetMovieIndex(movieId, out var m);
            var key = found ? Catalogue.Movies.TextAt(m) : Convert.ToString(movieId, CultureInfo.InvariantCulture) ?? "";
            if (!seen.TryAdd(key, rating))
                throw new NewcomerRatingsException(movieId, string.Create(CultureInfo.InvariantCulture,
                    $"Movie {movieId} is rated twice ({seen[key]} and {rating})."), remedy);
            if (found) known[m] = rating;
            else unknown.Add(movieId);
        }
        unknownMovieIds = unknown.ToArray();
        if (known.Count == 0)
            throw new ContrastiveRecException("NoKnownMovies", RefusalCategory.ObjectNotFound,
                string.Create(CultureInfo.InvariantCulture,
                    $"None of the rated movies ({string.Join(", ", unknownMovieIds.Take(20))}{(unknownMovieIds.Length > 20 ? ", ..." : "")}) is in the model's catalogue of {Catalogue.MovieCount:N0} movies."),
                "Give the ids of movies (items) in the data set the model was trained on, as the data names them (the movieId column of MovieLens).", unknownMovieIds);
        var profile = new NewcomerProfile(known.Keys.ToArray(), known.Values.ToArray());
        var ranking = Recommend(new[] { profile }, top, ct, scope)[0];
        var list = new List<MovieRecommendation>(ranking.Count);
        for (var i = 0; i < ranking.Count; i++)
        {
            var m = ranking.Movies[i];
            list.Add(new MovieRecommendation(Name, userId ?? DefaultUserId, i + 1, Catalogue.Movies[m], Catalogue.TitleArray[m],
                new JoinedList<string>(Catalogue.GenreArray[m]), MovieRecommendation.ScoreOf(ranking.Scores[i]), JoinedList<object>.Empty));
        }
        return list;
    }

    /// <summary>Each user's train ratings of a set as a profile (dense user order); empty for a user with none.</summary>
    public static NewcomerProfile[] ProfilesOf(RatingSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var (offsets, movies, ratings) = ProfileEncoder.ProfilesOf(set);
        var profiles = new NewcomerProfile[set.UserCount];
        for (var u = 0; u < set.UserCount; u++)
        {
            int from = (int)offsets[u], to = (int)offsets[u + 1];
            profiles[u] = new NewcomerProfile(movies[from..to].Select(m => (int)m).ToArray(), ratings[from..to]);
        }
        return profiles;
    }
}
