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

    [Fact]
    public void At_two_recall_is_a_mean_over_users_and_pooled_recall_is_not()
    {
        var r = RankingEvaluator.Score("m", EvaluationProtocol.Full, 2, Rankings, Relevant);
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
        var r = RankingEvaluator.Score("m", EvaluationProtocol.Full, 3, Rankings, Relevant);
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
        var r = RankingEvaluator.Score("m", EvaluationProtocol.Full, 1, Rankings, Relevant);
        // K=1: A's first movie is relevant, B's is not.
        Assert.Equal(0.5, r.HitRate);
        Assert.Equal(0.25, r.Recall, 12);
        Assert.Equal(0.5, r.Ndcg, 12);
    }
}
