using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;

namespace ContrastiveRec.Experiments;

/// <summary>
/// A setting <see cref="ParameterSearch"/> may vary, named as the cmdlet parameter it is given to (so a trial's settings
/// splat into New-BaselineRecommender, Invoke-EncoderTraining, or Measure-RecallAtK for a neighbour count), with the
/// kind of value it takes and where it goes.
/// </summary>
public sealed class SearchParameter
{
    private readonly Func<double, bool> _valid;

    private SearchParameter(string name, bool whole, bool logScale, string takes, Func<double, bool> valid,
        Func<BaselineSettings, object, BaselineSettings>? baseline = null, Func<TrainingOptions, object, TrainingOptions>? training = null,
        bool evaluation = false, bool flag = false)
    {
        Name = name;
        IsWhole = whole;
        IsFlag = flag;
        LogScale = logScale;
        Takes = takes;
        _valid = valid;
        ApplyToBaseline = baseline;
        ApplyToTraining = training;
        IsEvaluationSetting = evaluation;
    }

    /// <summary>The cmdlet parameter's name: the key of a search space and of a trial's settings.</summary>
    public string Name { get; }

    /// <summary>It takes whole numbers (a range draws whole numbers).</summary>
    public bool IsWhole { get; }

    /// <summary>It takes $true or $false (a switch of the cmdlet).</summary>
    public bool IsFlag { get; }

    /// <summary>Ranges of it are drawn on a log scale unless the range says otherwise (rates, regularisation).</summary>
    public bool LogScale { get; }

    /// <summary>What it takes, completing "takes ..." in a refusal: "a positive number".</summary>
    public string Takes { get; }

    internal Func<BaselineSettings, object, BaselineSettings>? ApplyToBaseline { get; }
    internal Func<TrainingOptions, object, TrainingOptions>? ApplyToTraining { get; }

    /// <summary>A setting of the evaluation, not of the build: UserKnn's neighbours (Measure-RecallAtK -Neighbors).</summary>
    public bool IsEvaluationSetting { get; }

    /// <summary>The value as this parameter holds it (int, double or bool), or null when it is of the wrong type or out of range.</summary>
    internal object? Convert(object? value)
    {
        if (IsFlag) return value is bool b ? b : null;
        double x;
        switch (value)
        {
            case int or long or short or byte or sbyte or ushort or uint or ulong or float or double or decimal:
                x = System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                break;
            default:
                return null;
        }
        if (!double.IsFinite(x) || !_valid(x)) return null;
        if (!IsWhole) return x;
        return x == Math.Floor(x) && x <= int.MaxValue && x >= int.MinValue ? (int)x : null;
    }

    private static SearchParameter Train(string name, bool whole, bool log, string takes, Func<double, bool> valid, Func<TrainingOptions, object, TrainingOptions> apply) =>
        new(name, whole, log, takes, valid, training: apply);

    private static readonly Func<double, bool> Positive = x => x > 0;
    private static readonly Func<double, bool> NonNegative = x => x >= 0;

    /// <summary>The settings of a baseline kind that a search may vary (none for MostPopular).</summary>
    public static IReadOnlyList<SearchParameter> ForBaseline(BaselineKind kind) => kind switch
    {
        BaselineKind.Ease =>
        [
            new("Lambda", false, true, "a positive number", Positive, baseline: (s, v) => s with { EaseLambda = (double)v }),
            new("MinMovieRatings", true, false, "a whole number, 0 or more", NonNegative, baseline: (s, v) => s with { EaseMinMovieRatings = (int)v }),
        ],
        BaselineKind.ItemKnn => [new("ItemNeighbors", true, true, "a whole number, 1 or more", Positive, baseline: (s, v) => s with { ItemKnnNeighbors = (int)v })],
        BaselineKind.UserKnn => [new("Neighbors", true, false, "a whole number, 1 or more", Positive, evaluation: true)],
        _ => [],
    };

    /// <summary>The training settings a search may vary, named as Invoke-EncoderTraining's parameters; which of them an
    /// objective and encoder use is for training to say, as it does when they are given to Invoke-EncoderTraining.</summary>
    public static IReadOnlyList<SearchParameter> ForTraining { get; } =
    [
        Train("Epochs", true, false, "a whole number, 1 or more", Positive, (o, v) => o with { Epochs = (int)v }),
        Train("BatchSize", true, true, "a whole number, 1 or more", Positive, (o, v) => o with { BatchSize = (int)v }),
        Train("LearningRate", false, true, "a positive number", Positive, (o, v) => o with { LearningRate = (double)v }),
        Train("Margin", false, false, "a number, 0 or more", NonNegative, (o, v) => o with { Margin = (double)v }),
        Train("EmbeddingSize", true, true, "a whole number, 1 or more", Positive, (o, v) => o with { InputDim = (int)v }),
        Train("HiddenSize", true, true, "a whole number, 1 or more", Positive, (o, v) => o with { HiddenDim = (int)v }),
        Train("LatentSize", true, true, "a whole number, 1 or more", Positive, (o, v) => o with { LatentDim = (int)v }),
        Train("Temperature", false, true, "a positive number", Positive, (o, v) => o with { Temperature = (double)v }),
        Train("PairWeight", false, false, "a number, 0 or more", NonNegative, (o, v) => o with { PairWeight = (double)v }),
        Train("WeightDecay", false, false, "a number, 0 or more", NonNegative, (o, v) => o with { WeightDecay = (double)v }),
        Train("InputDropout", false, false, "a number from 0 to below 1", x => x >= 0 && x < 1, (o, v) => o with { InputDropout = (double)v }),
        Train("DislikedWeight", false, false, "a number, 0 or more", NonNegative, (o, v) => o with { DislikedWeight = (double)v }),
        Train("Layers", true, false, "a whole number from 0 to 8", x => x is >= 0 and <= 8, (o, v) => o with { Layers = (int)v }),
        Train("ContrastWeight", false, false, "a number, 0 or more", NonNegative, (o, v) => o with { ContrastWeight = (double)v }),
        Train("NoiseScale", false, false, "a number, 0 or more", NonNegative, (o, v) => o with { NoiseScale = (double)v }),
        Train("InitStd", false, true, "a positive number", Positive, (o, v) => o with { InitStd = (double)v }),
        new("CountWeighting", false, false, "$true or $false", _ => true, training: (o, v) => o with { CountWeighting = (bool)v }, flag: true),
    ];

    public override string ToString() => Name;
}
