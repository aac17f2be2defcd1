using ContrastiveRec.Evaluation;

namespace ContrastiveRec.Experiments;

/// <summary>One tried setting of a <see cref="ParameterSearch"/> and what it scored on the validation part.</summary>
public sealed record SearchTrial
{
    /// <summary>1 for the best of the search (the metric's highest value; ties by the order tried).</summary>
    public required int Rank { get; init; }

    /// <summary>The order it was tried in, from 1.</summary>
    public required int Trial { get; init; }

    /// <summary>The model searched: "EASE", "UserMovie training (Graph encoder)".</summary>
    public required string Model { get; init; }

    /// <summary>Its settings by cmdlet parameter name, to splat (@trial.Parameters) into the cmdlet that builds the model.</summary>
    public required SearchSetting Parameters { get; init; }

    public required RankingMetric Metric { get; init; }
    public required int K { get; init; }

    /// <summary>The metric at K on the validation part (Full protocol): what the search maximises.</summary>
    public required double Value { get; init; }

    /// <summary>Recall and NDCG at K on the validation part.</summary>
    public required double Recall { get; init; }
    public required double Ndcg { get; init; }

    /// <summary>Time to build (or train) and evaluate it.</summary>
    public required TimeSpan Time { get; init; }

    internal RecallAtK? Result { get; init; }

    public override string ToString() => FormattableString.Invariant($"#{Rank} {Model} ({Parameters}): validation {Metric}@{K} {Value:0.####}");
}
