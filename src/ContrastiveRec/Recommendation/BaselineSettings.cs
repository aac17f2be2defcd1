namespace ContrastiveRec.Recommendation;

/// <summary>What a baseline may be tuned with when built from the <see cref="RecommenderRegistry"/>; each kind reads only its own.
/// The core validates the values when the baseline is built.</summary>
public sealed record BaselineSettings
{
    /// <summary>Every setting at its default.</summary>
    public static BaselineSettings Default { get; } = new();

    /// <summary>EASE's L2 regularisation of the item-item weights.</summary>
    public double EaseLambda { get; init; } = EaseRecommender.DefaultLambda;

    /// <summary>EASE keeps only movies with at least this many train ratings; above its memory budget it keeps, of those,
    /// the most-rated movies that fit.</summary>
    public int EaseMinMovieRatings { get; init; } = EaseRecommender.DefaultMinMovieRatings;

    /// <summary>ItemKnn's most similar movies kept per movie; null: all of them when they fit
    /// <see cref="ItemKnnRecommender.AllNeighborsBudget"/>, else <see cref="ItemKnnRecommender.DefaultNeighbors"/>.</summary>
    public int? ItemKnnNeighbors { get; init; }

    /// <summary>Bytes the item-item matrices of EASE and ItemKnn may take: 4 GiB.</summary>
    public const long DefaultMemoryBudget = 4L << 30;

    /// <summary>The refusal of a setting out of range, named as New-BaselineRecommender's parameter; <paramref name="give"/>
    /// completes "Give New-BaselineRecommender ...".</summary>
    internal static ContrastiveRecException Invalid(string problem, string give, object? value) =>
        new("InvalidBaselineSetting", RefusalCategory.InvalidArgument, problem, $"Give New-BaselineRecommender {give}.", value);
}
