using ContrastiveRec.Data;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// A baseline built from the <see cref="RecommenderRegistry"/> on a RatingSet's train part: one type for every kind, so
/// PowerShell shows each the same way, with its kind and build time; it recommends and is evaluated like the encoder.
/// </summary>
public sealed class BaselineRecommender : IRecommender
{
    internal BaselineRecommender(BaselineEntry entry, IRecommender inner, TimeSpan buildTime, string? name = null)
    {
        Entry = entry;
        Inner = inner;
        BuildTime = buildTime;
        Name = name ?? inner.Name;
    }

    /// <summary>The registry's entry it was built from.</summary>
    public BaselineEntry Entry { get; }
    public BaselineKind Kind => Entry.Kind;

    /// <summary>The model underneath (e.g. an <see cref="EaseRecommender"/>, which also folds in newcomers).</summary>
    public IRecommender Inner { get; }
    /// <summary>Its name in results and tables: given when built, else the registry's ("EASE", "UserKnn").</summary>
    public string Name { get; }
    public RatingSet RatingSet => Inner.RatingSet;

    /// <summary>Time to build the baseline's statistics (the baselines' "training").</summary>
    public TimeSpan BuildTime { get; }

    /// <summary>Its key settings as the views show them: EASE's lambda and kept movies, ItemKnn's neighbours, ...; and,
    /// when a setting was chosen on validation, how ("lambda chosen on validation recall@20 over 50..1600").</summary>
    public string Settings => Choice is null ? Description.Settings : $"{Description.Settings}; {Choice}";

    /// <summary>How a setting the user did not give was chosen on a validation part, or null when none was.</summary>
    public string? Choice { get; private init; }

    /// <summary>The choice in full: each value tried and what it scored (New-BaselineRecommender -Verbose).</summary>
    public string? ChoiceDetail { get; private init; }

    /// <summary>Time spent choosing settings on validation before the build (zero when none were chosen).</summary>
    public TimeSpan TuningTime { get; private init; }

    internal BaselineRecommender WithChoice(string choice, string detail, TimeSpan tuningTime) =>
        new(Entry, Inner, BuildTime, Name) { Choice = choice, ChoiceDetail = detail, TuningTime = tuningTime };

    /// <summary>What the build made of the data and how long it took, in a sentence (New-BaselineRecommender -Verbose).</summary>
    public string Summary => FormattableString.Invariant(
        $"{Description.Built}; built in {(BuildTime.TotalSeconds < 1 ? $"{BuildTime.TotalMilliseconds:N0} ms" : $"{BuildTime.TotalSeconds:0.0} s")}.");

    // The registry builds only baselines that describe themselves (BaselineEntry.Of).
    private IDescribesItself Description => (IDescribesItself)Inner;

    public RecommendationScope DefaultScope => Inner.DefaultScope;
    public RecommendationScope? StudyScope => Inner.StudyScope;

    public MovieRanking[] Recommend(int[] users, int count, RecommendationScope scope, bool withSuggesters = false, CancellationToken ct = default) =>
        Inner.Recommend(users, count, scope, withSuggesters, ct);

    public override string ToString() => $"{Name} baseline on {RatingSet}";
}
