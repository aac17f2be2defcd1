using ContrastiveRec.Data;

namespace ContrastiveRec.Training;

/// <summary>One mined triplet in MovieLens terms, with each user's rating of the movie that linked it
/// (null where that user did not rate it in the train part, as with CoDisliker negatives).</summary>
public sealed record ContrastivePair(
    int AnchorUserId, int PositiveUserId, int NegativeUserId, int MovieId, string Title,
    float AnchorRating, float? PositiveRating, float? NegativeRating);

/// <summary>A user's learned embedding.</summary>
public sealed record UserEmbedding(int UserId, float[] Vector)
{
    public int Dimensions => Vector.Length;
}

public static class TripletSetExtensions
{
    /// <summary>The triplets as <see cref="ContrastivePair"/> records, in mining order.</summary>
    public static IEnumerable<ContrastivePair> Describe(this TripletSet triplets, RatingSet set)
    {
        for (var i = 0; i < triplets.Count; i++)
        {
            int a = triplets.Anchor[i], p = triplets.Positive[i], n = triplets.Negative[i], m = triplets.Movie[i];
            yield return new ContrastivePair(
                set.UserIdsArray[a], set.UserIdsArray[p], set.UserIdsArray[n], set.MovieIdsArray[m], set.TitleArray[m],
                set.TrainRating(a, m) ?? float.NaN, set.TrainRating(p, m), set.TrainRating(n, m));
        }
    }
}
