namespace ContrastiveRec.Analysis;

/// <summary>How many ratings carry one value of the scale.</summary>
public sealed record RatingCount(float Rating, long Count);
