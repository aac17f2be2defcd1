using System.Diagnostics;
using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;

namespace ContrastiveRec.Experiments;

/// <summary>The study's experiment: every model of <see cref="ComparisonModels"/> trained on one split, evaluated alike.</summary>
public static class StrategyComparison
{
    /// <summary>The cut-offs every model is measured at.</summary>
    public static IReadOnlyList<int> Cutoffs => RankingEvaluator.DefaultCutoffs;

    /// <summary>Trains and evaluates each model in turn, yielding its row as soon as it is done (<see cref="ComparisonRun"/>
    /// adds the figures and files).</summary>
    /// <param name="neighbors">Nearest users of the neighbour recommenders; null: the comparison's <see cref="ComparisonOptions.Neighbors"/>.</param>
    /// <param name="onModel">Sees each trained strategy before it is disposed (e.g. to draw its users).</param>
    public static IEnumerable<ComparisonRow> Run(RatingSet set, TrainingOptions options, int? neighbors = null,
        Action<ComparisonProgress>? progress = null, CancellationToken ct = default, Action<string, TrainedEncoder>? onModel = null,
        ComparisonOptions? comparison = null) =>
        NativeBoundary.Guard("running the comparison", Rows(set, options, neighbors, progress, ct, onModel, comparison));

    private static IEnumerable<ComparisonRow> Rows(RatingSet set, TrainingOptions options, int? neighbors,
        Action<ComparisonProgress>? progress, CancellationToken ct, Action<string, TrainedEncoder>? onModel, ComparisonOptions? comparison)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        comparison ??= new ComparisonOptions();
        var models = ComparisonModels.For(comparison);
        var scopeNeighbors = neighbors ?? comparison.Neighbors;
        var splits = SplitsOf(set, comparison.Splits);
        // The whole run, baselines and UserMovie rows included, on the options' thread count (at most the cores).
        options = options.ForThisMachine();
        using var threads = IntraOpThreads.Use(options.Threads);
        var clock = Stopwatch.StartNew();
        // The reference (EASE) is measured first, so that every row can carry its paired difference from it as it comes.
        var reference = models.FirstOrDefault(m => m.Name == ReferenceName && m.NotApplicableTo(set) is null);
        IReadOnlyList<ComparisonModel> order = reference is null ? models : [reference, .. models.Where(m => m != reference)];
        Measured? referenceMeasured = null;
        var done = new Dictionary<ComparisonModel, ComparisonRow>();
        var next = 0;
        for (var i = 0; i < order.Count; i++)
        {
            var model = order[i];
            if (model.NotApplicableTo(set) is { } reason)
            {
                done[model] = new ComparisonRow
                {
                    Model = model.Name, Measures = [], Seeds = 0, TrainSize = 0, TestSize = 0, TrainSeconds = 0, Results = [], NotApplicable = reason,
                };
            }
            else
            {
                var measured = Measure(model, i + 1, order.Count, splits, options, scopeNeighbors, progress, clock, onModel, ct);
                if (model == reference) referenceMeasured = measured;
                done[model] = referenceMeasured is null || model == reference
                    ? measured.Row
                    : measured.Row with { AgainstReference = PairedComparison.Of(measured.PerUser, referenceMeasured.PerUser, PairedComparison.DefaultMetrics) };
            }
            // Rows come in the table's order: each as soon as it and every row above it are done.
            while (next < models.Count && done.Remove(models[next], out var row))
            {
                next++;
                yield return row;
            }
        }
    }

    /// <summary>The row every other is compared with, user by user, when the comparison has it.</summary>
    public const string ReferenceName = "EASE";

    private sealed record Measured(ComparisonRow Row, IReadOnlyList<IReadOnlyList<UserRecallAtK>> PerUser);

    /// <summary>The set's own split, then the same method and fraction with the split seed + 1, + 2, ...: the splits a
    /// comparison of <paramref name="count"/> splits runs on. A temporal split draws nothing, so it is one split.</summary>
    public static IReadOnlyList<RatingSet> SplitsOf(RatingSet set, int count)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (set.Split.Method == SplitMethod.Temporal || count == 1) return [set];
        var seed = set.Split.Seed ?? SplitDefaults.Seed;
        return [set, .. Enumerable.Range(1, count - 1).Select(s => set.WithSplit(set.Split.Method, set.Split.TestFraction, seed + s))];
    }

    private static Measured Measure(ComparisonModel model, int index, int count, IReadOnlyList<RatingSet> splits, TrainingOptions options, int neighbors,
        Action<ComparisonProgress>? progress, Stopwatch clock, Action<string, TrainedEncoder>? onModel, CancellationToken ct)
    {
        var runs = new List<RecallAtK[]>();
        var curves = new List<RecallCurve>();
        var perUser = new List<IReadOnlyList<UserRecallAtK>>();
        var time = TimeSpan.Zero;
        var (train, test) = (0, 0);
        var total = model.Seeds * splits.Count;
        for (var at = 0; at < total; at++)
        {
            ct.ThrowIfCancellationRequested();
            // Split-major: each split's seeds in turn; a model's seed index is the same on every split.
            var (split, run) = (at / model.Seeds, at % model.Seeds);
            var set = splits[split];
            var name = total > 1 ? $"{model.Name}, {(splits.Count > 1 ? $"split {split + 1} of {splits.Count}, " : "")}{(model.Seeds > 1 ? $"seed {run + 1} of {model.Seeds}" : "")}".TrimEnd(',', ' ') : model.Name;
            var (seed, seeds) = (at + 1, total);
            progress?.Invoke(new ComparisonProgress(index, count, name, null) { Elapsed = clock.Elapsed, Run = seed, Runs = seeds });
            using var built = model.Build(set, options, run,
                p => progress?.Invoke(new ComparisonProgress(index, count, model.Name, p) { Elapsed = clock.Elapsed, Run = seed, Runs = seeds }), ct);
            // Results named as the row, not as the recommender names itself ("UserMovie (Graph)" for both Graph rows), so
            // a chart or table of them names each model as the comparison's table does. Full's per-user rows are kept for
            // the paired test against the reference.
            var users = new List<UserRecallAtK>();
            runs.Add(model.Protocols.SelectMany(p => Evaluate(built.Recommender, p, users, curves, neighbors, ct))
                .Select(r => r with { Model = model.Name }).ToArray());
            perUser.Add(users.Select(u => u with { Model = model.Name }).ToArray());
            // The first split's model is drawn, its sizes reported: the table's sizes are those of the set as given.
            if (at == 0 && built is { Drawn: true, Encoder: { } encoder }) onModel?.Invoke(model.Name, encoder);
            time += built.TrainTime;
            if (split == 0) (train, test) = (built.TrainSize, built.TestSize);
        }
        var row = new ComparisonRow
        {
            Model = model.Name,
            Measures = ComparisonMeasure.Over(runs),
            Seeds = model.Seeds,
            Splits = splits.Count,
            TrainSize = train,
            TestSize = test,
            TrainSeconds = Math.Round((time / runs.Count).TotalSeconds, 3),
            Results = runs[0],
            RecallCurve = curves.Count == 0 ? null : curves[0] with { Model = model.Name, Recall = CurveMean(curves) },
            RecallCurveStdDev = curves.Count == 0 ? null : CurveSpread(curves),
        };
        return new Measured(row, perUser);
    }

    // Full is measured with its per-user rows (for the paired test) and recall at every K to 100 (the report's curve).
    private static RecallAtK[] Evaluate(IRecommender recommender, EvaluationProtocol protocol, List<UserRecallAtK> users, List<RecallCurve> curves,
        int neighbors, CancellationToken ct)
    {
        if (protocol != EvaluationProtocol.Full) return RankingEvaluator.Evaluate(recommender, protocol, Cutoffs, null, neighbors, ct);
        var (results, curve) = RankingEvaluator.EvaluateWithCurve(recommender, protocol, Cutoffs, RecallCurve.DefaultMaxK, users, neighbors, ct);
        curves.Add(curve);
        return results;
    }

    private static double[] CurveMean(List<RecallCurve> curves) => CurveBy(curves, s => s.Mean);

    private static double[] CurveSpread(List<RecallCurve> curves) => CurveBy(curves, s => s.StdDev);

    private static double[] CurveBy(List<RecallCurve> curves, Func<(double Mean, double StdDev), double> part) =>
        Enumerable.Range(0, curves[0].MaxK).Select(k => part(ComparisonMeasure.MeanAndStdDev(curves.Select(c => c.Recall[k]).ToArray()))).ToArray();
}
