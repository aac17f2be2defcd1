namespace ContrastiveRec.Pairs;

/// <summary>One mined triplet in the data's own ids (boxed ints for MovieLens, else text), with each user's rating of the movie that linked it
/// (null where that user did not rate it in the train part, as with CoDisliker negatives).</summary>
public sealed record ContrastivePair(
    object AnchorUserId, object PositiveUserId, object NegativeUserId, object MovieId, string Title,
    float AnchorRating, float? PositiveRating, float? NegativeRating);
