using System.Diagnostics;
using System.Globalization;
using ContrastiveRec.Data;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.Experiments;

/// <summary>
/// Fair baselines: a baseline's key setting, when the user does not give it, chosen by <see cref="ParameterSearch"/>
/// over a default grid on a validation part of the train ratings (never the test part), then the baseline built on the
/// whole train part with the chosen value. EASE's lambda: 50 to 1,600, doubling (the range in which the best lambda of
/// every real set measured so far lay: 100 on ml-latest-small, 200 and 400 on two larger ones).
/// </summary>
public static class BaselineTuning
{
    /// <summary>EASE's lambdas tried when none is given.</summary>
    public static IReadOnlyList<double> EaseLambdas { get; } = [50, 100, 200, 400, 800, 1600];

    /// <summary>The grid a kind's unspecified setting is chosen from, or null when the kind has none to choose.</summary>
    public static IReadOnlyDictionary<string, object?>? DefaultSpace(BaselineKind kind) => kind switch
    {
        BaselineKind.Ease => new Dictionary<string, object?> { ["Lambda"] = EaseLambdas.Cast<object>().ToArray() },
        _ => null,
    };

    /// <summary>Builds <paramref name="kind"/> on <paramref name="set"/>'s train part, first choosing on validation each
    /// setting of its default grid that is not among <paramref name="given"/> (New-BaselineRecommender's parameter
    /// names); with nothing left to choose it is the registry's build.</summary>
    public static BaselineRecommender Build(BaselineKind kind, RatingSet set, BaselineSettings? settings = null, IReadOnlyCollection<string>? given = null,
        Action<BaselineBuildProgress>? progress = null, CancellationToken ct = default, string? name = null, SearchOptions? search = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        settings ??= BaselineSettings.Default;
        var space = DefaultSpace(kind)?.Where(p => given?.Contains(p.Key, StringComparer.OrdinalIgnoreCase) != true).ToArray();
        if (space is null || space.Length == 0) return RecommenderRegistry.Build(kind, set, settings, progress, ct, name);

        var clock = Stopwatch.StartNew();
        search ??= new SearchOptions();
        var model = SearchModel.ForBaseline(kind, settings);
        const double searchShare = 0.8; // of the progress bar: several builds on a slightly smaller part, then one
        var result = ParameterSearch.Run(set, model, SearchSpace.Parse(space, model, SearchMethod.Grid), search,
            p => progress?.Invoke(new BaselineBuildProgress($"Choosing {p.Setting} on validation ({p.Trial}/{p.Trials}): {p.Stage}", searchShare * p.Fraction, clock.Elapsed)), ct);
        if (result.Stop == SearchStop.Cancelled || result.Best is null) throw new OperationCanceledException(ct);
        var chosen = settings;
        foreach (var parameter in model.Parameters)
            if (result.Best.Parameters[parameter.Name] is { } value) chosen = parameter.ApplyToBaseline!(chosen, value);
        var tuning = clock.Elapsed;
        var baseline = RecommenderRegistry.Build(kind, set, chosen,
            p => progress?.Invoke(p with { Fraction = searchShare + (1 - searchShare) * p.Fraction, Elapsed = clock.Elapsed }), ct, name);
        return baseline.WithChoice(Choice(result, space), Detail(result, space, search), tuning);
    }

    // "lambda chosen on validation recall@20 over 50..1600"
    private static string Choice(SearchResult result, KeyValuePair<string, object?>[] space) => string.Create(CultureInfo.InvariantCulture,
        $"{string.Join(" and ", space.Select(p => p.Key.ToLowerInvariant()))} chosen on validation {Metric(result.Best!)} over {string.Join("; ", space.Select(Range))}");

    private static string Detail(SearchResult result, KeyValuePair<string, object?>[] space, SearchOptions search)
    {
        var best = result.Best!;
        var tried = string.Join(", ", result.Trials.OrderBy(t => t.Trial).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Parameters} {t.Value:0.0000}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{best.Parameters} was chosen on a validation part ({search.ValidationFraction:P0} of each user's train ratings, seed {search.Seed}): validation {Metric(best)} {best.Value:0.0000}, the best of {tried}.");
    }

    private static string Metric(SearchTrial trial) => $"{trial.Metric.ToString().ToLowerInvariant()}@{trial.K}";

    private static string Range(KeyValuePair<string, object?> p) =>
        p.Value is object[] { Length: > 0 } values ? $"{SearchSpace.Text(values[0])}..{SearchSpace.Text(values[^1])}" : "";
}
