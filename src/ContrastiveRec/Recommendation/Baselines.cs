using TorchSharp;
using System.Diagnostics;
using ContrastiveRec.Data;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>The baselines the encoder is compared with.</summary>
public enum BaselineKind
{
    /// <summary>Movies by number of train likes (at 3.5), the same list for everyone.</summary>
    MostPopular,

    /// <summary>The encoder's neighbour recommender over users' raw train rating vectors.</summary>
    UserKnn,

    /// <summary>Unseen movies by the sum of their cosine similarities (over users' raw ratings) to the user's liked train movies.</summary>
    ItemKnn,

    /// <summary>EASE^R (Steck 2019): the closed-form item-item model over all train ratings as implicit feedback, lambda 100.</summary>
    Ease,
}

/// <summary>A baseline built on a RatingSet's train part; recommends and is evaluated like the encoder (full protocol).</summary>
public sealed class BaselineRecommender : IRecommender
{
    private readonly IRecommender _inner;

    private BaselineRecommender(BaselineKind kind, IRecommender inner, TimeSpan buildTime)
    {
        Kind = kind;
        _inner = inner;
        BuildTime = buildTime;
    }

    public static BaselineRecommender Create(BaselineKind kind, RatingSet set, double easeLambda = 100, int easeMinMovieRatings = 1)
    {
        ArgumentNullException.ThrowIfNull(set);
        var clock = Stopwatch.StartNew();
        IRecommender inner = kind switch
        {
            BaselineKind.MostPopular => new MostPopularRecommender(set),
            BaselineKind.UserKnn => new UserKnnRecommender(set),
            BaselineKind.ItemKnn => new ItemKnnRecommender(set),
            BaselineKind.Ease => new EaseRecommender(set, easeLambda, easeMinMovieRatings),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Kind must be MostPopular, UserKnn, ItemKnn or Ease."),
        };
        return new BaselineRecommender(kind, inner, clock.Elapsed);
    }

    public BaselineKind Kind { get; }

    /// <summary>The model underneath (e.g. an <see cref="EaseRecommender"/>, which also folds in newcomers).</summary>
    public IRecommender Inner => _inner;
    public string Name => _inner.Name;
    public RatingSet RatingSet => _inner.RatingSet;

    /// <summary>Time to build the baseline's statistics (the baselines' "training").</summary>
    public TimeSpan BuildTime { get; }
    public RecommendationScope DefaultScope => RecommendationScope.Full;
    public RecommendationScope? StudyScope => null;

    public MovieRanking[] Recommend(int[] users, int count, RecommendationScope scope, bool withSuggesters = false, CancellationToken ct = default) =>
        _inner.Recommend(users, count, scope, withSuggesters, ct);

    public override string ToString() => $"{Name} baseline on {RatingSet}";
}

/// <summary>Movies ranked by how many users liked them in the train part (ties by movie id); the same order for everyone.</summary>
public sealed class MostPopularRecommender(RatingSet set) : IRecommender
{
    private readonly Dictionary<double, (int[] Order, int[] Likes)> _byThreshold = new();

    public string Name => nameof(BaselineKind.MostPopular);
    public RatingSet RatingSet { get; } = set ?? throw new ArgumentNullException(nameof(set));
    public RecommendationScope DefaultScope => RecommendationScope.Full;
    public RecommendationScope? StudyScope => null;

    /// <summary>Train likes per movie (dense index) at a threshold.</summary>
    public int[] LikeCounts(double threshold) => Popularity(threshold).Likes;

    public MovieRanking[] Recommend(int[] users, int count, RecommendationScope scope, bool withSuggesters = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(scope);
        var (order, likes) = Popularity(scope.LikeThreshold);
        var stamps = new MovieStamps(RatingSet.MovieCount);
        var result = new MovieRanking[users.Length];
        var movies = new List<int>(count);
        for (var i = 0; i < users.Length; i++)
        {
            if ((i & 255) == 0) ct.ThrowIfCancellationRequested();
            stamps.Next();
            if (!scope.IncludeRatedMovies) stamps.MarkTrainMovies(RatingSet, users[i]);
            movies.Clear();
            foreach (var m in order)
            {
                if (movies.Count == count || likes[m] == 0) break;
                if (!stamps.IsMarked(m) && scope.IsCandidate(m)) movies.Add(m);
            }
            result[i] = new MovieRanking(users[i], movies.ToArray(), movies.Select(m => (float)likes[m]).ToArray(), null);
        }
        return result;
    }

    private (int[] Order, int[] Likes) Popularity(double threshold)
    {
        lock (_byThreshold)
        {
            if (_byThreshold.TryGetValue(threshold, out var cached)) return cached;
            var likes = new int[RatingSet.MovieCount];
            var isTest = RatingSet.Split.IsTestRow;
            for (var r = 0; r < RatingSet.RatingCount; r++)
                if (!isTest[r] && RatingSet.RatingColumn[r] >= threshold) likes[RatingSet.MovieColumn[r]]++;
            var order = Enumerable.Range(0, likes.Length).OrderByDescending(m => likes[m]).ThenBy(m => m).ToArray();
            return _byThreshold[threshold] = (order, likes);
        }
    }
}

/// <summary>The study's neighbour recommender over users' raw train rating vectors (cosine), instead of learned embeddings.</summary>
public sealed class UserKnnRecommender : NeighborRecommender
{
    private readonly TrainMatrix _ratings;

    public UserKnnRecommender(RatingSet set) : base(set) => _ratings = TrainMatrix.Build(set, normalizeUsers: true);

    public override string Name => nameof(BaselineKind.UserKnn);
    public override RecommendationScope DefaultScope => RecommendationScope.Full;
    public override RecommendationScope? StudyScope => null;

    protected override Tensor Similarities(long[] users)
    {
        // [users x movies] sparse times the chosen users' vectors as dense columns [movies x n]: nnz x n work.
        var all = _ratings.Sparse(transpose: false);
        return all.mm(_ratings.DenseColumns(users)).t();
    }
}

/// <summary>
/// Item-based kNN: an unseen movie's score is the sum of its cosine similarities to the user's liked train movies,
/// with movies as vectors of raw train ratings over users. Only movies with a positive score are recommended.
/// </summary>
public sealed class ItemKnnRecommender : IRecommender
{
    private readonly TrainMatrix _ratings;
    private readonly UserLikesCache _likes;

    public ItemKnnRecommender(RatingSet set)
    {
        RatingSet = set ?? throw new ArgumentNullException(nameof(set));
        _ratings = TrainMatrix.Build(set, normalizeUsers: false);
        _likes = new UserLikesCache(set);
    }

    public string Name => nameof(BaselineKind.ItemKnn);
    public RatingSet RatingSet { get; }
    public RecommendationScope DefaultScope => RecommendationScope.Full;
    public RecommendationScope? StudyScope => null;

    public MovieRanking[] Recommend(int[] users, int count, RecommendationScope scope, bool withSuggesters = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(scope);
        var likes = _likes.For(scope.LikeThreshold);
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
            var perUser = _ratings.Sparse(transpose: false).mm(NativeTensor.From(liked, movieCount, n));   // [users x n]
            var scores = _ratings.Sparse(transpose: true).mm(perUser).t().contiguous();                         // [n x movies]

            // Never the user's own train movies, only candidates, and only movies with a positive score.
            var top = TopK.RowsExcept(scores, scope.ExcludedMovies(RatingSet, users.AsSpan(from, n)), count, floor: 0f);
            for (var i = 0; i < n; i++) result[from + i] = new MovieRanking(users[from + i], top[i].Columns, top[i].Scores, null);
        }
        return result;
    }
}

/// <summary>
/// The train ratings as a sparse users x movies matrix, rows (users) or columns (movies) scaled to unit length,
/// kept as C# arrays; tensors are made per call inside the caller's dispose scope.
/// </summary>
internal sealed class TrainMatrix
{
    public required int Users, Movies;
    public required long[] RowIndex, ColumnIndex;
    public required float[] Values;

    public static TrainMatrix Build(RatingSet set, bool normalizeUsers)
    {
        var isTest = set.Split.IsTestRow;
        var rows = new List<long>(set.TrainCount);
        var cols = new List<long>(set.TrainCount);
        var values = new List<float>(set.TrainCount);
        var norm = new double[normalizeUsers ? set.UserCount : set.MovieCount];
        for (var u = 0; u < set.UserCount; u++)
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
            {
                if (isTest[r]) continue;
                var m = set.MovieColumn[r];
                var v = set.RatingColumn[r];
                rows.Add(u);
                cols.Add(m);
                values.Add(v);
                norm[normalizeUsers ? u : m] += (double)v * v;
            }
        var scaled = values.ToArray();
        for (var i = 0; i < scaled.Length; i++)
            scaled[i] = (float)(scaled[i] / Math.Sqrt(norm[normalizeUsers ? rows[i] : cols[i]]));
        return new TrainMatrix { Users = set.UserCount, Movies = set.MovieCount, RowIndex = rows.ToArray(), ColumnIndex = cols.ToArray(), Values = scaled };
    }

    /// <summary>[users x movies], or [movies x users] when transposed, as a sparse COO tensor.</summary>
    public Tensor Sparse(bool transpose)
    {
        var n = Values.Length;
        var indices = new long[2 * n];
        Array.Copy(transpose ? ColumnIndex : RowIndex, 0, indices, 0, n);
        Array.Copy(transpose ? RowIndex : ColumnIndex, 0, indices, n, n);
        var size = transpose ? new long[] { Movies, Users } : new long[] { Users, Movies };
        return sparse_coo_tensor(tensor(indices, new long[] { 2, n }), NativeTensor.From(Values, n), size);
    }

    /// <summary>The given users' rows as dense columns: [movies x users.Length].</summary>
    public Tensor DenseColumns(long[] users)
    {
        var slot = new Dictionary<long, List<int>>();
        for (var i = 0; i < users.Length; i++)
        {
            if (!slot.TryGetValue(users[i], out var list)) slot[users[i]] = list = new List<int>();
            list.Add(i);
        }
        var dense = new float[(long)Movies * users.Length];
        for (var k = 0; k < Values.Length; k++)
            if (slot.TryGetValue(RowIndex[k], out var places))
                foreach (var i in places) dense[ColumnIndex[k] * users.Length + i] = Values[k];
        return NativeTensor.From(dense, Movies, users.Length);
    }
}
