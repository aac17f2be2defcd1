using ContrastiveRec.Recommendation;
using Xunit;

namespace ContrastiveRec.Tests.Recommendation;

/// <summary>A lambda sweep reuses what comes before lambda (EaseGram): each of its models must be the model a build of
/// its own gives, to the last bit, in both forms; and a Gram that does not fit beside the factorisation is not kept.</summary>
public class EaseSweepTests
{
    private static readonly ContrastiveRec.Data.RatingSet Set =
        ContrastiveRec.Data.MovieLensReader.Read(TestPaths.BundledData).HoldOutUsers(0.9, 1).Training; // 61 users

    private static MovieRanking[] Rank(EaseRecommender ease) =>
        ease.Recommend(Enumerable.Range(0, Set.UserCount).ToArray(), 20, RecommendationScope.Full);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Each_lambda_of_a_sweep_is_the_model_of_its_own_build(bool viaUsers)
    {
        using var sweep = new EaseGram();
        foreach (var lambda in new[] { 30.0, 300.0, 30.0 })
        {
            var swept = new EaseRecommender(Set, lambda, 3, viaUsers, BaselineSettings.DefaultMemoryBudget, sweep: sweep);
            var alone = new EaseRecommender(Set, lambda, 3, viaUsers);
            Assert.NotNull(viaUsers ? sweep.Users : sweep.Gram);
            var (a, b) = (Rank(swept), Rank(alone));
            for (var u = 0; u < a.Length; u++)
            {
                Assert.Equal(b[u].Movies, a[u].Movies);
                Assert.Equal(b[u].Scores, a[u].Scores);
            }
        }
    }

    [Fact]
    public void Keeps_no_Gram_that_would_not_fit_beside_the_factorisation()
    {
        var alone = new EaseRecommender(Set, 100, 3, viaUsers: false);
        // Exactly the factorisation's peak: the model is whole, and no room is left for the kept Gram.
        var budget = EaseRecommender.MoviesFormBytes(alone.KeptMovies, Set.TrainCount, Set.UserCount);
        using var sweep = new EaseGram();
        var swept = new EaseRecommender(Set, 100, 3, false, budget, sweep: sweep);
        Assert.Equal(alone.KeptMovies, swept.KeptMovies);
        Assert.False(swept.CapWasAutomatic);
        Assert.Null(sweep.Gram);
        Assert.Equal(Rank(alone)[0].Scores, Rank(swept)[0].Scores);
    }
}
