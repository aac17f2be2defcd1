namespace ContrastiveRec.Recommendation;

public static class RecommenderExtensions
{
    /// <summary>Movies recommended to each user when not told how many: the study's top 10.</summary>
    public const int DefaultTop = 10;

    /// <summary>Recommendations for MovieLens user ids (all of them in one batch), ranked from 1.</summary>
    /// <exception cref="ContrastiveRecException">UnknownUser: an id is not one of the RatingSet's users.</exception>
    public static IEnumerable<MovieRecommendation> RecommendFor(this IRecommender recommender, IReadOnlyList<int> userIds, int top,
        RecommendationScope? scope = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(userIds);
        var set = recommender.RatingSet;
        var users = new int[userIds.Count];
        for (var i = 0; i < users.Length; i++) users[i] = set.GetUserIndex(userIds[i]);
        var rankings = NativeBoundary.Guard("recommending", () => recommender.Recommend(users, top, scope ?? recommender.DefaultScope, withSuggesters: true, ct));
        return Expand(recommender.Name, set, rankings);
    }

    private static IEnumerable<MovieRecommendation> Expand(string model, Data.RatingSet set, MovieRanking[] rankings)
    {
        foreach (var ranking in rankings)
        {
            var userId = set.UserIdsArray[ranking.User];
            for (var i = 0; i < ranking.Count; i++)
            {
                var m = ranking.Movies[i];
                var by = ranking.SuggestedBy is { } s ? new JoinedList<int>(s[i].Select(v => set.UserIdsArray[v]).ToArray()) : JoinedList<int>.Empty;
                yield return new MovieRecommendation(model, userId, i + 1, set.MovieIdsArray[m], set.TitleArray[m],
                    new JoinedList<string>(set.GenreArray[m]), MovieRecommendation.ScoreOf(ranking.Scores[i]), by);
            }
        }
    }
}
