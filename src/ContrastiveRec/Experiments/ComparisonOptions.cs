namespace ContrastiveRec.Experiments;

/// <summary>Which models a comparison runs.</summary>
public sealed record ComparisonOptions
{
    /// <summary>Add the models beyond the study: EASE and the UserMovie objective (id, id with the study's pairs, profile,
    /// graph without and with the contrastive term).</summary>
    public bool BeyondStudy { get; init; } = true;

    /// <summary>Seeds the UserMovie rows are averaged over (seed, seed + 1, ...); the study's strategies train once.</summary>
    public int Seeds { get; init; } = 3;

    /// <summary>Weight of Strategy 1's triplet loss in the "with pairs" UserMovie row.</summary>
    public double PairWeight { get; init; } = 1;

    /// <summary>Weight of the contrastive term in the "UserMovie (Graph) + contrastive term" row.</summary>
    public double ContrastWeight { get; init; } = 0.1;

    /// <summary>Epochs of the UserMovie rows; null keeps their validated defaults (60 for Id and Graph, 50 for Profile).</summary>
    public int? UserMovieEpochs { get; init; }
}
