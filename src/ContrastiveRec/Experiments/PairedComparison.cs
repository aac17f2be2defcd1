using ContrastiveRec.Analysis;
using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.Experiments;

/// <summary>Is one model better than another, or is the gap noise? Both are measured on the same users, and each
/// measure is compared user by user with a paired t-test (<see cref="PairedTest"/>).</summary>
public static class PairedComparison
{
    /// <summary>The measures a comparison tests when none are named.</summary>
    public static IReadOnlyList<RankingMetric> DefaultMetrics { get; } = [RankingMetric.Recall, RankingMetric.Ndcg];

    /// <summary>Of the interval, when not given: 95 %, and significance at p below 0.05.</summary>
    public const double DefaultConfidence = 0.95;

    /// <summary>Evaluates both models on their (shared) data and compares them per cut-off and measure.</summary>
    /// <exception cref="ContrastiveRecException">DifferentData: the two models were not built on the same ratings and split.</exception>
    public static IReadOnlyList<ModelDifference> Compare(IRecommender model, IRecommender reference, EvaluationProtocol protocol, IReadOnlyList<int> cutoffs,
        IReadOnlyList<RankingMetric>? metrics = null, double confidence = DefaultConfidence, CancellationToken ct = default, Action<EvaluationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(reference);
        CheckSameData(model, reference);
        var mine = new List<UserRecallAtK>();
        var theirs = new List<UserRecallAtK>();
        // Each model is half the work, timed from the start of both.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Action<EvaluationProgress>? Half(double from) => progress is null ? null : p => progress(new EvaluationProgress(from + p.Fraction / 2, clock.Elapsed));
        RankingEvaluator.Evaluate(model, protocol, cutoffs, mine, ct: ct, progress: Half(0));
        RankingEvaluator.Evaluate(reference, protocol, cutoffs, theirs, ct: ct, progress: Half(0.5));
        return Of([mine], [theirs], metrics, confidence);
    }

    /// <summary>Compares per-user rows (Measure-RecallAtK -PerUser) of a model with those of a reference: each list is one
    /// run (a seed), and a user's value is its mean over the runs that measured it. Users measured by both are paired;
    /// one difference per cut-off both have and per measure.</summary>
    public static IReadOnlyList<ModelDifference> Of(IReadOnlyList<IReadOnlyList<UserRecallAtK>> modelRuns, IReadOnlyList<IReadOnlyList<UserRecallAtK>> referenceRuns,
        IReadOnlyList<RankingMetric>? metrics = null, double confidence = DefaultConfidence)
    {
        ArgumentNullException.ThrowIfNull(modelRuns);
        ArgumentNullException.ThrowIfNull(referenceRuns);
        metrics ??= DefaultMetrics;
        foreach (var metric in metrics)
            if (metric is RankingMetric.PooledRecall or RankingMetric.Coverage)
                throw new ArgumentException($"{metric} is not a mean over users, so it cannot be compared user by user.", nameof(metrics));
        var model = modelRuns.SelectMany(r => r).FirstOrDefault();
        var reference = referenceRuns.SelectMany(r => r).FirstOrDefault();
        if (model is null || reference is null) return [];
        var results = new List<ModelDifference>();
        var cutoffs = modelRuns.SelectMany(r => r).Select(r => r.K).Distinct().Order().ToArray();
        foreach (var k in cutoffs)
        {
            var mine = ByUser(modelRuns, k);
            var theirs = ByUser(referenceRuns, k);
            if (theirs.Count == 0) continue;
            var users = mine.Keys.Where(theirs.ContainsKey).ToArray();
            foreach (var metric in metrics)
            {
                var a = users.Select(u => Mean(mine[u], metric)).ToArray();
                var b = users.Select(u => Mean(theirs[u], metric)).ToArray();
                var d = PairedTest.Of(a, b, confidence);
                results.Add(new ModelDifference(model.Model, reference.Model, model.Protocol, metric, k, d.Count, d.FirstMean, d.SecondMean,
                    d.Difference, d.Lower, d.Upper, d.PValue, confidence));
            }
        }
        return results;
    }

    /// <summary>A user's value of a measure: the mean over users of this is the <see cref="RecallAtK"/> figure.</summary>
    public static double ValueOf(UserRecallAtK row, RankingMetric metric) => metric switch
    {
        RankingMetric.Recall => row.Recall,
        RankingMetric.Ndcg => row.Ndcg,
        RankingMetric.HitRate => row.Hits > 0 ? 1 : 0,
        RankingMetric.Precision => row.Precision,
        RankingMetric.Map => row.AveragePrecision,
        RankingMetric.Mrr => row.ReciprocalRank,
        RankingMetric.MeanPopularity => row.MeanPopularity,
        RankingMetric.PopularityPercentile => row.PopularityPercentile,
        RankingMetric.Novelty => row.Novelty,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Not a per-user measure."),
    };

    private static Dictionary<object, List<UserRecallAtK>> ByUser(IReadOnlyList<IReadOnlyList<UserRecallAtK>> runs, int k)
    {
        var users = new Dictionary<object, List<UserRecallAtK>>();
        foreach (var run in runs)
            foreach (var row in run)
            {
                if (row.K != k) continue;
                if (!users.TryGetValue(row.User, out var rows)) users[row.User] = rows = [];
                rows.Add(row);
            }
        return users;
    }

    private static double Mean(List<UserRecallAtK> rows, RankingMetric metric)
    {
        double sum = 0;
        foreach (var row in rows) sum += ValueOf(row, metric);
        return sum / rows.Count;
    }

    private static void CheckSameData(IRecommender model, IRecommender reference)
    {
        if (ReferenceEquals(model.RatingSet, reference.RatingSet)) return;
        var differences = DataFingerprint.Of(model.RatingSet).Differences(DataFingerprint.Of(reference.RatingSet));
        if (differences.Count == 0) return;
        throw new ContrastiveRecException("DifferentData", RefusalCategory.InvalidArgument,
            $"{model.Name} and {reference.Name} were built on different data ({string.Join("; ", differences)}), so their users cannot be paired.",
            "Build both models from the same ratings and the same Split-RatingSet settings.", model);
    }
}

/// <summary>How a model differs from a reference on one measure at one cut-off, over the users both were measured on.</summary>
/// <param name="Difference">Model minus reference (fractions for recall: 0.012 is 1.2 points).</param>
/// <param name="Lower">The confidence interval of the difference (<paramref name="Confidence"/>, 95 % by default).</param>
/// <param name="PValue">Paired t-test, two-sided.</param>
public sealed record ModelDifference(string Model, string Reference, EvaluationProtocol Protocol, RankingMetric Metric, int K, int Users,
    double ModelMean, double ReferenceMean, double Difference, double Lower, double Upper, double PValue, double Confidence)
{
    /// <summary>The interval leaves out 0: the gap is unlikely to be noise at this confidence.</summary>
    public bool Significant => PValue < 1 - Confidence;

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Model} - {Reference} ({Protocol}) {Metric}@{K}: {Difference:+0.####;-0.####;0} [{Lower:+0.####;-0.####;0}, {Upper:+0.####;-0.####;0}], p = {PValue:0.####} over {Users} users");
}
