namespace ContrastiveRec.Pairs;

/// <summary>One mined triplet in MovieLens terms, with each user's rating of the movie that linked it
/// (null where that user did not rate it in the train part, as with CoDisliker negatives).</summary>
public sealed record ContrastivePair(
    int AnchorUserId, int PositiveUserId, int NegativeUserId, int MovieId, string Title,
    float AnchorRating, float? PositiveRating, float? NegativeRating);
