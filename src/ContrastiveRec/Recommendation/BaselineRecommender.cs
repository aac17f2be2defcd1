using TorchSharp;
using System.Diagnostics;
using ContrastiveRec.Data;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

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
