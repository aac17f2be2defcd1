using System.Diagnostics;
using ContrastiveRec.Data;

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
        var selection = new ThreadLocal<BestMovies>(() => new BestMovies(k, keepAll));
        gram.Rows(lowerOnly: false, (a, row) =>
        {
            var list = selection.Value!;
            list.Clear();
            var scale = inverse[a];
            for (var b = 0; b < row.Length; b++)
                if (row[b] > 0 && b != a) list.Offer((float)(row[b] * scale * inverse[b]), b);
            (neighbor[a], similarity[a]) = list.Take();
        }, f => progress?.Invoke(new BaselineBuildProgress("Item similarities", f, clock.Elapsed)), ct);
        selection.Dispose();
        return (neighbor, similarity);
    }

    public MovieRanking[] Recommend(int[] users, int count, RecommendationScope scope, bool withSuggesters = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var likes = _likes.For(scope.LikeThreshold);
        var result = new MovieRanking[users.Length];
        var movies = RatingSet.MovieCount;
        const int usersPerBlock = 4096; // cancellation is checked between blocks
        for (var from = 0; from < users.Length; from += usersPerBlock)
        {
            ct.ThrowIfCancellationRequested();
            Parallel.For(from, Math.Min(users.Length, from + usersPerBlock), () => new UserScores(movies, count), (i, _, state) =>
            {
                result[i] = state.Rank(this, users[i], likes, scope);
                return state;
            }, _ => { });
        }
        return result;
    }

    /// <summary>One thread's work space: a user's scores over the movies they touch, and what is excluded.</summary>
    private sealed class UserScores(int movies, int count)
    {
        private readonly float[] _score = new float[movies];
        private readonly MovieStamps _touched = new(movies);
        private readonly MovieStamps _excluded = new(movies);
        private readonly List<int> _list = new();
        private readonly BestMovies _best = new(count);

        // score(u, m) = sum over liked j of sim(j, m), over j's kept neighbours m: likes x neighbours. Never the user's own
        // train movies, only candidates, and only movies with a positive score, best first, ties by movie index.
        public MovieRanking Rank(ItemKnnRecommender knn, int user, UserLikes likes, RecommendationScope scope)
        {
            _touched.Next();
            _list.Clear();
            for (var p = likes.Offsets[user]; p < likes.Offsets[user + 1]; p++)
            {
                var j = likes.Movies[p];
                var near = knn._neighbor[j];
                var sim = knn._similarity[j];
                for (var q = 0; q < near.Length; q++)
                {
                    var m = near[q];
                    if (!_touched.IsMarked(m))
                    {
                        _touched.Mark(m);
                        _list.Add(m);
                        _score[m] = 0;
                    }
                    _score[m] += sim[q];
                }
            }
            _excluded.Next();
            if (!scope.IncludeRatedMovies) _excluded.MarkTrainMovies(knn.RatingSet, user);
            _best.Clear();
            foreach (var m in _list)
                if (_score[m] > 0 && !_excluded.IsMarked(m) && scope.IsCandidate(m)) _best.Offer(_score[m], m);
            var (movies, scores) = _best.Take();
            return new MovieRanking(user, movies, scores, null);
        }
    }
}
