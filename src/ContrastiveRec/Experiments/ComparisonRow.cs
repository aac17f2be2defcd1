using ContrastiveRec.Evaluation;

namespace ContrastiveRec.Experiments;

/// <summary>One model of the study's table: its measures under the protocols that apply to it, data sizes and training time.</summary>
public sealed record ComparisonRow
{
    public required string Model { get; init; }

    /// <summary>Every metric at every K under each protocol the model is evaluated in, averaged over <see cref="Seeds"/>.</summary>
    public required IReadOnlyList<ComparisonMeasure> Measures { get; init; }

    /// <summary>How many seeds the measures are the mean of; their standard deviations are over those seeds (0 for one).</summary>
    public int Seeds { get; init; } = 1;

    /// <summary>Train rows the model learned from (kept rows for strategies, the whole train part otherwise).</summary>
    public required int TrainSize { get; init; }

    /// <summary>Test rows in the model's scope (kept rows for strategies, the whole test part otherwise).</summary>
    public required int TestSize { get; init; }

    /// <summary>Mining and training time for strategies, building time for baselines; the mean over seeds.</summary>
    public required TimeSpan TrainTime { get; init; }

    /// <summary>Every result behind the row, each protocol (of the first seed when there were several), named as the row.</summary>
    public required IReadOnlyList<RecallAtK> Results { get; init; }

    /// <summary>The measure, or null when the protocol does not apply to the model (Study for a baseline) or K was not measured.</summary>
    public ComparisonMeasure? Measure(EvaluationProtocol protocol, RankingMetric metric, int k) =>
        Measures.FirstOrDefault(m => m.Protocol == protocol && m.Metric == metric && m.K == k);

    /// <summary>Mean recall@K (0..1) under the protocol, or null where it does not apply: <c>$row.Recall('Full', 20)</c>.</summary>
    public double? Recall(EvaluationProtocol protocol, int k) => Measure(protocol, RankingMetric.Recall, k)?.Mean;

    /// <summary>Mean NDCG@K (0..1) under the protocol, or null where it does not apply: <c>$row.Ndcg('Full', 10)</c>.</summary>
    public double? Ndcg(EvaluationProtocol protocol, int k) => Measure(protocol, RankingMetric.Ndcg, k)?.Mean;
}
