using ContrastiveRec.Data;
using Xunit;

namespace ContrastiveRec.Tests.Data;

public class RatingSplitTests
{
    // Users with 1, 2, 10, 21 and 40 ratings; timestamps distinct and shuffled within each user.
    private static readonly int[] Sizes = { 1, 2, 10, 21, 40 };

    private static RatingSet MakeSet(TempFolder dir)
    {
        var lines = new List<string> { "userId,movieId,rating,timestamp" };
        for (var u = 0; u < Sizes.Length; u++)
            for (var i = 0; i < Sizes[u]; i++)
                lines.Add($"{u + 1},{i + 1},{1 + i % 5}.0,{1000 + (i * 7919) % 997}");
        dir.Write("ratings.csv", lines.ToArray());
        return MovieLensReader.Read(dir.Path, new MovieLensReadOptions { TestFraction = 0 });
    }

    private static int[] TestCountsPerUser(RatingSet set) =>
        set.UserIds.Select(id => set.GetRatings(id).Count(r => r.IsTest)).ToArray();

    [Theory]
    [InlineData(0, 0.05, 0)]
    [InlineData(1, 0.5, 0)]   // a single rating stays in train
    [InlineData(2, 0.05, 1)]  // at least one test row ...
    [InlineData(2, 0.9, 1)]   // ... and at least one train row
    [InlineData(10, 0.05, 1)] // 0.5 rounds away from zero
    [InlineData(10, 0.25, 3)] // 2.5 rounds away from zero
    [InlineData(21, 0.2, 4)]  // 4.2
    [InlineData(100, 0.05, 5)]
    [InlineData(10, 0, 0)]
    public void TestCountFor_rounds_and_keeps_both_sides(int n, double fraction, int expected) =>
        Assert.Equal(expected, RatingSplit.TestCountFor(n, fraction));

    [Theory]
    [InlineData(SplitMethod.Random)]
    [InlineData(SplitMethod.Temporal)]
    public void Every_user_gets_the_count_TestCountFor_gives(SplitMethod method)
    {
        using var dir = new TempFolder();
        var set = MakeSet(dir).WithSplit(method, 0.2, 3);
        var expected = Sizes.Select(n => RatingSplit.TestCountFor(n, 0.2)).ToArray();
        Assert.Equal(new[] { 0, 1, 2, 4, 8 }, expected);
        Assert.Equal(expected, TestCountsPerUser(set));
        Assert.Equal(15, set.TestCount);
        Assert.Equal(Sizes.Sum() - 15, set.TrainCount);
        Assert.Equal(method, set.Split.Method);
        Assert.Equal(0.2, set.Split.TestFraction);
        Assert.Equal(method == SplitMethod.Random ? 3 : null, set.Split.Seed);
        foreach (var id in set.UserIds.Skip(1)) // users with two or more ratings keep at least one of each
        {
            var ratings = set.GetRatings(id);
            Assert.Contains(ratings, r => r.IsTest);
            Assert.Contains(ratings, r => !r.IsTest);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        using var dir = new TempFolder();
        var set = MakeSet(dir);
        var a = set.WithSplit(SplitMethod.Random, 0.2, 11);
        var b = set.WithSplit(SplitMethod.Random, 0.2, 11);
        var c = set.WithSplit(SplitMethod.Random, 0.2, 12);
        Assert.Equal(a.Split.IsTestRow, b.Split.IsTestRow);
        Assert.NotEqual(a.Split.IsTestRow, c.Split.IsTestRow);
        Assert.Equal(TestCountsPerUser(a), TestCountsPerUser(c)); // only which rows differ, not how many

        // Reading with a seed is the same as splitting afterwards with it.
        var read = MovieLensReader.Read(dir.Path, new MovieLensReadOptions { TestFraction = 0.2, Seed = 11 });
        Assert.Equal(a.Split.IsTestRow, read.Split.IsTestRow);
    }

    [Fact]
    public void Temporal_holds_out_each_users_latest_ratings()
    {
        using var dir = new TempFolder();
        var set = MakeSet(dir).WithSplit(SplitMethod.Temporal, 0.2, 0);
        foreach (var id in set.UserIds)
        {
            var ratings = set.GetRatings(id);
            var test = ratings.Where(r => r.IsTest).ToList();
            if (test.Count == 0) continue;
            var train = ratings.Where(r => !r.IsTest).ToList();
            Assert.True(test.Min(r => r.Time) > train.Max(r => r.Time), $"user {id}");
        }
        // The seed plays no part in a temporal split.
        Assert.Equal(set.Split.IsTestRow, set.WithSplit(SplitMethod.Temporal, 0.2, 99).Split.IsTestRow);
    }

    [Fact]
    public void Temporal_breaks_timestamp_ties_the_same_way_every_time()
    {
        using var dir = new TempFolder();
        dir.Write("ratings.csv", "userId,movieId,rating,timestamp", "1,4,3.0,5", "1,2,3.0,9", "1,3,3.0,9", "1,1,3.0,1");
        var set = MovieLensReader.Read(dir.Path, new MovieLensReadOptions { TestFraction = 0.25, SplitMethod = SplitMethod.Temporal });
        // One test row among the two latest (t=9): the higher movie index, movie 3.
        var test = Assert.Single(set.GetRatings(1), r => r.IsTest);
        Assert.Equal(3, test.MovieId);
    }

    [Fact]
    public void A_zero_fraction_holds_out_nothing()
    {
        using var dir = new TempFolder();
        var set = MakeSet(dir).WithSplit(SplitMethod.Random, 0, 5);
        Assert.Equal(0, set.TestCount);
        Assert.Equal(Sizes.Sum(), set.TrainCount);
        Assert.DoesNotContain(set.Split.IsTestRow, t => t);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void A_fraction_outside_0_to_1_is_refused(double fraction)
    {
        using var dir = new TempFolder();
        var set = MakeSet(dir);
        Assert.Throws<ArgumentOutOfRangeException>(() => set.WithSplit(SplitMethod.Random, fraction, 1));
    }

    [Fact]
    public void WithSplit_shares_the_rating_columns_and_leaves_the_original_alone()
    {
        using var dir = new TempFolder();
        var set = MakeSet(dir).WithSplit(SplitMethod.Random, 0.2, 1);
        var before = (bool[])set.Split.IsTestRow.Clone();
        var other = set.WithSplit(SplitMethod.Temporal, 0.5, 2);
        Assert.Same(set.RatingColumn, other.RatingColumn);
        Assert.Same(set.MovieColumn, other.MovieColumn);
        Assert.Same(set.TimestampColumn, other.TimestampColumn);
        Assert.Same(set.UserOffsets, other.UserOffsets);
        Assert.Equal(set.Source, other.Source);
        Assert.Equal(before, set.Split.IsTestRow);
        Assert.Equal(SplitMethod.Random, set.Split.Method);
        Assert.NotEqual(set.TestCount, other.TestCount);
    }
}
