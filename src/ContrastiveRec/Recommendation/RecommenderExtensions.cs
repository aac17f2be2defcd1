namespace ContrastiveRec.Recommendation;

public static class RecommenderExtensions
{
    /// <summary>Movies recommended to each user when not told how many: the study's top 10.</summary>
    public const int DefaultTop = 10;

    /// <summary>Recommendations for user ids (numbers or text, as <see cref="Data.RatingSet.TryGetUserIndex"/> takes them;
    /// all of them in one batch), ranked from 1.</summary>
    /// <exception cref="ContrastiveRecException">UnknownUser: an id is not one of the RatingSet's users.</exception>
    public static IEnumerable<MovieRecommendation> RecommendFor(this IRecommender recommender, IReadOnlyList<object> userIds, int top,
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
            var userId = set.Users[ranking.User];
            for (var i = 0; i < ranking.Count; i++)
            {
                var m = ranking.Movies[i];
                var by = ranking.SuggestedBy is { } s ? new JoinedList<object>(s[i].Select(v => set.Users[v]).ToArray()) : JoinedList<object>.Empty;
                yield return new MovieRecommendation(model, userId, i + 1, set.Movies[m], set.TitleArray[m],
                    new JoinedList<string>(set.GenreArray[m]), MovieRecommendation.ScoreOf(ranking.Scores[i]), by);
            }
        }
    }
}
