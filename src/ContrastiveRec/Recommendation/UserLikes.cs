using ContrastiveRec.Data;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// Each user's liked train movies (rating at or above a threshold), sorted by rating descending then movie index: one
/// fixed order, so sums over a user's likes come out the same bits every run. CSR by dense user index.
/// </summary>
internal sealed class UserLikes
{
    public required int[] Offsets;
    public required int[] Movies;
    public required float[] Ratings;

    public static UserLikes Build(RatingSet set, double threshold)
    {
        var offsets = new int[set.UserCount + 1];
        var isTest = set.Split.IsTestRow;
        var ratings = set.RatingColumn;
        for (var u = 0; u < set.UserCount; u++)
        {
            var n = 0;
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
                if (!isTest[r] && ratings[r] >= threshold) n++;
            offsets[u + 1] = offsets[u] + n;
        }
        var movies = new int[offsets[^1]];
        var values = new float[offsets[^1]];
        var keys = new (float NegRating, int Movie)[movies.Length];
        for (var u = 0; u < set.UserCount; u++)
        {
            var i = offsets[u];
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
                if (!isTest[r] && ratings[r] >= threshold) keys[i++] = (-ratings[r], set.MovieColumn[r]);
            Array.Sort(keys, offsets[u], offsets[u + 1] - offsets[u]);
        }
        for (var i = 0; i < keys.Length; i++)
        {
            movies[i] = keys[i].Movie;
            values[i] = -keys[i].NegRating;
        }
        return new UserLikes { Offsets = offsets, Movies = movies, Ratings = values };
    }
}

/// <summary>Caches one <see cref="UserLikes"/> per threshold (a recommender meets one or two).</summary>
internal sealed class UserLikesCache(RatingSet set)
{
    private readonly Dictionary<double, UserLikes> _byThreshold = new();

    public UserLikes For(double threshold)
    {
        lock (_byThreshold)
        {
            if (!_byThreshold.TryGetValue(threshold, out var likes))
                _byThreshold[threshold] = likes = UserLikes.Build(set, threshold);
            return likes;
        }
    }
}

/// <summary>Marks movies per user with a running stamp, so "seen for this user" needs no clearing between users.</summary>
internal sealed class MovieStamps(int movies)
{
    private readonly int[] _stamp = new int[movies];
    private int _current;

    /// <summary>Starts a new user: nothing is marked.</summary>
    public void Next()
    {
        if (++_current == int.MaxValue)
        {
            Array.Clear(_stamp);
            _current = 1;
        }
    }

    public void Mark(int movie) => _stamp[movie] = _current;
    public bool IsMarked(int movie) => _stamp[movie] == _current;

    /// <summary>Marks the user's train movies: they are never recommended back.</summary>
    public void MarkTrainMovies(RatingSet set, int user)
    {
        var isTest = set.Split.IsTestRow;
        for (var r = set.UserOffsets[user]; r < set.UserOffsets[user + 1]; r++)
            if (!isTest[r]) _stamp[set.MovieColumn[r]] = _current;
    }
}
