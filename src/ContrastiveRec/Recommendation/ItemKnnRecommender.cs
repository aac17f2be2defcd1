using ContrastiveRec.Data;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

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

    public string Name => RecommenderRegistry.Baseline(BaselineKind.ItemKnn).Name;
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
