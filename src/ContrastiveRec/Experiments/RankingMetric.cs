using ContrastiveRec.Evaluation;

namespace ContrastiveRec.Experiments;

/// <summary>A ranking metric of <see cref="RecallAtK"/> that the comparison averages over seeds.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum RankingMetric
{
    Recall,
    PooledRecall,
    Ndcg,
    HitRate,
    Precision,
}
