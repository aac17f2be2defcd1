using System.Diagnostics;
using ContrastiveRec.Data;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// Item-based kNN: an unseen movie's score is the sum of its cosine similarities to the user's liked train movies,
/// with movies as vectors of raw train ratings over users. On a catalogue whose similarities fit
/// <see cref="AllNeighborsBudget"/> every pair counts, summed through the ratings as it always was; a larger one keeps
/// each movie's <see cref="Neighbors"/> most similar movies (<see cref="DefaultNeighbors"/>, RecBole's default), built
/// from the item Gram, so that a user costs likes x neighbours. Only movies with a positive score are recommended.
/// Its similar movies are those cosines: a kept list's head, or one movie's row over all movies.
/// </summary>
public sealed class ItemKnnRecommender : IRecommender, IDescribesItself, ISimilarMovies
{
    /// <summary>Neighbours per movie when the catalogue is too large to keep them all: 100, RecBole's ItemKNN default
    /// (not tuned on any test split).</summary>
    public const int DefaultNeighbors = 100;

    /// <summary>Every pair counts, as ItemKnn always summed them, on a catalogue whose lists of all pairs would fit 1 GiB
    /// (8 bytes per pair: up to 11,585 movies; the sum itself needs no lists); larger catalogues keep
    /// <see cref="DefaultNeighbors"/>.</summary>
    public const long AllNeighborsBudget = 1L << 30;

    private readonly UserLikesCache _likes;
    private readonly TrainMatrix? _ratings;   // all neighbours: the movie-normalised ratings, summed exactly per chunk of users
    private readonly int[][] _neighbor = [];  // otherwise, per movie, its kept neighbours by similarity descending, then index
    private readonly float[][] _similarity = [];

    /// <param name="neighbors">Neighbours kept per movie; null chooses (see the class).</param>
    public ItemKnnRecommender(RatingSet set, int? neighbors = null, Action<BaselineBuildProgress>? progress = null, CancellationToken ct = default)
        : this(set, neighbors, BaselineSettings.DefaultMemoryBudget, progress, ct)
    {
    }

    /// <param name="memoryBudget">Bytes the neighbour lists and the Gram's work arrays may take.</param>
    internal ItemKnnRecommender(RatingSet set, int? neighbors, long memoryBudget, Action<BaselineBuildProgress>? progress = null, CancellationToken ct = default)
    {
        RatingSet = set ?? throw new ArgumentNullException(nameof(set));
        if (neighbors is < 1) throw BaselineSettings.Invalid("ItemNeighbors must be 1 or more.", "-ItemNeighbors 1 or more, or leave it out to let ItemKnn choose", neighbors);
        var movies = set.MovieCount;
        var others = Math.Max(0, movies - 1);
        KeepsAllNeighbors = neighbors is null ? ListBytes(movies, others) <= AllNeighborsBudget : neighbors >= others;
        Neighbors = KeepsAllNeighbors ? others : Math.Min(others, neighbors ?? DefaultNeighbors);
        _likes = new UserLikesCache(set);
        _inverseNorms = InverseNorms(set); // made here, so that a first similar movie costs what the next one does

        if (KeepsAllNeighbors)
        {
            // Every pair counts: today's exact sum, two sparse products per chunk of users, nothing to precompute.
            _ratings = TrainMatrix.Build(set, normalizeUsers: false);
            return;
        }
        var need = ListBytes(movies, Neighbors) + ItemGram.EstimateBytes(set.TrainCount, movies, set.UserCount);
        const string remedy = "Keep fewer neighbours per movie (-ItemNeighbors).";
        if (need > memoryBudget)
            throw new BaselineTooLargeException(BaselineKind.ItemKnn, $"with {Neighbors:N0} neighbours for each of {movies:N0} movies", need, memoryBudget, "its memory budget", remedy);
        BaselineTooLargeException.ThrowIfUnavailable(BaselineKind.ItemKnn, $"with {Neighbors:N0} neighbours for each of {movies:N0} movies", need, remedy);

        (_neighbor, _similarity) = NearestMovies(set, _inverseNorms, Neighbors, progress, ct);
    }

    public string Name => RecommenderRegistry.Baseline(BaselineKind.ItemKnn).Name;
    public RatingSet RatingSet { get; }
    public RecommendationScope DefaultScope => RecommendationScope.For(RatingSet);
    public RecommendationScope? StudyScope => null;

    /// <summary>Most similar movies kept per movie (only those of positive similarity are stored).</summary>
    public int Neighbors { get; }

    /// <summary>True when every movie keeps all others: the exact sum over all the user's liked movies.</summary>
    public bool KeepsAllNeighbors { get; }

    public string Settings => KeepsAllNeighbors ? "all other movies" : FormattableString.Invariant($"{Neighbors:N0} neighbours");

    public string Built => KeepsAllNeighbors
        ? "ItemKnn keeps every other movie as each movie's neighbour: all pairs count"
        : FormattableString.Invariant($"ItemKnn keeps {Neighbors:N0} most similar movies per movie");

    public override string ToString() =>
        KeepsAllNeighbors ? $"ItemKnn (all pairs of movies) on {RatingSet}" : $"ItemKnn ({Neighbors:N0} most similar movies per movie) on {RatingSet}";

    // A neighbour is its index and similarity: 8 bytes.
    private static long ListBytes(int movies, int neighbors) => 8L * movies * neighbors;

    private static (int[][], float[][]) NearestMovies(RatingSet set, double[] inverse, int k, Action<BaselineBuildProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var movies = set.MovieCount;
        var neighbor = new int[movies][];
        var similarity = new float[movies][];
        var gram = ItemGram.Of(set, Enumerable.Range(0, movies).ToArray(), movies, binary: false);
        var selection = new ThreadLocal<BestMovies>(() => new BestMovies(k));
        gram.Rows(lowerOnly: false, (a, row) =>
        {
            var scale = inverse[a];
            var list = selection.Value!;
            list.Clear();
            for (var b = 0; b < row.Length; b++)
                if (row[b] > 0 && b != a) list.Offer((float)(row[b] * scale * inverse[b]), b);
            (neighbor[a], similarity[a]) = list.Take();
        }, f => progress?.Invoke(new BaselineBuildProgress("Item similarities", f, clock.Elapsed)), ct);
        selection.Dispose();
        return (neighbor, similarity);
    }

    // 1 / the length of each movie's vector of raw train ratings (0 for a movie with none): cos(a, b) = G[a, b] x both.
    private static double[] InverseNorms(RatingSet set)
    {
        var norm = new double[set.MovieCount];
        for (var r = 0; r < set.RatingCount; r++)
            if (!set.Split.IsTestRow[r]) norm[set.MovieColumn[r]] += (double)set.RatingColumn[r] * set.RatingColumn[r];
        return norm.Select(n => n > 0 ? 1 / Math.Sqrt(n) : 0).ToArray();
    }

    private readonly double[] _inverseNorms;

    /// <summary>The movies of positive cosine with each movie, best first: the head of its kept list, or, when every pair
    /// counts, its row of cosines summed from the users who rated it (one pass over the train ratings).</summary>
    /// <exception cref="ContrastiveRecException">MovieNotInModel: a movie has no train rating.</exception>
    public (int[] Movies, float[] Scores)[] SimilarMovies(int[] movies, int count, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var inverse = _inverseNorms;
        var result = new (int[], float[])[movies.Length];
        for (var i = 0; i < movies.Length; i++)
        {
            ct.ThrowIfCancellationRequested();
            var a = movies[i];
            if (inverse[a] == 0)
                throw Similarity.MovieNotInModel(this, a, "it has no train rating, so it has no cosine with any other movie",
                    "Ask about a movie someone rated in the train part.");
            if (_ratings is null)
            {
                var take = Math.Min(count, _neighbor[a].Length);
                result[i] = (_neighbor[a][..take], _similarity[a][..take]);
                continue;
            }
            var set = RatingSet;
            var isTest = set.Split.IsTestRow;
            var row = new double[set.MovieCount];
            for (var u = 0; u < set.UserCount; u++)
                for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
                {
                    if (set.MovieColumn[r] != a || isTest[r]) continue;
                    double x = set.RatingColumn[r];
                    for (var q = set.UserOffsets[u]; q < set.UserOffsets[u + 1]; q++)
                        if (!isTest[q]) row[set.MovieColumn[q]] += x * set.RatingColumn[q];
                    break;
                }
            var best = new BestMovies(count);
            for (var b = 0; b < row.Length; b++)
                if (row[b] > 0 && b != a) best.Offer((float)(row[b] * inverse[a] * inverse[b]), b);
            result[i] = best.Take();
        }
        return result;
    }

    public MovieRanking[] Recommend(int[] users, int count, RecommendationScope scope, bool withSuggesters = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var likes = _likes.For(scope.LikeThreshold);
        if (_ratings is not null) return RecommendExactly(users, count, scope, likes, ct);
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

    private MovieRanking[] RecommendExactly(int[] users, int count, RecommendationScope scope, UserLikes likes, CancellationToken ct)
    {
        var result = new MovieRanking[users.Length];
        var movieCount = RatingSet.MovieCount;
        var chunk = Math.Max(1, (1 << 24) / Math.Max(1, Math.Max(movieCount, RatingSet.UserCount)));
        for (var from = 0; from < users.Length; from += chunk)
        {
            ct.ThrowIfCancellationRequested();
            var n = Math.Min(chunk, users.Length - from);
            using var disposeScope = NewDisposeScope();
            using var _ = no_grad();
            // score(u, m) = sum over liked j of cos(j, m) = sum over users v of Rn[v, m] * (sum over liked j of Rn[v, j]),
            // Rn the movie-normalised rating matrix: two sparse-times-dense products, no movie x movie matrix.
            var liked = new float[(long)movieCount * n]; // [movies x n], column i = user i's likes
            for (var i = 0; i < n; i++)
            {
                var u = users[from + i];
                for (var p = likes.Offsets[u]; p < likes.Offsets[u + 1]; p++) liked[(long)likes.Movies[p] * n + i] = 1f;
            }
            var perUser = _ratings!.Sparse(transpose: false).mm(NativeTensor.From(liked, movieCount, n));   // [users x n]
            var scores = _ratings.Sparse(transpose: true).mm(perUser).t().contiguous();                          // [n x movies]

            // Never the user's own train movies, only candidates, and only movies with a positive score.
            var top = TopK.RowsExcept(scores, scope.ExcludedMovies(RatingSet, users.AsSpan(from, n)), count, floor: 0f);
            for (var i = 0; i < n; i++) result[from + i] = new MovieRanking(users[from + i], top[i].Columns, top[i].Scores, null);
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
