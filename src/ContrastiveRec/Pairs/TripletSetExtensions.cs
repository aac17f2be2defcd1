using ContrastiveRec.Data;

namespace ContrastiveRec.Pairs;

public static class TripletSetExtensions
{
    /// <summary>The triplets as <see cref="ContrastivePair"/> records, in mining order.</summary>
    public static IEnumerable<ContrastivePair> Describe(this TripletSet triplets, RatingSet set)
    {
        for (var i = 0; i < triplets.Count; i++)
        {
            int a = triplets.Anchor[i], p = triplets.Positive[i], n = triplets.Negative[i], m = triplets.Movie[i];
            yield return new ContrastivePair(
                set.Users[a], set.Users[p], set.Users[n], set.Movies[m], set.TitleArray[m],
                set.TrainRating(a, m) ?? float.NaN, set.TrainRating(p, m), set.TrainRating(n, m));
        }
    }
}
