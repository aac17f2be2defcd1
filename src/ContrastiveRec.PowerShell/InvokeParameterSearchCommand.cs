using System.Collections;
using System.Globalization;
using System.Management.Automation;
using ContrastiveRec.Data;
using ContrastiveRec.Experiments;
using ContrastiveRec.Pairs;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>Tries settings of a baseline or of encoder training on a validation part carved from a RatingSet's train
/// part, and emits the trials best first (ParameterSearch in the core does the work).</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ParameterSearch", DefaultParameterSetName = BaselineSet)]
[OutputType(typeof(SearchTrial))]
public sealed class InvokeParameterSearchCommand : ContrastiveRecCmdlet
{
    private const string BaselineSet = "Baseline", EncoderSet = "Encoder";

    /// <summary>Where the finished trials of the last search are kept, best first, also when Ctrl+C stopped it
    /// (PowerShell takes no output after Ctrl+C).</summary>
    public const string TrialsVariable = "LastParameterSearch";

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public RatingSet InputObject { get; set; } = null!;

    /// <summary>Setting names (as the building cmdlet's parameters) and the values to try.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public Hashtable Space { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = BaselineSet)]
    public BaselineKind Baseline { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = EncoderSet)]
    public TrainingObjective Objective { get; set; }

    [Parameter(ParameterSetName = EncoderSet)]
    [CoreDefault(typeof(TrainingOptions), nameof(TrainingOptions.Encoder))]
    public EncoderKind Encoder { get; set; } = new TrainingOptions().Encoder;

    [Parameter(ParameterSetName = EncoderSet)]
    [PairStrategyTransformation]
    [ArgumentCompleter(typeof(PairStrategyPresetCompleter))]
    [CoreDefault(typeof(PairStrategy), nameof(PairStrategy.Preset))]
    public PairStrategy Strategy { get; set; } = new();

    [Parameter]
    [CoreDefault(typeof(SearchOptions), nameof(SearchOptions.Method))]
    public SearchMethod? Method { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Trials { get; set; }

    [Parameter]
    [CoreDefault(typeof(SearchOptions), nameof(SearchOptions.Seed))]
    public int? Seed { get; set; }

    [Parameter]
    public TimeSpan? TimeBudget { get; set; }

    [Parameter]
    [ValidateSet(nameof(RankingMetric.Recall), nameof(RankingMetric.PooledRecall), nameof(RankingMetric.Ndcg), nameof(RankingMetric.HitRate),
        nameof(RankingMetric.Precision), nameof(RankingMetric.Map), nameof(RankingMetric.Mrr))]
    [CoreDefault(typeof(SearchOptions), nameof(SearchOptions.Metric))]
    public RankingMetric? Metric { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    [CoreDefault(typeof(SearchOptions), nameof(SearchOptions.K))]
    public int? K { get; set; }

    [Parameter]
    [ValidateRange(0.01, 0.99)]
    [CoreDefault(typeof(SearchOptions), nameof(SearchOptions.ValidationFraction))]
    public double? ValidationFraction { get; set; }

    protected override void ProcessRecord()
    {
        var defaults = new SearchOptions();
        var options = defaults with
        {
            Method = Method ?? defaults.Method,
            Trials = Trials,
            Seed = Seed ?? defaults.Seed,
            TimeBudget = TimeBudget,
            Metric = Metric ?? defaults.Metric,
            K = K ?? defaults.K,
            ValidationFraction = ValidationFraction ?? defaults.ValidationFraction,
        };
        var model = ParameterSetName == BaselineSet
            ? SearchModel.ForBaseline(Baseline)
            : SearchModel.ForTraining(Run(() => TrainingOptions.Defaults(Objective, Encoder)), Strategy);
        // PowerShell wraps values in PSObjects (a range 1..5 gives wrapped ints); the core reads plain values.
        var entries = Space.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object?>($"{e.Key}", Unwrap(e.Value))).ToArray();
        var space = Run(() => SearchSpace.Parse(entries, model, options.Method));

        var progress = new ProgressRecord(4, $"Invoke-ParameterSearch ({model})", "Carving the validation part");
        TryWriteProgress(progress);
        void Report(SearchProgress p)
        {
            progress.StatusDescription = string.Create(CultureInfo.InvariantCulture,
                $"Trial {p.Trial}/{p.Trials} ({p.Setting}): {p.Stage}{(p.Best is { } best ? $"; best {options.Metric}@{options.K} {best:0.0000}" : "")}");
            progress.PercentComplete = (int)(100 * p.Fraction);
            progress.SecondsRemaining = SecondsLeft(p.Remaining);
            TryWriteProgress(progress);
        }

        var result = Run(() => ParameterSearch.Run(InputObject, model, space, options, Report, Cancellation), InputObject);
        // Kept before anything is written: after Ctrl+C the pipeline takes no output, and the variable is how the finished
        // trials reach the user.
        SessionState.PSVariable.Set(TrialsVariable, result.Trials.ToArray());
        if (result.Stop == SearchStop.Cancelled)
        {
            Host.UI.WriteWarningLine(string.Create(CultureInfo.InvariantCulture,
                $"The search was stopped after {result.Trials.Count} of {result.Planned} trials; ${TrialsVariable} holds them, best first."));
            throw new PipelineStoppedException();
        }
        CompleteProgress(progress);
        if (result.Stop == SearchStop.TimeBudget)
            WriteWarning(string.Create(CultureInfo.InvariantCulture,
                $"The time budget ran out after {result.Trials.Count} of {result.Planned} trials; these are the finished ones."));
        if (result.Best is { } top) WriteVerbose($"Best: {top.Parameters}, validation {top.Metric}@{top.K} {top.Value:0.0000}.");
        foreach (var trial in result.Trials) WriteObject(trial);
    }

    private static object? Unwrap(object? value) => value switch
    {
        PSObject wrapped => Unwrap(wrapped.BaseObject),
        IDictionary range => range.Cast<DictionaryEntry>().ToDictionary(e => $"{e.Key}", e => Unwrap(e.Value), StringComparer.OrdinalIgnoreCase) is var d ? (IDictionary)d : null,
        IEnumerable many and not string => many.Cast<object?>().Select(Unwrap).ToArray(),
        _ => value,
    };
}
