using ContrastiveRec.Training;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>The study's recommender: nearest users by the cosine of their learned embeddings.</summary>
public sealed class EncoderRecommender : NeighborRecommender
{
    private RecommendationScope? _study;

    public EncoderRecommender(TrainedEncoder model)
        : base(ModelRatings.Of(model))
    {
        Model = model;
        if (!RatingSet.Users.SameIds(model.Users))
            throw new ArgumentException("The model's users are not those of its RatingSet.", nameof(model));
        DefaultScope = new RecommendationScope { LikeThreshold = model.LikeThreshold };
        _users = new Lazy<UnitRows>(() => UnitRows.OfUsers(model), LazyThreadSafetyMode.PublicationOnly);
    }

    public TrainedEncoder Model { get; }
    /// <summary>The model's name (<see cref="TrainedEncoder.Name"/>).</summary>
    public override string Name => Model.Name;

    /// <summary>Liked at the strategy's threshold, every movie a candidate.</summary>
    public override RecommendationScope DefaultScope { get; }

    /// <summary>The study's: liked at the strategy's threshold, only movies its filter kept.</summary>
    public override RecommendationScope StudyScope =>
        _study ??= new RecommendationScope { LikeThreshold = Model.LikeThreshold, CandidateMovies = Model.KeptMovies() };

    // Every user's embedding at unit length, made once: a similarity block is then one product.
    private readonly Lazy<UnitRows> _users;

    private Tensor Unit() => _users.Value.Matrix;

    /// <summary>When most users are asked for, each pair's cosine is computed once (<see cref="TriangleSearch"/>): half
    /// the products of the row-by-row search.</summary>
    internal override (int[] Users, float[] Similarities)[] Neighbors(int[] users, int count, Action<double>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var n = RatingSet.UserCount;
        var k = Math.Min(count, Math.Max(0, n - 1));
        if (!TriangleSearch.Pays(users.Length, n, k)) return base.Neighbors(users, count, progress, ct);
        var all = Unit();
        using var block = new ProductBlock(TriangleSearch.BlockCapacity(n, SimilarityBlockFloats));
        var lists = TriangleSearch.Search(n, k, SimilarityBlockFloats, (first, rows, width) =>
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            return NativeTensor.Elements<float>(block.Product(all.narrow(0, first, rows), all.narrow(0, first, width).t()));
        }, progress, ct);
        var result = new (int[], float[])[users.Length];
        for (var i = 0; i < users.Length; i++) result[i] = lists.Of(users[i]);
        return result;
    }

    private protected override Tensor Similarities(long[] users, ProductBlock block)
    {
        var all = Unit();
        return block.Product(all.index_select(0, tensor(users)), all.t());
    }
}
