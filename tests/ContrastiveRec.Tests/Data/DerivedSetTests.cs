using ContrastiveRec.Data;
using Xunit;

namespace ContrastiveRec.Tests.Data;

public class DerivedSetTests
{
    private static readonly RatingSet Bundled = MovieLensReader.Read(TestPaths.BundledData);

    private static IEnumerable<(int User, int Movie, float Rating, long Time)> Rows(RatingSet set, bool test)
    {
        foreach (var user in set.UserIds)
            foreach (var r in set.GetRatings(user))
                if (r.IsTest == test) yield return ((int)user, (int)r.MovieId, r.Value, r.Time!.Value.ToUnixTimeSeconds());
    }

    [Fact]
    public void A_validation_split_comes_from_the_train_part_only_and_never_overlaps_test()
    {
        var validation = Bundled.TrainPart(0.05, 7);
        var test = Rows(Bundled, test: true).ToHashSet();
        var train = Rows(Bundled, test: false).ToHashSet();
        var all = Rows(validation, false).Concat(Rows(validation, true)).ToList();
        Assert.Equal(Bundled.TrainCount, all.Count);
        Assert.True(all.All(train.Contains));
        Assert.DoesNotContain(all, test.Contains);
        Assert.InRange(validation.TestCount, 0.045 * validation.RatingCount, 0.06 * validation.RatingCount);
        Assert.NotNull(validation.Derivation);
        Assert.Null(Bundled.Derivation);
    }

    [Fact]
    public void Holding_out_users_splits_them_cleanly_and_keeps_the_catalogue()
    {
        var holdOut = Bundled.HoldOutUsers(0.1, 5);
        Assert.Equal(61, holdOut.Newcomers.UserCount);
        Assert.Equal(549, holdOut.Training.UserCount);
        Assert.Empty(holdOut.Newcomers.UserIds.Intersect(holdOut.Training.UserIds));
        Assert.Equal(Bundled.RatingCount, holdOut.Newcomers.RatingCount + holdOut.Training.RatingCount);
        Assert.Equal(Bundled.MovieIds, holdOut.Newcomers.MovieIds);
        Assert.Equal(Bundled.MovieIds, holdOut.Training.MovieIds);
        // Each newcomer tells 80% of their ratings and keeps 20% to be found.
        foreach (var user in holdOut.Newcomers.UserIds)
        {
            var ratings = holdOut.Newcomers.GetRatings(user);
            Assert.Equal(RatingSplit.TestCountFor(ratings.Count, 0.2), ratings.Count(r => r.IsTest));
            Assert.Equal(Bundled.GetRatings(user).Select(r => (r.MovieId, r.Value)), ratings.Select(r => (r.MovieId, r.Value)));
        }
        Assert.Equal(holdOut.Newcomers.UserIds, Bundled.HoldOutUsers(0.1, 5).Newcomers.UserIds);
        Assert.NotEqual(holdOut.Newcomers.UserIds, Bundled.HoldOutUsers(0.1, 6).Newcomers.UserIds);
    }
}
