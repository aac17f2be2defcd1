using System.Diagnostics;
using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;

namespace ContrastiveRec.Experiments;

/// <summary>
/// Tries settings of a model on a validation part carved out of a set's train part (<see cref="RatingSet.TrainPart"/>),
/// never its test part, and ranks them by a metric at K under the Full protocol: a grid of listed values, or draws from
/// a seed; within a time budget; cancellation keeps the trials that finished. Each trial builds (or trains) the model on
/// the validation set's train part and evaluates it on its validation part; an encoder keeps its options' seed, so
/// trials differ by their settings alone.
/// </summary>
public static class ParameterSearch
{
    /// <summary>Draws of the Random method when no trial count is given.</summary>
    public const int DefaultRandomTrials = 10;

    private static readonly RankingMetric[] Maximised =
        [RankingMetric.Recall, RankingMetric.PooledRecall, RankingMetric.Ndcg, RankingMetric.HitRate, RankingMetric.Precision, RankingMetric.Map, RankingMetric.Mrr];

    /// <summary>The metrics a search can maximise (more is better).</summary>
    public static IReadOnlyList<RankingMetric> Metrics => Maximised;

    /// <summary>Searches <paramref name="space"/> for <paramref name="model"/> on <paramref name="set"/>'s train part.</summary>
    /// <exception cref="ContrastiveRecException">A trial's own refusal (a model too large, a setting its objective refuses).</exception>
    public static SearchResult Run(RatingSet set, SearchModel model, SearchSpace space, SearchOptions? options = null,
        Action<SearchProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        options ??= new SearchOptions();
        // The validation part is drawn from the train rows alone: this set's test rows are never copied, so nothing
        // below can read them.
        return OnValidation(set.TrainPart(options.ValidationFraction, options.Seed), model, space, options, progress, ct);
    }

    /// <summary>The search on a set whose test part is already the validation part.</summary>
    internal static SearchResult OnValidation(RatingSet validation, SearchModel model, SearchSpace space, SearchOptions options,
        Action<SearchProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(space);
        if (!Maximised.Contains(options.Metric)) throw new ArgumentOutOfRangeException(nameof(options), options.Metric, "The metric must be one that more is better of.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.K);
        if (options.Trials is < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Trials, "Trials must be 1 or more.");
        var candidates = space.Candidates(options.Method, options.Trials, options.Seed);
        var clock = Stopwatch.StartNew();
        // EASE's lambdas share what comes before lambda (its Gram), so a sweep costs little more than its factorisations.
        using var sweep = model.Baseline == BaselineKind.Ease ? new EaseGram() : null;
        var done = new List<SearchTrial>();
        var stop = SearchStop.Finished;
        double? best = null;
        for (var i = 0; i < candidates.Count; i++)
        {
            var left = options.TimeBudget - clock.Elapsed;
            if (left <= TimeSpan.Zero) { stop = SearchStop.TimeBudget; break; }
            if (ct.IsCancellationRequested) { stop = SearchStop.Cancelled; break; }
            var setting = candidates[i];
            var text = SearchSpace.Describe(setting);
            var trial = i;
            void Report(string stage, double fraction) => progress?.Invoke(new SearchProgress(trial + 1, candidates.Count, text, stage,
                (trial + Math.Clamp(fraction, 0, 1)) / candidates.Count, clock.Elapsed, best, options.TimeBudget - clock.Elapsed));
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (left is { } l) budget.CancelAfter(l);
            try
            {
                var result = Try(validation, model, setting, options, Report, sweep, budget.Token);
                var value = ComparisonMeasure.ValueOf(result, options.Metric);
                if (!double.IsNaN(value) && (best is null || value > best)) best = value;
                done.Add(Trial(model, setting, options, result, i + 1, clock.Elapsed));
                Report("Done", 1);
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested)
            {
                stop = ct.IsCancellationRequested ? SearchStop.Cancelled : SearchStop.TimeBudget;
                break;
            }
        }
        return new SearchResult(Ranked(done), candidates.Count, stop);
    }

    // Each trial's time is its own: the clock's reading at its end less the trials before it.
    private static SearchTrial Trial(SearchModel model, IReadOnlyDictionary<string, object> setting, SearchOptions options, RecallAtK result, int number, TimeSpan at)
    {
        return new SearchTrial
        {
            Rank = 0,
            Trial = number,
            Model = model.ToString(),
            Parameters = new SearchSetting(setting),
            Metric = options.Metric,
            K = options.K,
            Value = ComparisonMeasure.ValueOf(result, options.Metric),
            Recall = result.Recall,
            Ndcg = result.Ndcg,
            Time = at,
            Result = result,
        };
    }

    /// <summary>Best first by the metric (NaN last), ties by the order tried; ranks from 1.</summary>
    private static SearchTrial[] Ranked(List<SearchTrial> done)
    {
        var times = done.Select((t, i) => t.Time - (i == 0 ? TimeSpan.Zero : done[i - 1].Time)).ToArray();
        return done.Select((t, i) => t with { Time = times[i] })
            .OrderByDescending(t => double.IsNaN(t.Value) ? double.NegativeInfinity : t.Value).ThenBy(t => t.Trial)
            .Select((t, i) => t with { Rank = i + 1 }).ToArray();
    }

    /// <summary>Builds (or trains) one setting on the validation set's train part and evaluates it on its validation part.</summary>
    private static RecallAtK Try(RatingSet validation, SearchModel model, IReadOnlyDictionary<string, object> setting, SearchOptions options,
        Action<string, double> report, EaseGram? sweep, CancellationToken ct)
    {
        var neighbors = RecommendationScope.Full.Neighbors;
        RecallAtK Evaluate(IRecommender recommender) => RankingEvaluator.Evaluate(recommender, EvaluationProtocol.Full, [options.K], neighbors, ct,
            progress: p => report("Evaluating", 0.8 + 0.2 * p.Fraction))[0];
        if (model.Baseline is { } kind)
        {
            var settings = model.BaselineSettings;
            foreach (var parameter in model.Parameters)
            {
                if (!setting.TryGetValue(parameter.Name, out var value)) continue;
                if (parameter.IsEvaluationSetting) neighbors = (int)value;
                else settings = parameter.ApplyToBaseline!(settings, value);
            }
            report("Building", 0);
            void Built(BaselineBuildProgress p) => report(p.Stage, 0.8 * p.Fraction);
            return Evaluate(sweep is not null
                ? NativeBoundary.Guard("building the Ease baseline", () => new EaseRecommender(validation, settings.EaseLambda, settings.EaseMinMovieRatings, null,
                    BaselineSettings.DefaultMemoryBudget, Built, ct, sweep))
                : RecommenderRegistry.Build(kind, validation, settings, Built, ct));
        }
        var training = model.Training!;
        foreach (var parameter in model.Parameters)
            if (setting.TryGetValue(parameter.Name, out var value)) training = parameter.ApplyToTraining!(training, value);
        report("Training", 0);
        using var encoder = EncoderTrainer.Train(validation, model.Strategy!, training,
            p => report($"Training, epoch {p.Epoch}/{p.Epochs}", 0.8 * p.Fraction), ct);
        return Evaluate(RecommenderRegistry.ForEncoder(encoder));
    }
}
