using ContrastiveRec.Data;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// A recommender evaluated by the same harness: the encoder's nearest-neighbour recommender and the baselines.
/// Works on dense user and movie indices of its <see cref="RatingSet"/>; only the train part is ever read.
/// </summary>
public interface IRecommender
{
    /// <summary>The model's name in results and tables ("Strategy 4", "UserKnn", ...).</summary>
    string Name { get; }

    RatingSet RatingSet { get; }

    /// <summary>The scope Get-Recommendation uses when not told otherwise.</summary>
    RecommendationScope DefaultScope { get; }

    /// <summary>The scope of the study's own protocol for this model, or null when the study has none (baselines).</summary>
    RecommendationScope? StudyScope { get; }

    /// <summary>
    /// Up to <paramref name="count"/> movies for each of <paramref name="users"/> (dense indices), best first, never a movie
    /// the user rated in the train part, only candidates of <paramref name="scope"/>. One batch for all users.
    /// </summary>
    MovieRanking[] Recommend(int[] users, int count, RecommendationScope scope, bool withSuggesters = false, CancellationToken ct = default);
}
