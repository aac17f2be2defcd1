namespace ContrastiveRec.Recommendation;

/// <summary>What a baseline may be tuned with when built from the <see cref="RecommenderRegistry"/>; each kind reads only its own.
/// The core validates the values when the baseline is built.</summary>
public sealed record BaselineSettings
{
    /// <summary>Every setting at its default.</summary>
    public static BaselineSettings Default { get; } = new();

    /// <summary>EASE's L2 regularisation of the item-item weights.</summary>
    public double EaseLambda { get; init; } = EaseRecommender.DefaultLambda;

    /// <summary>EASE keeps only movies with at least this many train ratings (for catalogues too large for a dense matrix).</summary>
    public int EaseMinMovieRatings { get; init; } = EaseRecommender.DefaultMinMovieRatings;
}
