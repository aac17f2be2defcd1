using ContrastiveRec.Data;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// A recommender that scores every movie for a user (EASE, a UserMovie encoder): the user's train movies and the
/// scope's non-candidates are masked, and the top of each row is taken with one batched top-k.
/// </summary>
public abstract class MovieScoringRecommender : IRecommender
{
    private const int UsersPerBlock = 1024; // bounds the score block at 1024 x movies floats

    protected MovieScoringRecommender(RatingSet set)
    {
        RatingSet = set ?? throw new ArgumentNullException(nameof(set));
        DefaultScope = RecommendationScope.For(set);
    }

    public abstract string Name { get; }
    public RatingSet RatingSet { get; }
    public RecommendationScope DefaultScope { get; }
    public virtual RecommendationScope? StudyScope => null;

    /// <summary>Scores [users.Length, movies] of the given dense users, written into the first rows of
    /// <paramref name="block"/> and returned as those rows.</summary>
    private protected abstract Tensor Scores(int[] users, ProductBlock block);

    public virtual MovieRanking[] Recommend(int[] users, int count, RecommendationScope scope, bool withSuggesters = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(scope);
        var result = new MovieRanking[users.Length];
        if (users.Length == 0) return result;
        using var buffer = new ProductBlock(Math.Min(UsersPerBlock, users.Length), RatingSet.MovieCount);
        for (var from = 0; from < users.Length; from += UsersPerBlock)
        {
            ct.ThrowIfCancellationRequested();
            var block = users.AsSpan(from, Math.Min(UsersPerBlock, users.Length - from)).ToArray();
            using var disposeScope = NewDisposeScope();
            using var _ = no_grad();
            TopOf(Scores(block, buffer), block, count, scope).CopyTo(result, from);
        }
        return result;
    }

    private MovieRanking[] TopOf(Tensor scores, int[] users, int count, RecommendationScope scope)
    {
        // Masked in place (-inf), then the shared selection: ties by movie index, masked or unscored movies never listed.
        var at = NativeTensor.Elements<float>(scores);
        var movies = RatingSet.MovieCount;
        for (var i = 0; i < users.Length; i++)
            scope.Mark(RatingSet, users[i], NativeTensor.Span<float>(at, (long)i * movies, movies), float.NegativeInfinity);
        var top = TopK.Rows(scores, count, float.NegativeInfinity);
        var result = new MovieRanking[users.Length];
        for (var i = 0; i < users.Length; i++) result[i] = new MovieRanking(users[i], top[i].Columns, top[i].Scores, null);
        return result;
    }
}
