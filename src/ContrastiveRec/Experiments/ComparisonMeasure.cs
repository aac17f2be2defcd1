using ContrastiveRec.Evaluation;

namespace ContrastiveRec.Experiments;

/// <summary>One measured value of a comparison row: a metric at K under a protocol, as the mean over the row's seeds
/// and their sample standard deviation (0 for one seed). Fractions 0..1, but for MeanPopularity (train users) and
/// Novelty (bits).</summary>
public sealed record ComparisonMeasure(EvaluationProtocol Protocol, RankingMetric Metric, int K, double Mean, double StdDev)
{
    /// <summary>"Full Recall@10 0.0388", with " ±0.0012" over several seeds; a row's CSV cell joins these.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Protocol} {Metric}@{K} {Mean:0.####}{(StdDev > 0 ? $" ±{StdDev:0.####}" : "")}");

    internal static double ValueOf(RecallAtK result, RankingMetric metric) => metric switch
    {
        RankingMetric.Recall => result.Recall,
        RankingMetric.PooledRecall => result.PooledRecall,
        RankingMetric.Ndcg => result.Ndcg,
        RankingMetric.HitRate => result.HitRate,
        RankingMetric.Precision => result.Precision,
        RankingMetric.Map => result.Map,
        RankingMetric.Mrr => result.Mrr,
        RankingMetric.Coverage => result.Coverage,
        RankingMetric.MeanPopularity => result.MeanPopularity,
        RankingMetric.PopularityPercentile => result.PopularityPercentile,
        RankingMetric.Novelty => result.Novelty,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>The measures of one model over its seeds' runs; each run holds the same results in the same order.</summary>
    internal static IReadOnlyList<ComparisonMeasure> Over(IReadOnlyList<RecallAtK[]> runs)
    {
        var measures = new List<ComparisonMeasure>();
        for (var i = 0; i < runs[0].Length; i++)
            foreach (var metric in Enum.GetValues<RankingMetric>())
            {
                var (mean, sd) = MeanAndStdDev(runs.Select(r => ValueOf(r[i], metric)).ToArray());
                measures.Add(new ComparisonMeasure(runs[0][i].Protocol, metric, runs[0][i].K, mean, sd));
            }
        return measures;
    }

    /// <summary>The mean of values over runs and their sample standard deviation (0 for one run).</summary>
    internal static (double Mean, double StdDev) MeanAndStdDev(IReadOnlyList<double> values)
    {
        // The same arithmetic as before the model list (LINQ's running sums), so figures stay bit for bit.
        var mean = values.Average();
        var sd = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return (mean, sd);
    }
}
