using System.Diagnostics;
using ContrastiveRec.Data;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// Item-based kNN: an unseen movie's score is the sum of its cosine similarities to the user's liked train movies,
/// with movies as vectors of raw train ratings over users. Each movie keeps its <see cref="Neighbors"/> most similar
/// movies (all of them on a catalogue whose similarities fit <see cref="AllNeighborsBudget"/>, else
/// <see cref="DefaultNeighbors"/>, RecBole's default), so a user costs likes x neighbours. Only movies with a positive
/// score are recommended.
/// </summary>
public sealed class ItemKnnRecommender : IRecommender
{
    /// <summary>Neighbours per movie when the catalogue is too large to keep them all: 100, RecBole's ItemKNN default
    /// (not tuned on any test split).</summary>
    public const int DefaultNeighbors = 100;

    /// <summary>All similarities are kept when every movie's list of all others fits 1 GiB (8 bytes per pair: up to
    /// 11,585 movies), as ItemKnn always did; larger catalogues keep <see cref="DefaultNeighbors"/>.</summary>
    public const long AllNeighborsBudget = 1L << 30;

    private readonly UserLikesCache _likes;
    private readonly int[][] _neighbor;     // per movie, its kept neighbours by similarity descending, then index
    private readonly float[][] _similarity;

    /// <param name="neighbors">Neighbours kept per movie; null chooses (see the class).</param>
    public ItemKnnRecommender(RatingSet set, int? neighbors = null, Action<BaselineBuildProgress>? progress = null, CancellationToken ct = default)
        : this(set, neighbors, BaselineSettings.DefaultMemoryBudget, progress, ct)
    {
    }

    /// <param name="memoryBudget">Bytes the neighbour lists and the Gram's work arrays may take.</param>
    internal ItemKnnRecommender(RatingSet set, int? neighbors, long memoryBudget, Action<BaselineBuildProgress>? progress = null, CancellationToken ct = default)
    {
        RatingSet = set ?? throw new ArgumentNullException(nameof(set));
        if (neighbors is < 1) throw new ArgumentOutOfRangeException(nameof(neighbors), neighbors, "Neighbors must be 1 or more.");
        var movies = set.MovieCount;
        var others = Math.Max(0, movies - 1);
        KeepsAllNeighbors = neighbors is null ? ListBytes(movies, others) <= AllNeighborsBudget : neighbors >= others;
        Neighbors = KeepsAllNeighbors ? others : Math.Min(others, neighbors ?? DefaultNeighbors);
        _likes = new UserLikesCache(set);

        var need = ListBytes(movies, Neighbors) + ItemGram.EstimateBytes(set.TrainCount, movies, set.UserCount);
        const string remedy = "Keep fewer neighbours per movie (-ItemNeighbors).";
        if (need > memoryBudget)
            throw new BaselineTooLargeException(BaselineKind.ItemKnn, $"with {Neighbors:N0} neighbours for each of {movies:N0} movies", need, memoryBudget, "its memory budget", remedy);
        BaselineTooLargeException.ThrowIfUnavailable(BaselineKind.ItemKnn, $"with {Neighbors:N0} neighbours for each of {movies:N0} movies", need, remedy);

        (_neighbor, _similarity) = NearestMovies(set, Neighbors, progress, ct);
    }

    public string Name => RecommenderRegistry.Baseline(BaselineKind.ItemKnn).Name;
    public RatingSet RatingSet { get; }
    public RecommendationScope DefaultScope => RecommendationScope.Full;
    public RecommendationScope? StudyScope => null;

    /// <summary>Most similar movies kept per movie (only those of positive similarity are stored).</summary>
    public int Neighbors { get; }

    /// <summary>True when every movie keeps all others: the exact sum over all the user's liked movies.</summary>
    public bool KeepsAllNeighbors { get; }

    // A neighbour is its index and similarity: 8 bytes.
    private static long ListBytes(int movies, int neighbors) => 8L * movies * neighbors;

    private static (int[][], float[][]) NearestMovies(RatingSet set, int k, Action<BaselineBuildProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var movies = set.MovieCount;
        var norm = new double[movies];
        for (var r = 0; r < set.RatingCount; r++)
            if (!set.Split.IsTestRow[r]) norm[set.MovieColumn[r]] += (double)set.RatingColumn[r] * set.RatingColumn[r];
        var inverse = norm.Select(n => n > 0 ? 1 / Math.Sqrt(n) : 0).ToArray();
        var neighbor = new int[movies][];
        var similarity = new float[movies][];
        var gram = ItemGram.Of(set, Enumerable.Range(0, movies).ToArray(), movies, binary: false);
        var keepAll = k >= movies - 1;
        var selection = new ThreadLocal<NearestList>(() => new NearestList(k, keepAll));
        gram.Rows(lowerOnly: false, (a, row) =>
        {
            var list = selection.Value!;
            list.Clear();
            var scale = inverse[a];
            for (var b = 0; b < row.Length; b++)
                if (row[b] > 0 && b != a) list.Offer((float)(row[b] * scale * inverse[b]), b);
            (neighbor[a], similarity[a]) = list.Sorted();
        }, f => progress?.Invoke(new BaselineBuildProgress("Item similarities", f, clock.Elapsed)), ct);
        selection.Dispose();
        return (neighbor, similarity);
    }

    public MovieRanking[] Recommend(int[] users, int count, RecommendationScope scope, bool withSuggesters = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(scope);
        var likes = _likes.For(scope.LikeThreshold);
        var result = new MovieRanking[users.Length];
        var movieCount = RatingSet.MovieCount;
        var chunk = Math.Max(1, (1 << 24) / Math.Max(1, movieCount));
        for (var from = 0; from < users.Length; from += chunk)
        {
            ct.ThrowIfCancellationRequested();
            var n = Math.Min(chunk, users.Length - from);
            // score(u, m) = sum over liked j of sim(j, m), over j's kept neighbours m: likes x neighbours per user.
            var block = new float[(long)n * movieCount];
            Parallel.For(0, n, i =>
            {
                var row = block.AsSpan((int)((long)i * movieCount), movieCount);
                var u = users[from + i];
                for (var p = likes.Offsets[u]; p < likes.Offsets[u + 1]; p++)
                {
                    var j = likes.Movies[p];
                    var near = _neighbor[j];
                    var sim = _similarity[j];
                    for (var q = 0; q < near.Length; q++) row[near[q]] += sim[q];
                }
            });
            using var disposeScope = NewDisposeScope();
            var scores = NativeTensor.From(block, n, movieCount);
            // Never the user's own train movies, only candidates, and only movies with a positive score.
            var top = TopK.RowsExcept(scores, scope.ExcludedMovies(RatingSet, users.AsSpan(from, n)), count, floor: 0f);
            for (var i = 0; i < n; i++) result[from + i] = new MovieRanking(users[from + i], top[i].Columns, top[i].Scores, null);
        }
        return result;
    }

    /// <summary>The k best (similarity descending, then lower index) of the movies offered: a bounded heap whose root is
    /// the worst kept, so most offers cost one comparison. Keeping all, it keeps them in the order offered (by index):
    /// the order of a sum's terms is all it changes, and sorting every pair would cost more than the rest of the build.</summary>
    private sealed class NearestList(int k, bool keepAll)
    {
        private readonly List<(float Similarity, int Movie)> _heap = new();

        public void Clear() => _heap.Clear();

        // True when a ranks below b.
        private static bool Worse((float S, int M) a, (float S, int M) b) => a.S < b.S || (a.S == b.S && a.M > b.M);

        public void Offer(float similarity, int movie)
        {
            if (k == 0) return;
            var item = (similarity, movie);
            if (keepAll)
            {
                _heap.Add(item);
                return;
            }
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

        public (int[] Movies, float[] Similarities) Sorted()
        {
            if (!keepAll) _heap.Sort(static (a, b) => a.Similarity != b.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.Movie.CompareTo(b.Movie));
            return (_heap.Select(x => x.Movie).ToArray(), _heap.Select(x => x.Similarity).ToArray());
        }
    }
}
