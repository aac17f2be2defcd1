using ContrastiveRec.Analysis;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.Experiments;

/// <summary>Which models a comparison runs, and how it measures and draws them; a new instance has the README's settings.</summary>
public sealed record ComparisonOptions
{
    /// <summary>Add the models beyond the study: EASE and the UserMovie objective (id, id with the study's pairs, profile,
    /// graph without and with the contrastive term).</summary>
    public bool BeyondStudy { get; init; } = true;

    /// <summary>Seeds the UserMovie rows are averaged over (seed, seed + 1, ...); the study's strategies train once.</summary>
    public int Seeds { get; init; } = 3;

    /// <summary>Train/test splits every row is run on: the set's own, then the same method and test fraction with the
    /// split seed + 1, + 2, ... Each row's figures are then means over splits (and seeds), their spread the split's own
    /// variance too. A temporal split is the same every time, so it is run once.</summary>
    public int Splits { get; init; } = 1;

    /// <summary>Weight of Strategy 1's triplet loss in the "with pairs" UserMovie row.</summary>
    public double PairWeight { get; init; } = 1;

    /// <summary>Weight of the contrastive term in the "UserMovie (Graph) + contrastive term" row.</summary>
    public double ContrastWeight { get; init; } = 0.1;

    /// <summary>Epochs of the UserMovie rows; null keeps their validated defaults (60 for Id and Graph, 50 for Profile).</summary>
    public int? UserMovieEpochs { get; init; }

    /// <summary>Nearest users the neighbour recommenders draw from when evaluated: the Full scope's.</summary>
    public int Neighbors { get; init; } = RecommendationScope.Full.Neighbors;

    /// <summary>Clusters in each strategy's map in the report.</summary>
    public int Clusters { get; init; } = KMeans.DefaultCount;
}
