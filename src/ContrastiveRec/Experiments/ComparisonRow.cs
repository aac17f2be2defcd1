using System.Diagnostics;
using System.Globalization;
using System.Text;
using ContrastiveRec.Data;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;
using ContrastiveRec.Evaluation;

namespace ContrastiveRec.Experiments;

/// <summary>One model of the study's table: recall at 10, 20 and 50 under both protocols, data sizes and training time.</summary>
public sealed record ComparisonRow
{
    public required string Model { get; init; }

    /// <summary>Study-protocol recall (mean over users), 0..1; null for baselines, which the study has no protocol for.</summary>
    public double? StudyRecallAt10 { get; init; }
    public double? StudyRecallAt20 { get; init; }
    public double? StudyRecallAt50 { get; init; }

    /// <summary>Full-protocol recall (mean over users), 0..1: comparable across every row.</summary>
    public required double FullRecallAt10 { get; init; }
    public required double FullRecallAt20 { get; init; }
    public required double FullRecallAt50 { get; init; }

    /// <summary>Train rows the model learned from (kept rows for strategies, the whole train part for baselines).</summary>
    public required int TrainSize { get; init; }

    /// <summary>Test rows in the model's scope (kept rows for strategies, the whole test part for baselines).</summary>
    public required int TestSize { get; init; }

    /// <summary>Mining and training time for strategies; building time for baselines.</summary>
    public required TimeSpan TrainTime { get; init; }

    /// <summary>Every metric behind the row, both protocols (of the first seed when there were several).</summary>
    public required IReadOnlyList<RecallAtK> Results { get; init; }

    /// <summary>Full-protocol NDCG at 10 and 20 (mean over users), 0..1.</summary>
    public double FullNdcgAt10 { get; init; }
    public double FullNdcgAt20 { get; init; }

    /// <summary>How many seeds the Full figures are the mean of; the standard deviations are over those seeds (0 for one).</summary>
    public int Seeds { get; init; } = 1;
    public double FullRecallAt10StdDev { get; init; }
    public double FullRecallAt20StdDev { get; init; }
    public double FullRecallAt50StdDev { get; init; }
    public double FullNdcgAt10StdDev { get; init; }
    public double FullNdcgAt20StdDev { get; init; }
}
