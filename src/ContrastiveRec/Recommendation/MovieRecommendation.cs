namespace ContrastiveRec.Recommendation;

/// <summary>One recommended movie for one user, as a user would look at it.</summary>
/// <param name="Score">The recommender's score: the suggesting neighbour's rating (neighbour recommenders), the number
/// of train likes (MostPopular), or the sum of cosine similarities to the user's liked movies (ItemKnn).</param>
/// <param name="SuggestedBy">MovieLens ids of the neighbours who liked the movie, nearest first; empty for other recommenders.</param>
public sealed record MovieRecommendation(
    string Model, int UserId, int Rank, int MovieId, string Title, IReadOnlyList<string> Genres, double Score, IReadOnlyList<int> SuggestedBy);
