using ContrastiveRec.Pairs;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;

namespace ContrastiveRec.Experiments;

/// <summary>What a <see cref="ParameterSearch"/> tunes: a baseline of the registry, or an encoder trained from
/// options (its objective and encoder's defaults, or options given) with a pair strategy.</summary>
public sealed class SearchModel
{
    private SearchModel(BaselineKind? baseline, BaselineSettings settings, TrainingOptions? training, PairStrategy? strategy)
    {
        Baseline = baseline;
        BaselineSettings = settings;
        Training = training;
        Strategy = strategy;
        Parameters = baseline is { } kind ? SearchParameter.ForBaseline(kind) : SearchParameter.ForTraining;
    }

    /// <summary>A baseline, its settings not searched taken from <paramref name="settings"/> (else the defaults).</summary>
    public static SearchModel ForBaseline(BaselineKind kind, BaselineSettings? settings = null) =>
        new(kind, settings ?? BaselineSettings.Default, null, null);

    /// <summary>An encoder: <paramref name="options"/> hold the settings not searched (the objective's defaults when
    /// built from <see cref="TrainingOptions.Defaults"/>); <paramref name="strategy"/> defaults to Strategy 1.</summary>
    public static SearchModel ForTraining(TrainingOptions options, PairStrategy? strategy = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(null, BaselineSettings.Default, options, strategy ?? PairStrategy.FromPreset(1));
    }

    public BaselineKind? Baseline { get; }
    public BaselineSettings BaselineSettings { get; }
    public TrainingOptions? Training { get; }
    public PairStrategy? Strategy { get; }

    /// <summary>The settings a space may name for this model.</summary>
    public IReadOnlyList<SearchParameter> Parameters { get; }

    public override string ToString() => Baseline is { } kind
        ? RecommenderRegistry.Baseline(kind).Name
        : $"{Training!.Objective} training ({Training.Encoder} encoder)";
}
