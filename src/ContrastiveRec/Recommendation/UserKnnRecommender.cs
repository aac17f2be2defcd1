using ContrastiveRec.Data;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>The study's neighbour recommender over users' raw train rating vectors (cosine), instead of learned embeddings.</summary>
public sealed class UserKnnRecommender : NeighborRecommender, IDescribesItself
{
    private readonly UserCosine _cosine;

    public UserKnnRecommender(RatingSet set) : base(set)
    {
        _cosine = UserCosine.Build(set);
        DefaultScope = RecommendationScope.For(set);
        PrepareLikes(DefaultScope.LikeThreshold); // so that one user's recommendations build nothing
    }

    public override string Name => RecommenderRegistry.Baseline(BaselineKind.UserKnn).Name;
    public override RecommendationScope DefaultScope { get; }
    public override RecommendationScope? StudyScope => null;

    public string Settings => FormattableString.Invariant($"{DefaultScope.Neighbors} neighbours, cosine");

    public string Built => FormattableString.Invariant(
        $"UserKnn finds each user's {DefaultScope.Neighbors} nearest of {RatingSet.UserCount:N0} users by the cosine of their raw train ratings");

    // Exact cosines from the inverted index: each pair once when (nearly) all users are asked for, else row by row.
    internal override (int[] Users, float[] Similarities)[] Neighbors(int[] users, int count, Action<double>? progress, CancellationToken ct) =>
        _cosine.Neighbors(users, count, progress, ct);

    private protected override Tensor Similarities(long[] users, ProductBlock block)
    {
        var n = RatingSet.UserCount;
        var rows = block.Rows(users.Length);
        var at = NativeTensor.Elements<float>(rows);
        for (var i = 0; i < users.Length; i++) _cosine.Row((int)users[i]).CopyTo(NativeTensor.Span<float>(at, i * (long)n, n));
        return rows;
    }
}
