using ContrastiveRec.Data;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.Evaluation;

/// <summary>Top-K evaluation of any recommender on its RatingSet's test part.</summary>
public static class RankingEvaluator
{
    /// <summary>The cut-offs the study reports, measured when none are given.</summary>
    public static IReadOnlyList<int> DefaultCutoffs { get; } = new[] { 10, 20, 50 };

    /// <summary>The scope a protocol gives a recommender.</summary>
    /// <exception cref="ContrastiveRecException">ProtocolNotSupported: the study protocol for a model the study has none
    /// for (a baseline), or the Newcomers protocol, which needs newcomers.</exception>
    private static RecommendationScope ScopeFor(IRecommender recommender, EvaluationProtocol protocol, int neighbors)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        var scope = protocol switch
        {
            EvaluationProtocol.Study => recommender.StudyScope
                ?? throw new ContrastiveRecException("ProtocolNotSupported", RefusalCategory.InvalidOperation,
                    $"{recommender.Name} has no study protocol (the study evaluated only encoders trained with a pair strategy).",
                    "Measure it with -Protocol Full.", recommender),
            EvaluationProtocol.Full => RecommendationScope.For(recommender.RatingSet),
            EvaluationProtocol.Newcomers => throw new ContrastiveRecException("ProtocolNotSupported", RefusalCategory.InvalidOperation,
                "The Newcomers protocol needs a set of newcomers.",
                "Measure it with Measure-RecallAtK -Newcomers, giving the Newcomers of Split-RatingSet -HoldOutUsers.", recommender),
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Protocol must be Study or Full."),
        };
        return scope with { Neighbors = neighbors };
    }

    /// <summary>The protocol every model is evaluated in when not told: Full, which ranks every movie the user has not
    /// rated, so its figures compare across models and with other tools. Study (the post's, on each strategy's kept
    /// movies) is asked for by name.</summary>
    public static EvaluationProtocol DefaultProtocol => EvaluationProtocol.Full;

    /// <summary>Users per call to a recommender that reports no progress of its own; tests make it tiny.</summary>
    internal static int UsersPerBlock = 4096;

    /// <summary>One result per cut-off, from one set of recommendations of the largest cut-off.</summary>
    /// <param name="includeRatedMovies">Let movies the user rated in train take places (they can never be hits): how the
    /// study's recommender reads, to compare with its figures.</param>
    /// <param name="progress">Called from the calling thread as users are ranked.</param>
    public static RecallAtK[] Evaluate(IRecommender recommender, EvaluationProtocol protocol, IReadOnlyList<int> cutoffs,
        int neighbors = 10, CancellationToken ct = default, bool includeRatedMovies = false, Action<EvaluationProgress>? progress = null) =>
        Evaluate(recommender, protocol, cutoffs, null, neighbors, ct, includeRatedMovies, progress);

    /// <summary>As <see cref="Evaluate(IRecommender, EvaluationProtocol, IReadOnlyList{int}, int, CancellationToken, bool, Action{EvaluationProgress}?)"/>,
    /// also adding each evaluated user's row per cut-off to <paramref name="perUser"/> (users in the set's order, then K).</summary>
    public static RecallAtK[] Evaluate(IRecommender recommender, EvaluationProtocol protocol, IReadOnlyList<int> cutoffs, List<UserRecallAtK>? perUser,
        int neighbors = 10, CancellationToken ct = default, bool includeRatedMovies = false, Action<EvaluationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        return Run(recommender, protocol, cutoffs, perUser, 0, neighbors, includeRatedMovies, progress, ct).Results;
    }

    /// <summary>As <see cref="Evaluate(IRecommender, EvaluationProtocol, IReadOnlyList{int}, List{UserRecallAtK}?, int, CancellationToken, bool, Action{EvaluationProgress}?)"/>,
    /// with recall at every K from 1 to <paramref name="curveTo"/> from the same rankings (ranked to the larger of it and
    /// the largest cut-off; the first K of a longer list are the top K, ties broken by movie index either way).</summary>
    public static (RecallAtK[] Results, RecallCurve Curve) EvaluateWithCurve(IRecommender recommender, EvaluationProtocol protocol, IReadOnlyList<int> cutoffs,
        int curveTo, List<UserRecallAtK>? perUser = null, int neighbors = 10, CancellationToken ct = default, Action<EvaluationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentOutOfRangeException.ThrowIfLessThan(curveTo, 1);
        var (results, curve) = Run(recommender, protocol, cutoffs, perUser, curveTo, neighbors, false, progress, ct);
        return (results, curve!);
    }

    private static (RecallAtK[] Results, RecallCurve? Curve) Run(IRecommender recommender, EvaluationProtocol protocol, IReadOnlyList<int> cutoffs,
        List<UserRecallAtK>? perUser, int curveTo, int neighbors, bool includeRatedMovies, Action<EvaluationProgress>? progress, CancellationToken ct)
    {
        return NativeBoundary.Guard($"evaluating {recommender.Name}", () =>
        {
            CheckCutoffs(cutoffs);
            var scope = ScopeFor(recommender, protocol, neighbors) with { IncludeRatedMovies = includeRatedMovies };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Action<double>? report = progress is null ? null : f => progress(new EvaluationProgress(f, clock.Elapsed));
            var set = recommender.RatingSet;
            var (users, relevant) = RelevantItems(set, scope);
            var rankings = Rank(recommender, users, Math.Max(cutoffs.Max(), curveTo), scope, report, ct);
            var results = ScoreAll(recommender.Name, protocol, cutoffs, rankings, relevant, users, set, scope, perUser);
            return (results, curveTo > 0 ? RecallCurve.Of(recommender.Name, protocol, rankings, relevant, curveTo) : null);
        });
    }

    internal static void CheckCutoffs(IReadOnlyList<int> cutoffs)
    {
        ArgumentNullException.ThrowIfNull(cutoffs);
        if (cutoffs.Count == 0 || cutoffs.Any(k => k < 1)) throw new ArgumentException("Cut-offs must be 1 or more.", nameof(cutoffs));
    }

    /// <summary>Every cut-off's summary; per-user rows (when asked) grouped by user, then K, as a script reads them.</summary>
    internal static RecallAtK[] ScoreAll(string model, EvaluationProtocol protocol, IReadOnlyList<int> cutoffs, IReadOnlyList<MovieRanking> rankings,
        IReadOnlyList<HashSet<int>> relevant, int[] users, RatingSet set, RecommendationScope scope, List<UserRecallAtK>? perUser,
        MoviePopularity? popularity = null)
    {
        popularity ??= MoviePopularity.Of(set);
        var rows = perUser is null ? null : cutoffs.Select(_ => new List<UserRecallAtK>(users.Length)).ToArray();
        var results = cutoffs.Select((k, c) => Score(model, protocol, k, rankings, relevant, users, set, popularity, scope, rows?[c])).ToArray();
        if (rows is not null)
            for (var i = 0; i < users.Length; i++)
                foreach (var list in rows) perUser!.Add(list[i]);
        return results;
    }

    // A neighbour recommender searches all users' neighbours at once (UserKnn computes each pair once) and reports its
    // own progress; any other is asked block by block, which bounds its working memory and gives progress between blocks.
    private static MovieRanking[] Rank(IRecommender recommender, int[] users, int count, RecommendationScope scope, Action<double>? report, CancellationToken ct)
    {
        var inner = recommender is BaselineRecommender baseline ? baseline.Inner : recommender;
        if (inner is NeighborRecommender neighbor) return neighbor.Recommend(users, count, scope, false, report, ct);
        var rankings = new MovieRanking[users.Length];
        for (var from = 0; from < users.Length; from += UsersPerBlock)
        {
            ct.ThrowIfCancellationRequested();
            var block = users.AsSpan(from, Math.Min(UsersPerBlock, users.Length - from)).ToArray();
            recommender.Recommend(block, count, scope, withSuggesters: false, ct).CopyTo(rankings, from);
            report?.Invoke((double)(from + block.Length) / users.Length);
        }
        return rankings;
    }

    /// <summary>The Full protocol's figures over <paramref name="sample"/> alone (dense users of the recommender's set,
    /// ascending; those without a relevant test movie are left out as always), ranked <paramref name="usersPerBlock"/>
    /// users at a time with the token checked between blocks: validation inside training, which must stop promptly.</summary>
    internal static RecallAtK[] EvaluateSample(IRecommender recommender, IReadOnlyList<int> cutoffs, int[] sample, int usersPerBlock, CancellationToken ct)
    {
        return NativeBoundary.Guard($"validating {recommender.Name}", () =>
        {
            CheckCutoffs(cutoffs);
            var scope = ScopeFor(recommender, EvaluationProtocol.Full, RecommendationScope.Full.Neighbors);
            var set = recommender.RatingSet;
            var (users, relevant) = RelevantItems(set, scope, sample);
            var rankings = new MovieRanking[users.Length];
            for (var from = 0; from < users.Length; from += usersPerBlock)
            {
                ct.ThrowIfCancellationRequested();
                var block = users.AsSpan(from, Math.Min(usersPerBlock, users.Length - from)).ToArray();
                Rank(recommender, block, cutoffs.Max(), scope, null, ct).CopyTo(rankings, from);
            }
            return ScoreAll(recommender.Name, EvaluationProtocol.Full, cutoffs, rankings, relevant, users, set, scope, null);
        });
    }

    /// <summary>Users with at least one relevant test item (dense indices, ascending) and their relevant movies; among
    /// <paramref name="only"/> (ascending) when given.</summary>
    internal static (int[] Users, HashSet<int>[] Relevant) RelevantItems(RatingSet set, RecommendationScope scope, int[]? only = null)
    {
        var users = new List<int>();
        var relevant = new List<HashSet<int>>();
        var isTest = set.Split.IsTestRow;
        for (var i = 0; i < (only?.Length ?? set.UserCount); i++)
        {
            var u = only?[i] ?? i;
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

    /// <summary>Metrics at cut-off k of rankings against relevant sets (same order), the summary over users and, when
    /// <paramref name="perUser"/> is given, each user's row added to it. The summary's means are the per-user values'
    /// means, summed in the same order, so the two agree exactly.</summary>
    /// <param name="users">The rankings' users (dense indices of <paramref name="set"/>), for their ids.</param>
    /// <param name="set">Whose train part gives the movies' popularity and whose catalogue the coverage.</param>
    internal static RecallAtK Score(string model, EvaluationProtocol protocol, int k, IReadOnlyList<MovieRanking> rankings, IReadOnlyList<HashSet<int>> relevant,
        ReadOnlySpan<int> users, RatingSet set, MoviePopularity popularity, RecommendationScope scope, List<UserRecallAtK>? perUser = null)
    {
        double recall = 0, ndcg = 0, precision = 0, map = 0, mrr = 0, meanPopularity = 0, percentile = 0, novelty = 0;
        long hitsTotal = 0, relevantTotal = 0;
        int usersHit = 0, usersWithList = 0;
        var recommended = new bool[set.MovieCount];
        for (var i = 0; i < rankings.Count; i++)
        {
            var movies = rankings[i].Movies;
            var rel = relevant[i];
            var n = Math.Min(k, movies.Length);
            int hits = 0;
            double dcg = 0, precisionSum = 0, firstHit = 0, popularitySum = 0, percentileSum = 0, informationSum = 0;
            for (var p = 0; p < n; p++)
            {
                var movie = movies[p];
                recommended[movie] = true;
                popularitySum += popularity.Users(movie);
                percentileSum += popularity.Percentile(movie);
                informationSum += popularity.SelfInformation(movie);
                if (!rel.Contains(movie)) continue;
                hits++;
                dcg += 1 / Math.Log2(p + 2);
                precisionSum += (double)hits / (p + 1);
                if (hits == 1) firstHit = 1.0 / (p + 1);
            }
            double idcg = 0;
            var ideal = Math.Min(k, rel.Count);
            for (var p = 0; p < ideal; p++) idcg += 1 / Math.Log2(p + 2);
            // The user's values, summed into the summary as they are (so per-user rows average to it exactly); a row
            // object only when the caller keeps them: on 160k users x 3 cut-offs it is garbage otherwise.
            double userRecall = (double)hits / rel.Count, userNdcg = dcg / idcg, userPrecision = (double)hits / k,
                averagePrecision = precisionSum / ideal;
            double userPopularity = n == 0 ? double.NaN : popularitySum / n, userPercentile = n == 0 ? double.NaN : percentileSum / n,
                userNovelty = n == 0 ? double.NaN : informationSum / n;
            perUser?.Add(new UserRecallAtK
            {
                Model = model,
                Protocol = protocol,
                K = k,
                User = set.Users[users[i]],
                Relevant = rel.Count,
                Hits = hits,
                Recall = userRecall,
                Ndcg = userNdcg,
                Precision = userPrecision,
                AveragePrecision = averagePrecision,
                ReciprocalRank = firstHit,
                MeanPopularity = userPopularity,
                PopularityPercentile = userPercentile,
                Novelty = userNovelty,
            });
            recall += userRecall;
            ndcg += userNdcg;
            precision += userPrecision;
            map += averagePrecision;
            mrr += firstHit;
            if (n > 0)
            {
                usersWithList++;
                meanPopularity += userPopularity;
                percentile += userPercentile;
                novelty += userNovelty;
            }
            hitsTotal += hits;
            relevantTotal += rel.Count;
            if (hits > 0) usersHit++;
        }
        var count = rankings.Count;
        // Over no user a metric is missing, not 0: NaN, shown as n/a.
        double Mean(double sum) => count == 0 ? double.NaN : sum / count;
        // A user given no movie (no candidate left) has no popularity to average.
        double MeanOfLists(double sum) => usersWithList == 0 ? double.NaN : sum / usersWithList;
        var candidates = 0;
        var reached = 0;
        for (var m = 0; m < recommended.Length; m++)
        {
            if (!scope.IsCandidate(m)) continue;
            candidates++;
            if (recommended[m]) reached++;
        }
        return new RecallAtK
        {
            Model = model,
            Protocol = protocol,
            K = k,
            Recall = Mean(recall),
            PooledRecall = relevantTotal == 0 ? double.NaN : (double)hitsTotal / relevantTotal,
            Ndcg = Mean(ndcg),
            HitRate = Mean(usersHit),
            Precision = Mean(precision),
            Map = Mean(map),
            Mrr = Mean(mrr),
            Coverage = count == 0 || candidates == 0 ? double.NaN : (double)reached / candidates,
            MeanPopularity = MeanOfLists(meanPopularity),
            PopularityPercentile = MeanOfLists(percentile),
            Novelty = MeanOfLists(novelty),
            Users = count,
            Relevant = (int)relevantTotal,
        };
    }
}
