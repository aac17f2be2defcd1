namespace ContrastiveRec.Recommendation;

/// <summary>
/// One user's suggestions tallied per movie from their neighbours' likes: the best rating a neighbour gave it, how many
/// neighbours liked it and the sum of those neighbours' similarities. <see cref="Best"/> keeps the first movies by
/// (rating, likers, nearness, movie id). Reused from user to user by a running stamp, so a batch clears nothing.
/// </summary>
internal sealed class NeighborVotes(int movies)
{
    private readonly int[] _stamp = new int[movies];
    private readonly int[] _slot = new int[movies];
    private int _current;
    private Vote[] _votes = new Vote[256];
    private int _count;
    private readonly PriorityQueue<Vote, Vote> _kept = new(Comparer<Vote>.Create(static (a, b) => Vote.Order(b, a)));

    /// <summary>Starts a new user: no votes.</summary>
    public void Next()
    {
        _count = 0;
        if (++_current == int.MaxValue)
        {
            Array.Clear(_stamp);
            _current = 1;
        }
    }

    /// <summary>A neighbour at <paramref name="similarity"/> liked <paramref name="movie"/> with <paramref name="rating"/>.</summary>
    public void Add(int movie, float rating, float similarity)
    {
        if (_stamp[movie] == _current)
        {
            ref var v = ref _votes[_slot[movie]];
            v = v with { Rating = Math.Max(v.Rating, rating), Likers = v.Likers + 1, Nearness = v.Nearness + similarity };
            return;
        }
        if (_count == _votes.Length) Array.Resize(ref _votes, 2 * _count);
        _stamp[movie] = _current;
        _slot[movie] = _count;
        _votes[_count++] = new Vote(movie, rating, 1, similarity);
    }

    /// <summary>The first <paramref name="count"/> movies, best first, with their best ratings: a heap of
    /// <paramref name="count"/> over the tallied movies rather than a sort of them all.</summary>
    public (int[] Movies, float[] Ratings) Best(int count)
    {
        _kept.Clear();
        for (var i = 0; i < _count; i++)
        {
            if (_kept.Count < count) _kept.Enqueue(_votes[i], _votes[i]);
            else if (count > 0 && Vote.Order(_votes[i], _kept.Peek()) < 0) _kept.DequeueEnqueue(_votes[i], _votes[i]);
        }
        var movies = new int[_kept.Count];
        var ratings = new float[_kept.Count];
        for (var i = movies.Length - 1; i >= 0; i--)
        {
            var v = _kept.Dequeue(); // the worst kept first
            movies[i] = v.Movie;
            ratings[i] = v.Rating;
        }
        return (movies, ratings);
    }

    private readonly record struct Vote(int Movie, float Rating, int Likers, double Nearness)
    {
        /// <summary>Negative when <paramref name="a"/> ranks before <paramref name="b"/>; movie ids make it total.</summary>
        public static int Order(Vote a, Vote b) =>
            a.Rating != b.Rating ? b.Rating.CompareTo(a.Rating)
            : a.Likers != b.Likers ? b.Likers.CompareTo(a.Likers)
            : a.Nearness != b.Nearness ? b.Nearness.CompareTo(a.Nearness)
            : a.Movie.CompareTo(b.Movie);
    }
}
