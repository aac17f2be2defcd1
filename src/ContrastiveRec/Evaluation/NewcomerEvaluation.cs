using ContrastiveRec.Data;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.Evaluation;

/// <summary>Top-K evaluation of recommendations to people a model never saw, told only part of their ratings.</summary>
public static class NewcomerEvaluation
{
    /// <summary>
    /// Feeds each newcomer's train ratings to the model as a profile (no retraining), ranks every movie not in it, and
    /// scores the ranking against their test ratings at or above the set's relevance threshold (3.5 on MovieLens). Newcomers with no relevant test rating, or no train rating
    /// to tell, are not evaluated. One result per cut-off.
    /// </summary>
    /// <exception cref="ContrastiveRecException">CannotFoldInNewcomers: the model cannot fold in newcomers. NotNewcomers: the
    /// newcomers have another movie catalogue, or include the model's own users.</exception>
    /// <param name="perUser">When given, each evaluated newcomer's row per cut-off is added to it.</param>
    public static RecallAtK[] Evaluate(IRecommender recommender, RatingSet newcomers, IReadOnlyList<int> cutoffs, CancellationToken ct = default,
        List<UserRecallAtK>? perUser = null)
    {
        return NativeBoundary.Guard("evaluating newcomers", () =>
        {
            ArgumentNullException.ThrowIfNull(recommender);
            ArgumentNullException.ThrowIfNull(newcomers);
            RankingEvaluator.CheckCutoffs(cutoffs);
            return Evaluate(NewcomerRecommender.For(recommender), newcomers, cutoffs, ct, perUser);
        });
    }

    internal static RecallAtK[] Evaluate(NewcomerRecommender model, RatingSet newcomers, IReadOnlyList<int> cutoffs, CancellationToken ct = default,
        List<UserRecallAtK>? perUser = null)
    {
        var trained = model.Catalogue;
        if (!trained.Movies.SameIds(newcomers.Movies))
            throw NotNewcomers("The newcomers' movie catalogue is not the model's.", newcomers);
        // A newcomer the model was trained on would be measured on ratings it has seen.
        var known = newcomers.Users.Count(id => trained.TryGetUserIndex(id, out _));
        if (known > 0)
            throw NotNewcomers($"{known} of the {newcomers.UserCount} newcomers are among the model's training users.", newcomers);

        var scope = RecommendationScope.For(newcomers);
        var (users, relevant) = RankingEvaluator.RelevantItems(newcomers, scope);
        var all = NewcomerRecommender.ProfilesOf(newcomers);
        var told = Enumerable.Range(0, users.Length).Where(i => all[users[i]].Movies.Length > 0).ToArray();
        var profiles = told.Select(i => all[users[i]]).ToArray();
        var rankings = model.Recommend(profiles, cutoffs.Max(), ct);
        var relevantOfTold = told.Select(i => relevant[i]).ToArray();
        // Popularity and novelty are the model's training data's: what it knew of the movies, not the newcomers' few.
        return RankingEvaluator.ScoreAll(model.Name, EvaluationProtocol.Newcomers, cutoffs, rankings, relevantOfTold, told.Select(i => users[i]).ToArray(),
            newcomers, scope, perUser, MoviePopularity.Of(trained));
    }

    private static ContrastiveRecException NotNewcomers(string problem, RatingSet newcomers) =>
        new("NotNewcomers", RefusalCategory.InvalidArgument, problem,
            "Give -Newcomers the Newcomers of Split-RatingSet -HoldOutUsers, and evaluate a model trained on its Training part.", newcomers);
}
