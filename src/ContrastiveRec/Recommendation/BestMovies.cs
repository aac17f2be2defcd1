namespace ContrastiveRec.Recommendation;

/// <summary>
/// The <c>k</c> best movies offered one by one: score descending, then lower movie index (the order <see cref="TopK"/>
/// gives), in a bounded heap whose root is the worst kept, so that most offers cost one comparison. What the item-item
/// baselines rank with when a user's scores are few (ItemKnn's touched movies) or a kept subset (EASE), and what ItemKnn
/// keeps each movie's nearest movies with.
/// </summary>
internal sealed class BestMovies(int k)
{
    private readonly List<(float Score, int Movie)> _heap = new(Math.Min(k, 1024));

    public int Count => _heap.Count;

    public void Clear() => _heap.Clear();

    // True when a ranks below b.
    private static bool Worse((float S, int M) a, (float S, int M) b) => a.S < b.S || (a.S == b.S && a.M > b.M);

    public void Offer(float score, int movie)
    {
        if (k <= 0) return;
        var item = (score, movie);
        if (_heap.Count < k)
        {
            _heap.Add(item);
            for (var i = _heap.Count - 1; i > 0;)
            {
                var parent = (i - 1) / 2;
                if (!Worse(_heap[i], _heap[parent])) break;
                (_heap[i], _heap[parent]) = (_heap[parent], _heap[i]);
                i = parent;
            }
            return;
        }
        if (!Worse(_heap[0], item)) return;
        _heap[0] = item;
        for (var i = 0; ;)
        {
            int l = 2 * i + 1, r = l + 1, worst = i;
            if (l < _heap.Count && Worse(_heap[l], _heap[worst])) worst = l;
            if (r < _heap.Count && Worse(_heap[r], _heap[worst])) worst = r;
            if (worst == i) break;
            (_heap[i], _heap[worst]) = (_heap[worst], _heap[i]);
            i = worst;
        }
    }

    /// <summary>The movies kept, best first, and their scores.</summary>
    public (int[] Movies, float[] Scores) Take()
    {
        _heap.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Movie.CompareTo(b.Movie));
        var movies = new int[_heap.Count];
        var scores = new float[_heap.Count];
        for (var i = 0; i < movies.Length; i++) (scores[i], movies[i]) = _heap[i];
        return (movies, scores);
    }
}
