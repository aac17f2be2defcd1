namespace ContrastiveRec.Recommendation;

/// <summary>One recommended movie for one user, as a user would look at it.</summary>
/// <param name="Score">The recommender's score: the best rating a neighbour gave the movie (neighbour recommenders), the number
/// of train likes (MostPopular), or the sum of cosine similarities to the user's liked movies (ItemKnn).</param>
/// <param name="UserId">The user's own id (a boxed int for MovieLens, else the data's text); likewise MovieId.</param>
/// <param name="SuggestedBy">Ids of the neighbours who liked the movie, nearest first; empty for other recommenders.</param>
/// <remarks>Genres and SuggestedBy are <see cref="JoinedList{T}"/>s (text "Crime|Drama", "45|37"), so a CSV export writes
/// them, not a type name.</remarks>
public sealed record MovieRecommendation(
    string Model, object UserId, int Rank, object MovieId, string Title, IReadOnlyList<string> Genres, double Score, IReadOnlyList<object> SuggestedBy)
{
    /// <summary>A ranking's single-precision score as the double with the float's shortest decimal text ("62.551434",
    /// not "62.55143356323242"): the same value to the model's precision, written without digits it never had.</summary>
    internal static double ScoreOf(float score) =>
        double.Parse(score.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
}
