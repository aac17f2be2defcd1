using ContrastiveRec.Data;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.Evaluation;

/// <summary>Which items count as relevant and what may be recommended.</summary>
public enum EvaluationProtocol
{
    /// <summary>The study's, per model: relevant = test ratings at the strategy's like threshold on the movies its filter kept;
    /// neighbours suggest only kept movies. Not defined for baselines.</summary>
    Study,

    /// <summary>The same for every model: relevant = test ratings >= 3.5 on any movie; any movie the user did not rate in train may be recommended.</summary>
    Full,

    /// <summary>People held out of training (<see cref="RatingSet.HoldOutUsers"/>): each newcomer's train ratings are told to the
    /// model as a profile, every movie not in it may be recommended, and relevant = their test ratings >= 3.5 (as in Full).</summary>
    Newcomers,
}

/// <summary>Ranking quality at one cut-off K. Fractions are 0..1.</summary>
public sealed record RecallAtK
{
    public required string Model { get; init; }
    public required EvaluationProtocol Protocol { get; init; }
    public required int K { get; init; }

    /// <summary>Mean over evaluated users of hits / relevant items.</summary>
    public required double Recall { get; init; }

    /// <summary>All hits over all relevant items (users with many relevant items weigh more).</summary>
    public required double PooledRecall { get; init; }

    /// <summary>Mean over users of DCG / IDCG, binary relevance, IDCG over min(K, relevant) items.</summary>
    public required double Ndcg { get; init; }

    /// <summary>Share of users with at least one hit.</summary>
    public required double HitRate { get; init; }

    /// <summary>Mean over users of hits / K (a shorter list is not given a smaller denominator).</summary>
    public required double Precision { get; init; }

    /// <summary>Users with at least one relevant test item: the ones evaluated.</summary>
    public required int Users { get; init; }

    /// <summary>Relevant test items over all evaluated users.</summary>
    public required int Relevant { get; init; }

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Model} ({Protocol}) recall@{K} {Recall:P2}, pooled {PooledRecall:P2}, NDCG {Ndcg:P2}, hit rate {HitRate:P2}, precision {Precision:P2} over {Users} users, {Relevant} relevant");
}

/// <summary>Top-K evaluation of any recommender on its RatingSet's test part.</summary>
public static class RankingEvaluator
{
    public static readonly int[] StudyCutoffs = { 10, 20, 50 };

    /// <summary>The scope a protocol gives a recommender.</summary>
    /// <exception cref="NotSupportedException">The study protocol for a model the study has none for (a baseline).</exception>
    public static RecommendationScope ScopeFor(IRecommender recommender, EvaluationProtocol protocol, int neighbors = 10)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        var scope = protocol switch
        {
            EvaluationProtocol.Study => recommender.StudyScope
                ?? throw new NotSupportedException($"{recommender.Name} has no study protocol (the study evaluated only encoders trained with a pair strategy); use the Full protocol."),
            EvaluationProtocol.Full => RecommendationScope.Full,
            EvaluationProtocol.Newcomers => throw new NotSupportedException("The Newcomers protocol needs a set of newcomers: use NewcomerEvaluation (Measure-RecallAtK -Newcomers)."),
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Protocol must be Study or Full."),
        };
        return scope with { Neighbors = neighbors };
    }

    /// <summary>The protocol a model is evaluated in when not told: Study for an encoder with a strategy, Full otherwise.</summary>
    public static EvaluationProtocol DefaultProtocol(IRecommender recommender) =>
        recommender.StudyScope is null ? EvaluationProtocol.Full : EvaluationProtocol.Study;

    /// <summary>One result per cut-off, from one batch of recommendations of the largest cut-off.</summary>
    /// <param name="includeRatedMovies">Let movies the user rated in train take places (they can never be hits): how the
    /// study's recommender reads, to compare with its figures.</param>
    public static RecallAtK[] Evaluate(IRecommender recommender, EvaluationProtocol protocol, IReadOnlyList<int> cutoffs,
        int neighbors = 10, CancellationToken ct = default, bool includeRatedMovies = false)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(cutoffs);
        if (cutoffs.Count == 0 || cutoffs.Any(k => k < 1)) throw new ArgumentException("Cut-offs must be 1 or more.", nameof(cutoffs));
        var scope = ScopeFor(recommender, protocol, neighbors) with { IncludeRatedMovies = includeRatedMovies };
        var (users, relevant) = RelevantItems(recommender.RatingSet, scope);
        var rankings = recommender.Recommend(users, cutoffs.Max(), scope, withSuggesters: false, ct);
        return cutoffs.Select(k => Score(recommender.Name, protocol, k, rankings, relevant)).ToArray();
    }

    /// <summary>Users with at least one relevant test item (dense indices, ascending) and their relevant movies.</summary>
    internal static (int[] Users, HashSet<int>[] Relevant) RelevantItems(RatingSet set, RecommendationScope scope)
    {
        var users = new List<int>();
        var relevant = new List<HashSet<int>>();
        var isTest = set.Split.IsTestRow;
        for (var u = 0; u < set.UserCount; u++)
        {
            HashSet<int>? items = null;
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
            {
                if (!isTest[r] || set.RatingColumn[r] < scope.LikeThreshold || !scope.IsCandidate(set.MovieColumn[r])) continue;
                (items ??= new HashSet<int>()).Add(set.MovieColumn[r]);
            }
            if (items is null) continue;
            users.Add(u);
            relevant.Add(items);
        }
        return (users.ToArray(), relevant.ToArray());
    }

    /// <summary>Metrics at cut-off k of rankings against relevant sets (same order).</summary>
    internal static RecallAtK Score(string model, EvaluationProtocol protocol, int k, IReadOnlyList<MovieRanking> rankings, IReadOnlyList<HashSet<int>> relevant)
    {
        double recall = 0, ndcg = 0, precision = 0;
        long hitsTotal = 0, relevantTotal = 0;
        var usersHit = 0;
        for (var i = 0; i < rankings.Count; i++)
        {
            var movies = rankings[i].Movies;
            var rel = relevant[i];
            var n = Math.Min(k, movies.Length);
            int hits = 0;
            double dcg = 0;
            for (var p = 0; p < n; p++)
                if (rel.Contains(movies[p]))
                {
                    hits++;
                    dcg += 1 / Math.Log2(p + 2);
                }
            double idcg = 0;
            for (var p = 0; p < Math.Min(k, rel.Count); p++) idcg += 1 / Math.Log2(p + 2);
            recall += (double)hits / rel.Count;
            ndcg += dcg / idcg;
            precision += (double)hits / k;
            hitsTotal += hits;
            relevantTotal += rel.Count;
            if (hits > 0) usersHit++;
        }
        var users = rankings.Count;
        double Mean(double sum) => users == 0 ? 0 : sum / users;
        return new RecallAtK
        {
            Model = model,
            Protocol = protocol,
            K = k,
            Recall = Mean(recall),
            PooledRecall = relevantTotal == 0 ? 0 : (double)hitsTotal / relevantTotal,
            Ndcg = Mean(ndcg),
            HitRate = Mean(usersHit),
            Precision = Mean(precision),
            Users = users,
            Relevant = (int)relevantTotal,
        };
    }
}

/// <summary>Top-K evaluation of recommendations to people a model never saw, told only part of their ratings.</summary>
public static class NewcomerEvaluation
{
    /// <summary>
    /// Feeds each newcomer's train ratings to the model as a profile (no retraining), ranks every movie not in it, and
    /// scores the ranking against their test ratings >= 3.5. Newcomers with no relevant test rating, or no train rating
    /// to tell, are not evaluated. One result per cut-off.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model cannot fold in newcomers.</exception>
    /// <exception cref="ArgumentException">The newcomers have another movie catalogue, or include the model's own users.</exception>
    public static RecallAtK[] Evaluate(IRecommender recommender, RatingSet newcomers, IReadOnlyList<int> cutoffs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(newcomers);
        ArgumentNullException.ThrowIfNull(cutoffs);
        if (cutoffs.Count == 0 || cutoffs.Any(k => k < 1)) throw new ArgumentException("Cut-offs must be 1 or more.", nameof(cutoffs));
        return Evaluate(NewcomerRecommender.For(recommender), newcomers, cutoffs, ct);
    }

    internal static RecallAtK[] Evaluate(NewcomerRecommender model, RatingSet newcomers, IReadOnlyList<int> cutoffs, CancellationToken ct = default)
    {
        var trained = model.Catalogue;
        if (!ReferenceEquals(trained.MovieIdsArray, newcomers.MovieIdsArray) && !trained.MovieIdsArray.AsSpan().SequenceEqual(newcomers.MovieIdsArray))
            throw new ArgumentException("The newcomers' movie catalogue is not the model's: hold them out of the same set (RatingSet.HoldOutUsers, Split-RatingSet -HoldOutUsers).", nameof(newcomers));
        // A newcomer the model was trained on would be measured on ratings it has seen.
        var known = newcomers.UserIdsArray.Count(id => trained.TryGetUserIndex(id, out _));
        if (known > 0)
            throw new ArgumentException($"{known} of the {newcomers.UserCount} newcomers are among the model's training users; train on the Training part of the same hold-out.", nameof(newcomers));

        var (users, relevant) = RankingEvaluator.RelevantItems(newcomers, RecommendationScope.Full);
        var all = NewcomerRecommender.ProfilesOf(newcomers);
        var told = Enumerable.Range(0, users.Length).Where(i => all[users[i]].Movies.Length > 0).ToArray();
        var profiles = told.Select(i => all[users[i]]).ToArray();
        var rankings = model.Recommend(profiles, cutoffs.Max(), ct);
        var relevantOfTold = told.Select(i => relevant[i]).ToArray();
        return cutoffs.Select(k => RankingEvaluator.Score(model.Name, EvaluationProtocol.Newcomers, k, rankings, relevantOfTold)).ToArray();
    }
}
