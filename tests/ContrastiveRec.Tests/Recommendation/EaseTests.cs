using ContrastiveRec.Recommendation;
using Xunit;

namespace ContrastiveRec.Tests.Recommendation;

public class EaseTests
{
    // Two users, two movies, lambda 1. X = [[1,1],[1,0]], G = X'X + I = [[3,1],[1,2]], P = G^-1 = [[0.4,-0.2],[-0.2,0.6]].
    // B_ij = -P_ij / P_jj off the diagonal, 0 on it: B = [[0, 1/3], [1/2, 0]].
    // Scores X B: user 1 [1/2, 1/3], user 2 [0, 1/3]. User 2's only unseen movie, movie 2, scores 1/3.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Matches_the_hand_worked_closed_form_in_both_forms(bool viaUsers)
    {
        using var data = new TestRatings();
        var set = data.Write(new[] { (1, 1, 4.0), (1, 2, 2.0), (2, 1, 5.0) });
        var ease = new EaseRecommender(set, lambda: 1, viaUsers: viaUsers);
        Assert.Equal(viaUsers, ease.UsedUserForm);

        var forUser2 = ease.Recommend(new[] { 1 }, 10, RecommendationScope.Full)[0];
        Assert.Equal(new[] { 1 }, forUser2.Movies); // movie 1 is user 2's own: left out
        Assert.Equal(1 / 3.0, forUser2.Scores[0], 5);

        var all = ease.Recommend(new[] { 0, 1 }, 10, RecommendationScope.Full with { IncludeRatedMovies = true });
        Assert.Equal(new[] { 0, 1 }, all[0].Movies);
        AssertClose(new[] { 0.5, 1 / 3.0 }, all[0].Scores);
        Assert.Equal(new[] { 1, 0 }, all[1].Movies);
        AssertClose(new[] { 1 / 3.0, 0 }, all[1].Scores);

        // Newcomers who rated what users 1 and 2 rated are folded in to their scores, without refitting.
        using var newcomer = ease.ScoreNewcomers(new[] { new[] { 0, 1 }, new[] { 0 } });
        AssertClose(new[] { 0.5, 1 / 3.0, 0, 1 / 3.0 }, newcomer.data<float>().ToArray());
    }

    [Fact]
    public void Both_forms_give_the_same_scores_on_real_data()
    {
        var set = ContrastiveRec.Data.MovieLensReader.Read(TestPaths.BundledData).HoldOutUsers(0.9, 1).Training; // 61 users: both forms are cheap
        var small = new EaseRecommender(set, 100, minMovieRatings: 3, viaUsers: true);
        var big = new EaseRecommender(set, 100, minMovieRatings: 3, viaUsers: false);
        var users = Enumerable.Range(0, set.UserCount).ToArray();
        var a = small.Recommend(users, 20, RecommendationScope.Full);
        var b = big.Recommend(users, 20, RecommendationScope.Full);
        for (var u = 0; u < users.Length; u++)
        {
            Assert.Equal(a[u].Scores.Length, b[u].Scores.Length);
            for (var k = 0; k < a[u].Scores.Length; k++) Assert.Equal(a[u].Scores[k], b[u].Scores[k], 3);
        }
    }

    [Fact]
    public void Refuses_a_dense_matrix_over_the_limit_and_names_the_way_out()
    {
        using var data = new TestRatings();
        var set = data.Write(new[] { (1, 1, 4.0), (1, 2, 4.0), (1, 3, 4.0), (2, 1, 3.0), (2, 2, 3.0), (3, 1, 1.0), (3, 3, 2.0) });
        var e = Assert.Throws<ArgumentException>(() => new EaseRecommender(set, maxDenseSide: 2));
        Assert.Contains("limit of 2", e.Message);
        Assert.Contains("MinMovieRatings", e.Message);
        // Keeping only movies with at least 3 ratings leaves one movie: within the limit.
        var kept = new EaseRecommender(set, minMovieRatings: 3, maxDenseSide: 2);
        Assert.Equal(1, kept.KeptMovies);
        Assert.Throws<ArgumentOutOfRangeException>(() => new EaseRecommender(set, lambda: 0));
    }

    private static void AssertClose(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 4);
    }
}
