using ContrastiveRec.Data;
using ContrastiveRec.Training;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// Every recommender the module builds, in one place: the baselines by kind (New-BaselineRecommender, the comparison and
/// the newcomer path read them from here) and the recommender a trained encoder gets. Adding a baseline is one
/// <see cref="BaselineKind"/> value, one entry below, and its own recommender file.
/// </summary>
public static class RecommenderRegistry
{
    /// <summary>The baselines in the order the comparison lists them.</summary>
    public static IReadOnlyList<BaselineEntry> Baselines { get; } = new[]
    {
        BaselineEntry.Of(BaselineKind.MostPopular, "MostPopular",
            "Movies by number of train likes (at the set's relevance threshold, 3.5 on MovieLens), the same list for everyone.",
            inStudy: true, (set, _, _, _) => new MostPopularRecommender(set)),
        BaselineEntry.Of(BaselineKind.UserKnn, "UserKnn",
            "The encoder's neighbour recommender over users' raw train rating vectors (cosine).",
            inStudy: true, (set, _, _, _) => new UserKnnRecommender(set)),
        BaselineEntry.Of(BaselineKind.ItemKnn, "ItemKnn",
            "Unseen movies by the sum of their cosine similarities (over users' raw ratings) to the user's liked train movies (each movie's nearest on large catalogues).",
            inStudy: true, (set, settings, progress, ct) => new ItemKnnRecommender(set, settings.ItemKnnNeighbors, progress, ct)),
        BaselineEntry.Of(BaselineKind.Ease, "EASE",
            "EASE^R (Steck 2019): the closed-form item-item model over all train ratings as implicit feedback; folds in newcomers.",
            inStudy: false, (set, settings, progress, ct) => new EaseRecommender(set, settings.EaseLambda, settings.EaseMinMovieRatings, progress: progress, ct: ct)),
    };

    /// <exception cref="ArgumentOutOfRangeException">No baseline of that kind.</exception>
    public static BaselineEntry Baseline(BaselineKind kind) =>
        Baselines.FirstOrDefault(e => e.Kind == kind)
        ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Kind must be one of {string.Join(", ", Baselines.Select(e => e.Kind))}.");

    /// <summary>Builds a baseline on a RatingSet's train part (see <see cref="BaselineEntry.Build"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="BaselineTooLargeException">Its matrices would not fit the memory budget or the memory available.</exception>
    /// <exception cref="ArgumentException">The name is empty, too long or has control characters.</exception>
    public static BaselineRecommender Build(BaselineKind kind, RatingSet set, BaselineSettings? settings = null,
        Action<BaselineBuildProgress>? progress = null, CancellationToken ct = default, string? name = null) =>
        NativeBoundary.Guard($"building the {kind} baseline", () => Baseline(kind).Build(set, settings, progress, ct, name));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TrainedEncoder, IRecommender> ForEncoders = new();

    /// <summary>A trained encoder's own recommender: nearest users for the UserUser objective, movie scores for UserMovie.</summary>
    /// <exception cref="ContrastiveRecException">ModelWithoutRatings: the model has no ratings to recommend from.</exception>
    public static IRecommender ForEncoder(TrainedEncoder model)
    {
        ArgumentNullException.ThrowIfNull(model);
        // One per model: each cmdlet call passes the encoder again, and its recommender's likes and unit embeddings
        // take seconds to make on a large set.
        lock (ForEncoders)
        {
            if (ForEncoders.TryGetValue(model, out var known)) return known;
            IRecommender made = model.Movies is null ? new EncoderRecommender(model) : new UserMovieRecommender(model);
            ForEncoders.Add(model, made);
            return made;
        }
    }
}
