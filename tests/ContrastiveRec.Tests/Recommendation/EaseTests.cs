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

    // Movie 1 has 4 train ratings, movie 2 has 3, movie 3 has 2, movie 4 has 1.
    private static readonly (int, int, double)[] Counted =
    [
        (1, 1, 4.0), (1, 2, 4.0), (1, 3, 4.0), (1, 4, 4.0),
        (2, 1, 3.0), (2, 2, 3.0), (2, 3, 5.0),
        (3, 1, 1.0), (3, 2, 2.0),
        (4, 1, 5.0),
    ];

    [Fact]
    public void Above_its_memory_budget_keeps_the_most_rated_movies_that_fit()
    {
        using var data = new TestRatings();
        var set = data.Write(Counted);
        var budget = EaseRecommender.MoviesFormBytes(2, set.TrainCount, set.UserCount);
        var ease = new EaseRecommender(set, 1, minMovieRatings: 1, viaUsers: false, budget);
        Assert.Equal((2, 2, true), (ease.MovieCap, ease.KeptMovies, ease.CapWasAutomatic));
        Assert.Equal(7 / 10.0, ease.RatingShareCovered, 9); // movies 1 and 2: 4 + 3 of 10 train ratings
        Assert.Contains("the 2 most-rated movies that fit", ease.ToString());
        // Only kept movies are ever recommended: user 4 rated movie 1 only, and may get movie 2 but never 3 or 4.
        Assert.Equal(new[] { 2 }, set.MovieIds(ease.Recommend(set.Users(4), 10, RecommendationScope.Full)[0]));
        using var newcomer = ease.ScoreNewcomers([[0, 2]]);
        Assert.Equal(2, newcomer.data<float>().ToArray().Count(float.IsFinite));

        // -MinMovieRatings within the cap chooses alone: not automatic.
        var narrowed = new EaseRecommender(set, 1, minMovieRatings: 3, viaUsers: false, budget);
        Assert.Equal((2, false), (narrowed.KeptMovies, narrowed.CapWasAutomatic));
        // And it may narrow further than the cap.
        Assert.Equal(1, new EaseRecommender(set, 1, minMovieRatings: 4, viaUsers: false, budget).KeptMovies);
    }

    [Fact]
    public void Refuses_by_name_when_not_even_one_movie_fits_its_budget()
    {
        using var data = new TestRatings();
        var set = data.Write(Counted);
        var budget = EaseRecommender.MoviesFormBytes(1, set.TrainCount, set.UserCount) - 1;
        var e = Assert.Throws<BaselineTooLargeException>(() => new EaseRecommender(set, 1, minMovieRatings: 1, viaUsers: false, budget));
        Assert.Equal(BaselineKind.Ease, e.Kind);
        Assert.Equal(budget, e.LimitBytes);
        Assert.True(e.RequiredBytes > e.LimitBytes);
        Assert.StartsWith("EASE", e.Message);
        // The users form too, when told to use it and it does not fit.
        Assert.Throws<BaselineTooLargeException>(() => new EaseRecommender(set, 1, 1, viaUsers: true, memoryBudget: 100));
        var lambda = Refused.By("InvalidBaselineSetting", RefusalCategory.InvalidArgument, () => new EaseRecommender(set, lambda: 0));
        Assert.Equal(0.0, lambda.Target);
        Assert.Contains("-Lambda", lambda.Remedy);
        // A minimum no movie reaches would keep nothing and recommend nothing: refused, with the largest that works.
        var nothing = Refused.By("NothingToLearn", RefusalCategory.InvalidData, () => new EaseRecommender(set, minMovieRatings: 1_000_000));
        Assert.Contains("EASE would keep no movies", nothing.Problem);
        Assert.Matches(@"-MinMovieRatings \d+ or less", nothing.Remedy);
    }

    [Fact]
    public void Reports_progress_on_the_calling_thread_and_stops_when_cancelled()
    {
        using var data = new TestRatings();
        var set = data.Write(Counted);
        var thread = Environment.CurrentManagedThreadId;
        var reports = new List<BaselineBuildProgress>();
        _ = new EaseRecommender(set, 1, viaUsers: false, progress: p =>
        {
            Assert.Equal(thread, Environment.CurrentManagedThreadId);
            reports.Add(p);
        });
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.Equal(reports.Select(p => p.Fraction).Order(), reports.Select(p => p.Fraction));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new EaseRecommender(set, 1, viaUsers: false, ct: cancelled.Token));
    }

    private static void AssertClose(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 4);
    }
}
