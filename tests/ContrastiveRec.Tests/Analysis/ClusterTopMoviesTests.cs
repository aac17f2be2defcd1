using ContrastiveRec.Analysis;
using ContrastiveRec.Data;
using Xunit;

namespace ContrastiveRec.Tests.Analysis;

public class ClusterTopMoviesTests : IDisposable
{
    private readonly TestRatings _files = new();

    public void Dispose() => _files.Dispose();

    // Cluster 0 = users 1, 2; cluster 1 = users 3, 4. Movie 10 is rated by all four (the most-rated, so "popular").
    private RatingSet Tiny() => _files.Write(
    [
        (1, 10, 5), (2, 10, 4), (3, 10, 1), (4, 10, 1),
        (1, 20, 5),                       // one 5-star rating: must not win with MinRatings 2
        (1, 30, 4), (2, 30, 4),
        (3, 40, 5), (4, 40, 4),
        (3, 50, 1), (4, 50, 2),
        (1, 60, 3), (2, 60, 2),
        (3, 70, 3), (4, 70, 3),
    ], testFraction: 0);

    private static readonly (object, int)[] Clusters = [(1, 0), (2, 0), (3, 1), (4, 1)];

    [Fact]
    public void Ranks_each_clusters_movies_by_mean_member_rating_with_a_minimum_count()
    {
        var rows = ClusterTopMovies.Compute(Tiny(), Clusters, top: 2, minRatings: 2, popularCount: 1);
        Assert.Equal(4, rows.Count);

        var c0 = rows.Where(r => r.Cluster == 0).ToList();
        Assert.Equal([10, 30], c0.Select(r => r.MovieId));
        Assert.Equal([1, 2], c0.Select(r => r.Rank));
        Assert.Equal([4.5, 4.0], c0.Select(r => r.MeanRating));
        Assert.Equal([2, 2], c0.Select(r => r.Ratings));
        Assert.Equal([true, false], c0.Select(r => r.IsPopular));
        Assert.All(c0, r => Assert.Equal(0.5, r.PopularShare));
        Assert.All(c0, r => Assert.Equal(2, r.ClusterSize));
        Assert.Contains("Movie 10", c0[0].Title);
        Assert.Equal(["Drama"], c0[0].Genres);

        var c1 = rows.Where(r => r.Cluster == 1).ToList();
        Assert.Equal([40, 70], c1.Select(r => r.MovieId));
        Assert.Equal([4.5, 3.0], c1.Select(r => r.MeanRating));
        Assert.All(c1, r => Assert.Equal(0.0, r.PopularShare));
    }

    [Fact]
    public void With_a_minimum_of_one_a_single_five_star_rating_wins()
    {
        var rows = ClusterTopMovies.Compute(Tiny(), Clusters, top: 1, minRatings: 1, popularCount: 1);
        Assert.Equal(20, rows.Single(r => r.Cluster == 0).MovieId);
        Assert.Equal(1, rows.Single(r => r.Cluster == 0).Ratings);
    }

    [Fact]
    public void Counts_only_train_ratings()
    {
        // Every user has 8 ratings of the same movies; a 50% split holds half of each user's out.
        var rows = new List<(int, int, double)>();
        for (var u = 1; u <= 4; u++)
            for (var m = 1; m <= 8; m++) rows.Add((u, m, 1 + (u + m) % 5));
        var set = _files.Write(rows, testFraction: 0.5);
        var result = ClusterTopMovies.Compute(set, Clusters, top: 8, minRatings: 1);
        Assert.Equal(set.TrainCount, result.Sum(r => r.Ratings));
    }

    [Fact]
    public void Refuses_users_the_ratings_do_not_have_and_users_given_twice()
    {
        var set = Tiny();
        var other = Refused.By("UnknownOrRepeatedUser", RefusalCategory.InvalidData, () => ClusterTopMovies.Compute(set, [(1, 0), (99, 1)]));
        Assert.Contains("User 99", other.Problem);
        Assert.Same(set, other.Target);
        Assert.Contains("-Ratings", other.Remedy);
        Assert.Contains("more than once", Refused.By("UnknownOrRepeatedUser", RefusalCategory.InvalidData, () => ClusterTopMovies.Compute(set, [((object)1, 0), (1, 1)])).Problem);
        Assert.Throws<ArgumentException>(() => ClusterTopMovies.Compute(set, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClusterTopMovies.Compute(set, Clusters, top: 0));
    }

    [Fact]
    public void Most_rated_breaks_ties_by_movie_id_and_never_counts_unrated_movies()
    {
        var set = Tiny();
        var ids = ClusterTopMovies.MostRated(set, 3).Select(m => set.MovieIds[m]).Order().ToArray();
        Assert.Equal([10, 30, 40], ids); // 10 has 4 ratings; 30, 40, 50, 60, 70 have 2 each: lowest ids first
        Assert.Equal(7, ClusterTopMovies.MostRated(set, 100).Count);
    }
}
