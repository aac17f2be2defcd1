using ContrastiveRec.Data;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// What a recommender may recommend and what counts as liked. Relevance in evaluation follows the same scope:
/// a test rating is relevant when it is at least <see cref="LikeThreshold"/> on a candidate movie.
/// </summary>
public sealed record RecommendationScope
{
    private readonly double _like = Feedback.MovieLensThreshold;
    private readonly int _neighbors = 10;

    /// <summary>The scope every model is compared in on MovieLens data: likes at 3.5, every movie a candidate, 10
    /// neighbours. On any other set, <see cref="For"/> gives the same scope at that set's relevance threshold.</summary>
    public static RecommendationScope Full { get; } = new();

    /// <summary>The Full scope on <paramref name="set"/>: likes at its relevance threshold (3.5 on MovieLens, 7 on
    /// 1-10 unless the set says otherwise, every interaction of implicit data), every movie a candidate.</summary>
    public static RecommendationScope For(RatingSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.Feedback.RelevanceThreshold == Full.LikeThreshold ? Full : new RecommendationScope { LikeThreshold = set.Feedback.RelevanceThreshold };
    }

    /// <summary>A rating at or above this is a like (a neighbour's movie worth suggesting; a relevant test item).
    /// The default is MovieLens' 3.5; <see cref="For"/> takes a set's own threshold.</summary>
    public double LikeThreshold
    {
        get => _like;
        init => _like = double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(LikeThreshold), value, "LikeThreshold must be a number.");
    }

    /// <summary>Movies (by dense index) that may be recommended; null allows every movie.</summary>
    public bool[]? CandidateMovies { get; init; }

    /// <summary>How many nearest users a neighbour-based recommender draws from; others ignore it.</summary>
    public int Neighbors
    {
        get => _neighbors;
        init => _neighbors = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Neighbors), value, "Neighbors must be 1 or more.");
    }

    /// <summary>Also recommend movies the user already rated in the train part. Off by default: such a movie can never be a
    /// hit, so it only takes a place; on, it mimics a recommender that does not filter them (how the study reads).</summary>
    public bool IncludeRatedMovies { get; init; }

    public bool IsCandidate(int movieIndex) => CandidateMovies is null || CandidateMovies[movieIndex];

    /// <summary>
    /// This scope with fewer candidates: only the movies of <paramref name="only"/> when it is given, never those of
    /// <paramref name="except"/>, and still none this scope leaves out (the study's protocol keeps its strategy's movies).
    /// Movies are ids of <paramref name="set"/> (numbers or text, as its <see cref="RatingSet.TryGetMovieIndex"/> takes
    /// them); ids not in its catalogue change nothing and are listed in <paramref name="unknownIds"/>, once each.
    /// </summary>
    public RecommendationScope Restricted(RatingSet set, IEnumerable<object>? only, IEnumerable<object>? except, out object[] unknownIds)
    {
        ArgumentNullException.ThrowIfNull(set);
        var unknown = new List<object>();
        int[] Indices(IEnumerable<object> ids)
        {
            var found = new List<int>();
            foreach (var id in ids)
                if (set.TryGetMovieIndex(id, out var m)) found.Add(m);
                else if (!unknown.Contains(id)) unknown.Add(id);
            return found.ToArray();
        }
        var candidates = CandidateMovies is { } given ? (bool[])given.Clone() : null;
        if (only is not null)
        {
            var allowed = new bool[set.MovieCount];
            foreach (var m in Indices(only)) allowed[m] = true;
            if (candidates is null) candidates = allowed;
            else for (var m = 0; m < candidates.Length; m++) candidates[m] &= allowed[m];
        }
        if (except is not null)
        {
            var excluded = Indices(except);
            if (excluded.Length > 0) candidates ??= Enumerable.Repeat(true, set.MovieCount).ToArray();
            foreach (var m in excluded) candidates![m] = false;
        }
        unknownIds = unknown.ToArray();
        return this with { CandidateMovies = candidates };
    }

    /// <summary>"like >= 3.5, 10 neighbours, every movie a candidate", invariant (a CSV cell names no type).</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"like >= {LikeThreshold}, {Neighbors} neighbours, {(CandidateMovies is { } c ? $"{c.Count(x => x)} of {c.Length} movies candidates" : "every movie a candidate")}{(IncludeRatedMovies ? ", rated movies included" : "")}");

    /// <summary>Row-major [users.Length x movies] marks of what the scope never recommends to each user: their own
    /// train movies (unless <see cref="IncludeRatedMovies"/>) and every movie that is no candidate.</summary>
    internal bool[] ExcludedMovies(RatingSet set, ReadOnlySpan<int> users)
    {
        var movies = set.MovieCount;
        // Callers pass a block of users: a whole large set would not fit one array, and must not wrap around.
        var excluded = new bool[checked(users.Length * movies)];
        for (var i = 0; i < users.Length; i++) Mark(set, users[i], excluded.AsSpan(i * movies, movies), true);
        return excluded;
    }

    /// <summary>Sets what the scope never recommends to <paramref name="user"/> to <paramref name="mark"/> in their row
    /// over the catalogue (a mask, or scores set to -inf in place).</summary>
    internal void Mark<T>(RatingSet set, int user, Span<T> row, T mark)
    {
        if (!IncludeRatedMovies)
            for (var r = set.UserOffsets[user]; r < set.UserOffsets[user + 1]; r++)
                if (!set.Split.IsTestRow[r]) row[set.MovieColumn[r]] = mark;
        if (CandidateMovies is { } candidates)
            for (var m = 0; m < row.Length; m++) if (!candidates[m]) row[m] = mark;
    }
}
