using System.Diagnostics;
using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
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
        // The whole run, baselines and UserMovie rows included, on the options' thread count (at most the cores).
        options = options.ForThisMachine();
        using var threads = IntraOpThreads.Use(options.Threads);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < models.Count; i++)
        {
            var (model, index) = (models[i], i + 1);
            if (model.NotApplicableTo(set) is { } reason)
            {
                yield return new ComparisonRow
                {
                    Model = model.Name, Measures = [], Seeds = 0, TrainSize = 0, TestSize = 0, TrainSeconds = 0, Results = [], NotApplicable = reason,
                };
                continue;
            }
            var runs = new List<RecallAtK[]>();
            var time = TimeSpan.Zero;
            var (train, test) = (0, 0);
            for (var run = 0; run < model.Seeds; run++)
            {
                ct.ThrowIfCancellationRequested();
                var name = model.Seeds > 1 ? $"{model.Name}, seed {run + 1} of {model.Seeds}" : model.Name;
                var (seed, seeds) = (run + 1, model.Seeds);
                progress?.Invoke(new ComparisonProgress(index, models.Count, name, null) { Elapsed = clock.Elapsed, Run = seed, Runs = seeds });
                using var built = model.Build(set, options, run,
                    p => progress?.Invoke(new ComparisonProgress(index, models.Count, model.Name, p) { Elapsed = clock.Elapsed, Run = seed, Runs = seeds }), ct);
                // Results named as the row, not as the recommender names itself ("UserMovie (Graph)" for both Graph rows), so
                // a chart or table of them names each model as the comparison's table does.
                runs.Add(model.Protocols.SelectMany(p => RankingEvaluator.Evaluate(built.Recommender, p, Cutoffs, scopeNeighbors, ct))
                    .Select(r => r with { Model = model.Name }).ToArray());
                if (built is { Drawn: true, Encoder: { } encoder }) onModel?.Invoke(model.Name, encoder);
                time += built.TrainTime;
                (train, test) = (built.TrainSize, built.TestSize);
            }
            yield return new ComparisonRow
            {
                Model = model.Name,
                Measures = ComparisonMeasure.Over(runs),
                Seeds = runs.Count,
                TrainSize = train,
                TestSize = test,
                TrainSeconds = Math.Round((time / runs.Count).TotalSeconds, 3),
                Results = runs[0],
            };
        }
    }
}
