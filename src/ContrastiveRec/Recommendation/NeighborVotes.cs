using System.Runtime.CompilerServices;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// One user's suggestions tallied per movie from their neighbours' likes: the best rating a neighbour gave it, how many
/// neighbours liked it and the sum of those neighbours' similarities. <see cref="Best"/> keeps the first movies by
/// (rating, likers, nearness, movie id). Reused from user to user by a running stamp, so a batch clears nothing.
/// </summary>
internal sealed class NeighborVotes(int movies)
{
    // Per movie, one entry (one cache line) holding what a vote touches; valid where Stamp is the current user's.
    private struct Tally
    {
        public int Stamp;
        public float Rating;
        public int Likers; // -1: the user's own movie, never suggested
        public double Nearness;
    }

    private readonly Tally[] _tally = new Tally[movies];
    private int _current;
    private int[] _voted = new int[256];
    private int _count;
    private int[] _kept = [];

    /// <summary>Starts a new user: no votes.</summary>
    public void Next()
    {
        _count = 0;
        if (++_current == int.MaxValue)
        {
            Array.Clear(_tally);
            _current = 1;
        }
    }

    /// <summary>Leaves <paramref name="movie"/> out for this user (one they rated in train), whoever suggests it.</summary>
    public void Exclude(int movie) => _tally[movie] = new Tally { Stamp = _current, Likers = -1 };

    /// <summary>A neighbour at <paramref name="similarity"/> liked <paramref name="movie"/> with <paramref name="rating"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int movie, float rating, float similarity)
    {
        ref var t = ref _tally[movie];
        if (t.Stamp == _current)
        {
            if (t.Likers < 0) return;
            if (rating > t.Rating) t.Rating = rating;
            t.Likers++;
            t.Nearness += similarity;
            return;
        }
        if (_count == _voted.Length) Array.Resize(ref _voted, 2 * _count);
        t = new Tally { Stamp = _current, Rating = rating, Likers = 1, Nearness = similarity };
        _voted[_count++] = movie;
    }

    /// <summary>The first <paramref name="count"/> movies, best first, with their best ratings: a heap of
    /// <paramref name="count"/> (its root the worst kept) over the voted movies, rather than a sort of them all. The
    /// heap of <see cref="BestMovies"/> ranks by one float score; a vote ranks by four keys, read in place.</summary>
    public (int[] Movies, float[] Ratings) Best(int count)
    {
        if (_kept.Length < count) _kept = new int[count];
        var size = 0;
        for (var i = 0; i < _count; i++)
        {
            var m = _voted[i];
            if (size < count)
            {
                // Sift up: a new leaf rises while it ranks after its parent.
                var at = size++;
                while (at > 0 && Before(_kept[(at - 1) / 2], m))
                {
                    _kept[at] = _kept[(at - 1) / 2];
                    at = (at - 1) / 2;
                }
                _kept[at] = m;
            }
            else if (size > 0 && Before(m, _kept[0]))
            {
                // Sift down: the new root sinks below any child that ranks after it.
                var at = 0;
                while (true)
                {
                    var child = 2 * at + 1;
                    if (child >= size) break;
                    if (child + 1 < size && Before(_kept[child], _kept[child + 1])) child++;
                    if (!Before(m, _kept[child])) break;
                    _kept[at] = _kept[child];
                    at = child;
                }
                _kept[at] = m;
            }
        }
        var best = _kept[..size];
        Array.Sort(best, (a, b) => a == b ? 0 : Before(a, b) ? -1 : 1);
        var ratings = new float[size];
        for (var i = 0; i < size; i++) ratings[i] = _tally[best[i]].Rating;
        return (best, ratings);
    }

    // Whether movie a ranks before movie b; movie ids make the order total.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Before(int a, int b)
    {
        ref var x = ref _tally[a];
        ref var y = ref _tally[b];
        return x.Rating != y.Rating ? x.Rating > y.Rating
            : x.Likers != y.Likers ? x.Likers > y.Likers
            : x.Nearness != y.Nearness ? x.Nearness > y.Nearness
            : a < b;
    }
}
