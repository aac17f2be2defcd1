using System.Globalization;
using ContrastiveRec.Evaluation;

namespace ContrastiveRec.Experiments;

/// <summary>One model of the study's table: its measures under the protocols that apply to it, data sizes and training time.</summary>
/// <remarks>In PowerShell its properties are the table's columns (<see cref="ComparisonTable.Columns"/>), so that
/// Export-Csv writes the table's CSV; <see cref="Measures"/> and <see cref="Results"/> are reached by name.</remarks>
public sealed record ComparisonRow
{
    public required string Model { get; init; }

    /// <summary>Every metric at every K under each protocol the model is evaluated in, averaged over <see cref="Seeds"/>.
    /// Its text is each measure's, joined by '|': "Full Recall@10 0.0388|...".</summary>
    public required IReadOnlyList<ComparisonMeasure> Measures
    {
        get => _measures;
        init => _measures = new JoinedList<ComparisonMeasure>(value.ToArray());
    }

    private readonly IReadOnlyList<ComparisonMeasure> _measures = JoinedList<ComparisonMeasure>.Empty;
    private readonly IReadOnlyList<RecallAtK> _results = JoinedList<RecallAtK>.Empty;

    /// <summary>Why the model does not apply to the data (the study's strategies on implicit data), or null: every cell
    /// of such a row is n/a, and the tables' note gives the reason.</summary>
    public string? NotApplicable { get; init; }

    /// <summary>How many seeds the measures are the mean of; their standard deviations are over those seeds (0 for one).</summary>
    public int Seeds { get; init; } = 1;

    /// <summary>How many train/test splits the measures are the mean of (each with <see cref="Seeds"/> seeds).</summary>
    public int Splits { get; init; } = 1;

    /// <summary>Train rows the model learned from (kept rows for strategies, the whole train part otherwise).</summary>
    public required int TrainSize { get; init; }

    /// <summary>Test rows in the model's scope (kept rows for strategies, the whole test part otherwise).</summary>
    public required int TestSize { get; init; }

    /// <summary>Mining and training time for strategies, building time for baselines, in seconds; the mean over seeds.
    /// Seconds rather than a TimeSpan so that a CSV writes "15.865", not "00:00:15.8652122".</summary>
    public required double TrainSeconds { get; init; }

    /// <summary>Every result behind the row, each protocol (of the first seed when there were several).
    /// Its text names each with its recall: "Full recall@10 0.0388|...".</summary>
    public required IReadOnlyList<RecallAtK> Results
    {
        get => _results;
        init => _results = new JoinedList<RecallAtK>(value.ToArray(),
            r => string.Create(CultureInfo.InvariantCulture, $"{r.Protocol} recall@{r.K} {r.Recall:0.####}"));
    }

    /// <summary>Full recall at every K from 1 to 100, the mean over the row's seeds and splits (as its measures are); null
    /// where the Full protocol was not run (a row that does not apply). Its standard deviation per K is <see cref="RecallCurveStdDev"/>.</summary>
    public RecallCurve? RecallCurve { get; init; }

    /// <summary>The standard deviation of <see cref="RecallCurve"/> at each K over seeds and splits (0 for one run).</summary>
    public IReadOnlyList<double>? RecallCurveStdDev { get; init; }

    /// <summary>How the row differs from the comparison's reference (EASE) under the Full protocol, user by user: recall and
    /// NDCG at each K, with a 95 % interval and a paired t-test's p-value (<see cref="PairedComparison"/>). Empty for the
    /// reference itself, a row that does not apply, and a comparison without the reference (-StudyOnly).</summary>
    public IReadOnlyList<ModelDifference> AgainstReference
    {
        get => _against;
        init => _against = new JoinedList<ModelDifference>(value.ToArray());
    }

    private readonly IReadOnlyList<ModelDifference> _against = JoinedList<ModelDifference>.Empty;

    /// <summary>The difference from the reference in <paramref name="metric"/> at K (Full protocol), or null when there is none.</summary>
    public ModelDifference? Against(RankingMetric metric, int k) => AgainstReference.FirstOrDefault(d => d.Metric == metric && d.K == k);

    /// <summary>The measure, or null when the protocol does not apply to the model (Study for a baseline) or K was not measured.</summary>
    public ComparisonMeasure? Measure(EvaluationProtocol protocol, RankingMetric metric, int k) =>
        Measures.FirstOrDefault(m => m.Protocol == protocol && m.Metric == metric && m.K == k);

    /// <summary>Mean recall@K (0..1) under the protocol, or null where it does not apply: <c>$row.Recall('Full', 20)</c>.</summary>
    public double? Recall(EvaluationProtocol protocol, int k) => Measure(protocol, RankingMetric.Recall, k)?.Mean;

    /// <summary>Mean NDCG@K (0..1) under the protocol, or null where it does not apply: <c>$row.Ndcg('Full', 10)</c>.</summary>
    public double? Ndcg(EvaluationProtocol protocol, int k) => Measure(protocol, RankingMetric.Ndcg, k)?.Mean;
}
