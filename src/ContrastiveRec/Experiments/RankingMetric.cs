using ContrastiveRec.Evaluation;

namespace ContrastiveRec.Experiments;

/// <summary>A measure of <see cref="RecallAtK"/> that the comparison averages over seeds, and that a paired comparison
/// tests user by user (all but PooledRecall and Coverage, which are not a mean over users).</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum RankingMetric
{
    Recall,
    PooledRecall,
    Ndcg,
    HitRate,
    Precision,
    Map,
    Mrr,
    Coverage,
    MeanPopularity,
    PopularityPercentile,
    Novelty,
}
