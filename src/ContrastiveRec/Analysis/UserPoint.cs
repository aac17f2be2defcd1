namespace ContrastiveRec.Analysis;

/// <summary>A user's place on a 2-D map (t-SNE).</summary>
public sealed record UserPoint(object UserId, double X, double Y);
