using ContrastiveRec.Evaluation;
using ContrastiveRec.Pairs;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;

namespace ContrastiveRec.Experiments;

/// <summary>The models of the comparison, in the table's order: the one list the runner, the cmdlet's progress, the
/// tables, the report and the help read. A new row of the comparison is one entry here.</summary>
public static class ComparisonModels
{
    private static readonly EvaluationProtocol[] StudyAndFull = [EvaluationProtocol.Study, EvaluationProtocol.Full];
    private static readonly EvaluationProtocol[] FullOnly = [EvaluationProtocol.Full];

    public static IReadOnlyList<ComparisonModel> For(ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ComparisonModel[] all =
        [
            .. Enumerable.Range(1, 4).Select(Strategy),
            .. RecommenderRegistry.Baselines.Select(Baseline),
            UserMovie("UserMovie (Id)", TrainingOptions.UserMovieDefaults(EncoderKind.Id), options),
            UserMovie("UserMovie (Id) + Strategy 1 pairs", TrainingOptions.UserMovieDefaults(EncoderKind.Id) with { PairWeight = options.PairWeight }, options) with { NeedsExplicitRatings = options.PairWeight > 0 },
            UserMovie("UserMovie (Profile)", TrainingOptions.UserMovieDefaults(EncoderKind.Profile), options),
            UserMovie("UserMovie (Graph)", TrainingOptions.UserMovieDefaults(EncoderKind.Graph) with { ContrastWeight = 0 }, options),
            UserMovie("UserMovie (Graph) + contrastive term", TrainingOptions.UserMovieDefaults(EncoderKind.Graph) with { ContrastWeight = options.ContrastWeight }, options),
        ];
        return all.Where(m => options.BeyondStudy || m.InStudy).ToArray();
    }

    /// <summary>The models' names as a sentence ("A, B and C"), for the report and the help.</summary>
    public static string Names(IEnumerable<ComparisonModel> models)
    {
        var names = models.Select(m => m.Name).ToList();
        return names.Count < 2 ? string.Concat(names) : string.Join(", ", names.SkipLast(1)) + " and " + names[^1];
    }

    /// <summary>The study's pair strategy <paramref name="preset"/>, trained once with the study's options.</summary>
    private static ComparisonModel Strategy(int preset) => new($"Strategy {preset}", true, StudyAndFull, 1, (set, options, _, progress, ct) =>
    {
        var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(preset), options, progress, ct);
        return Owning(model, m => new BuiltModel(RecommenderRegistry.ForEncoder(m), m.MiningStatistics.TrainRowsKept, m.MiningStatistics.TestRowsKept,
            m.TrainTime, m, Drawn: true));
    }, NeedsExplicitRatings: true);

    /// <summary>A baseline of the registry, built once; the study compared with it unless the registry says otherwise.
    /// EASE, the reference every row is tested against, has its lambda chosen on validation (<see cref="BaselineTuning"/>),
    /// and its time includes that choice.</summary>
    private static ComparisonModel Baseline(BaselineEntry entry) =>
        new(entry.Name, entry.InStudy, FullOnly, 1, (set, _, _, _, ct) =>
        {
            var baseline = BaselineTuning.Build(entry.Kind, set, ct: ct);
            return new BuiltModel(baseline, set.TrainCount, set.TestCount, baseline.BuildTime + baseline.TuningTime);
        });

    /// <summary>The UserMovie objective from its validated defaults, averaged over the comparison's seeds (seed, seed + 1, ...).</summary>
    private static ComparisonModel UserMovie(string name, TrainingOptions defaults, ComparisonOptions comparison) =>
        new(name, false, FullOnly, comparison.Seeds, (set, options, run, progress, ct) =>
        {
            var o = defaults with { Seed = options.Seed + run, Epochs = comparison.UserMovieEpochs ?? defaults.Epochs };
            var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), o, progress, ct);
            // The first seed is offered to the report, which may draw it (see ComparisonModel.MapFamily).
            return Owning(model, m => new BuiltModel(RecommenderRegistry.ForEncoder(m), set.TrainCount, set.TestCount, m.TrainTime, m, Drawn: run == 0));
        })
        { MapFamily = defaults.Encoder == EncoderKind.Graph ? "Graph" : "UserMovie" };

    // The built model owns the encoder from here on; until it exists, a failure must not leak the encoder's tensors.
    private static BuiltModel Owning(TrainedEncoder model, Func<TrainedEncoder, BuiltModel> build)
    {
        try { return build(model); }
        catch { model.Dispose(); throw; }
    }
}
