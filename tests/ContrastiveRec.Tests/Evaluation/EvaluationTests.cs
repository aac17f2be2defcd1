using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Recommendation;
using Xunit;

namespace ContrastiveRec.Tests.Evaluation;

public class EvaluationTests
{
    // User A: relevant {1, 2}, ranked 1, 9, 2.  User B: relevant {3, 4, 5, 6}, ranked 7, 3 (only two movies).
    private static readonly MovieRanking[] Rankings =
    {
        new(0, new[] { 1, 9, 2 }, new float[3], null),
        new(1, new[] { 7, 3 }, new float[2], null),
    };
    private static readonly HashSet<int>[] Relevant = { new() { 1, 2 }, new() { 3, 4, 5, 6 } };
    private static double Gain(int place) => 1 / Math.Log2(place + 1); // place counted from 1

    // Ten movies (ids 1-10, indices 0-9) and four users (ids 11-14, all train): movie 1 is rated by all four, movie 2 by
    // three, movie 3 by two, the other seven by one each.
    private static readonly RatingSet Catalogue = CatalogueOfTen();

    private static RatingSet CatalogueOfTen()
    {
        var rows = new List<(int User, int Movie)>();
        for (var u = 11; u <= 14; u++) rows.Add((u, 1));
        for (var u = 11; u <= 13; u++) rows.Add((u, 2));
        for (var u = 11; u <= 12; u++) rows.Add((u, 3));
        for (var m = 4; m <= 10; m++) rows.Add((14, m));
        return ColumnSets.Of("hand-made", rows.Select(r => r.User).ToArray(), rows.Select(r => r.Movie).ToArray(), rows.Select(_ => 4f).ToArray(), null);
    }

    private static RecallAtK Score(int k, List<UserRecallAtK>? perUser = null) =>
        RankingEvaluator.Score("m", EvaluationProtocol.Full, k, Rankings, Relevant, [0, 1], Catalogue, MoviePopularity.Of(Catalogue), RecommendationScope.Full, perUser);

    [Fact]
    public void At_two_recall_is_a_mean_over_users_and_pooled_recall_is_not()
    {
        var r = Score(2);
        // A: 1 hit of 2 (place 1); B: 1 hit of 4 (place 2). Recall (1/2 + 1/4)/2; pooled 2/6.
        Assert.Equal(0.375, r.Recall, 12);
        Assert.Equal(2.0 / 6, r.PooledRecall, 12);
        // IDCG over min(2, relevant) = 2 places for both: A = 1 / (1 + g2), B = g2 / (1 + g2); their mean is exactly 1/2.
        Assert.Equal(0.5, r.Ndcg, 12);
        Assert.Equal(1.0, r.HitRate);
        Assert.Equal(0.5, r.Precision, 12);
        Assert.Equal((2, 6), (r.Users, r.Relevant));
    }

    [Fact]
    public void At_three_a_short_list_counts_what_it_found_and_precision_keeps_k()
    {
        var r = Score(3);
        // A: 2 of 2 (places 1, 3); B: still 1 of 4 (place 2; its list has two movies).
        Assert.Equal((1.0 + 0.25) / 2, r.Recall, 12);
        Assert.Equal(3.0 / 6, r.PooledRecall, 12);
        var ndcgA = (Gain(1) + Gain(3)) / (Gain(1) + Gain(2));            // IDCG over min(3, 2) places
        var ndcgB = Gain(2) / (Gain(1) + Gain(2) + Gain(3));              // IDCG over min(3, 4) places
        Assert.Equal((ndcgA + ndcgB) / 2, r.Ndcg, 12);
        Assert.Equal((2.0 / 3 + 1.0 / 3) / 2, r.Precision, 12);
    }

    [Fact]
    public void A_user_without_hits_lowers_the_hit_rate()
    {
        var r = Score(1);
        // K=1: A's first movie is relevant, B's is not.
        Assert.Equal(0.5, r.HitRate);
        Assert.Equal(0.25, r.Recall, 12);
        Assert.Equal(0.5, r.Ndcg, 12);
    }

    [Fact]
    public void Map_and_mrr_by_hand()
    {
        var r = Score(3);
        // A: hits at places 1 and 3, AP = (1/1 + 2/3) / min(3, 2); RR = 1. B: a hit at place 2, AP = (1/2) / min(3, 4); RR = 1/2.
        Assert.Equal(((1 + 2.0 / 3) / 2 + 0.5 / 3) / 2, r.Map, 12);
        Assert.Equal(0.75, r.Mrr, 12);
        // K=1: A's first movie is a hit (AP 1/min(1, 2) = 1, RR 1), B's is not (0, 0).
        Assert.Equal(0.5, Score(1).Map, 12);
        Assert.Equal(0.5, Score(1).Mrr, 12);
    }

    [Fact]
    public void Coverage_popularity_and_novelty_by_hand()
    {
        // K=1: A gets index 1 (movie 2, three raters), B index 7 (movie 8, one rater). Two of ten movies reached.
        var one = Score(1);
        Assert.Equal(0.2, one.Coverage, 12);
        Assert.Equal((3 + 1) / 2.0, one.MeanPopularity, 12);
        // Popularities sorted: seven 1s, 2, 3, 4. Movie 2 is above eight of ten movies, movie 8 above none.
        Assert.Equal((0.8 + 0) / 2, one.PopularityPercentile, 12);
        Assert.Equal((-Math.Log2(3 / 4.0) + -Math.Log2(1 / 4.0)) / 2, one.Novelty, 12);
        // K=3: A's list 1, 9, 2 and B's 7, 3 reach five movies; each user's list is averaged, then the users.
        var three = Score(3);
        Assert.Equal(0.5, three.Coverage, 12);
        Assert.Equal(((3 + 1 + 2) / 3.0 + (1 + 1) / 2.0) / 2, three.MeanPopularity, 12);
    }

    [Fact]
    public void Per_user_rows_name_the_users_and_average_to_the_summary_exactly()
    {
        var rows = new List<UserRecallAtK>();
        var r = Score(3, rows);
        Assert.Equal(new object[] { 11, 12 }, rows.Select(x => x.User));
        Assert.Equal((2, 2, 1.0, 1.0), (rows[0].Relevant, rows[0].Hits, rows[0].Recall, rows[0].ReciprocalRank));
        Assert.Equal((4, 1, 0.25, 0.5), (rows[1].Relevant, rows[1].Hits, rows[1].Recall, rows[1].ReciprocalRank));
        Assert.Equal(r.Recall, (rows[0].Recall + rows[1].Recall) / 2);
        Assert.Equal(r.Map, (rows[0].AveragePrecision + rows[1].AveragePrecision) / 2);
        Assert.Equal(r.Novelty, (rows[0].Novelty + rows[1].Novelty) / 2);
    }

    [Fact]
    public void Per_user_rows_of_a_real_evaluation_average_to_its_summary_exactly()
    {
        var set = MovieLensReader.Read(TestPaths.BundledData);
        var model = new MostPopularRecommender(set);
        var rows = new List<UserRecallAtK>();
        var results = RankingEvaluator.Evaluate(model, EvaluationProtocol.Full, [10, 50], rows);
        Assert.Equal(results[0].Users * 2, rows.Count);
        Assert.Equal([10, 50], rows.Take(2).Select(x => x.K)); // a user's cut-offs together
        foreach (var summary in results)
        {
            var mine = rows.Where(x => x.K == summary.K).ToList();
            double recall = 0, ndcg = 0, map = 0, mrr = 0, novelty = 0;
            foreach (var row in mine) (recall, ndcg, map, mrr, novelty) = (recall + row.Recall, ndcg + row.Ndcg, map + row.AveragePrecision, mrr + row.ReciprocalRank, novelty + row.Novelty);
            Assert.Equal(summary.Recall, recall / mine.Count);
            Assert.Equal(summary.Ndcg, ndcg / mine.Count);
            Assert.Equal(summary.Map, map / mine.Count);
            Assert.Equal(summary.Mrr, mrr / mine.Count);
            Assert.Equal(summary.Novelty, novelty / mine.Count);
            Assert.Equal(summary.HitRate, mine.Count(x => x.Hits > 0) / (double)mine.Count);
        }
        // The most popular movies to everyone: high popularity, low coverage, as the measures are meant to show.
        Assert.True(results[0].PopularityPercentile > 0.99, $"percentile {results[0].PopularityPercentile}");
        Assert.True(results[0].Coverage < 0.01, $"coverage {results[0].Coverage}");
    }

    [Fact]
    public void The_recall_curve_by_hand_keeps_a_short_list_s_hits()
    {
        var curve = RecallCurve.Of("m", EvaluationProtocol.Full, Rankings, Relevant, 4);
        // A finds 1 at place 1 and 2 at place 3; B finds 3 at place 2 and has no place 3 or 4.
        Assert.Equal(new[] { (0.5 + 0) / 2, (0.5 + 0.25) / 2, (1.0 + 0.25) / 2, (1.0 + 0.25) / 2 }, curve.Recall);
        for (var k = 1; k <= 3; k++) Assert.Equal(Score(k).Recall, curve.At(k));
        Assert.Throws<ArgumentOutOfRangeException>(() => curve.At(5));
    }

    [Fact]
    public void The_recall_curve_of_a_real_evaluation_equals_its_recall_at_each_cutoff_exactly()
    {
        var set = MovieLensReader.Read(TestPaths.BundledData);
        var model = new EaseRecommender(set);
        var (results, curve) = RankingEvaluator.EvaluateWithCurve(model, EvaluationProtocol.Full, [10, 20, 50], 100);
        var plain = RankingEvaluator.Evaluate(model, EvaluationProtocol.Full, [10, 20, 50]);
        Assert.Equal(100, curve.MaxK);
        Assert.Equal(results[0].Users, curve.Users);
        for (var i = 0; i < 3; i++)
        {
            // Ranked to 100 rather than 50, the first K are the same: the same figures to the last digit.
            Assert.Equal(plain[i], results[i]);
            Assert.Equal(results[i].Recall, curve.At(results[i].K));
        }
        for (var k = 1; k < 100; k++) Assert.True(curve.At(k + 1) >= curve.At(k), $"recall falls from K {k} to {k + 1}");
        Assert.True(curve.At(100) > curve.At(50));
    }
}
