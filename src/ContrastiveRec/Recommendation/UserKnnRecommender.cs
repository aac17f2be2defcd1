using ContrastiveRec.Data;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>The study's neighbour recommender over users' raw train rating vectors (cosine), instead of learned embeddings.</summary>
public sealed class UserKnnRecommender : NeighborRecommender
{
    private readonly TrainMatrix _ratings;

    public UserKnnRecommender(RatingSet set) : base(set) => _ratings = TrainMatrix.Build(set, normalizeUsers: true);

    public override string Name => RecommenderRegistry.Baseline(BaselineKind.UserKnn).Name;
    public override RecommendationScope DefaultScope => RecommendationScope.Full;
    public override RecommendationScope? StudyScope => null;

    protected override Tensor Similarities(long[] users)
    {
        // [users x movies] sparse times the chosen users' vectors as dense columns [movies x n]: nnz x n work.
        var all = _ratings.Sparse(transpose: false);
        return all.mm(_ratings.DenseColumns(users)).t();
    }
}
