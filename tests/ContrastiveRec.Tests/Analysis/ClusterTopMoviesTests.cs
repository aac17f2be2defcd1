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
    public void Ranks_each_clusters_movies_by_lift_with_a_minimum_of_likes_keeping_count_and_mean()
    {
        var rows = ClusterTopMovies.Compute(Tiny(), Clusters, top: 2, minLikes: 2, popularCount: 1);

        // Cluster 0 liked 10 and 30 (both members each); 30 only they liked (lift 4 / 2 = 2), 10 cluster 1 did not like
        // either (ratings of 1), so its lift is 2 as well, and the tie goes to the most likes, then the lower id.
        var c0 = rows.Where(r => r.Cluster == 0).ToList();
        Assert.Equal([10, 30], c0.Select(r => r.MovieId));
        Assert.Equal([1, 2], c0.Select(r => r.Rank));
        Assert.Equal([2.0, 2.0], c0.Select(r => r.Lift));
        Assert.Equal([2, 2], c0.Select(r => r.Likes));
        Assert.Equal([4.5, 4.0], c0.Select(r => r.MeanRating));
        Assert.Equal([2, 2], c0.Select(r => r.Ratings));
        Assert.Equal([true, false], c0.Select(r => r.IsPopular));
        Assert.All(c0, r => Assert.Equal(0.5, r.PopularShare));
        Assert.All(c0, r => Assert.Equal(2, r.ClusterSize));
        Assert.Contains("Movie 10", c0[0].Title);
        Assert.Equal(["Drama"], c0[0].Genres);

        // Cluster 1 liked only 40 (ratings 5 and 4); 70 (3 and 3) is no like, so with a minimum of 2 it has one movie.
        var c1 = rows.Where(r => r.Cluster == 1).ToList();
        Assert.Equal([40], c1.Select(r => r.MovieId));
        Assert.Equal([2.0], c1.Select(r => r.Lift));
        Assert.All(c1, r => Assert.Equal(0.0, r.PopularShare));
    }

    [Fact]
    public void With_a_minimum_of_one_a_single_like_leads_when_only_its_cluster_liked_it()
    {
        var rows = ClusterTopMovies.Compute(Tiny(), Clusters, top: 1, minLikes: 1, popularCount: 1);
        var first = rows.Single(r => r.Cluster == 0);
        Assert.Equal(10, first.MovieId); // 10, 20, 30 all have lift 2; 10 and 30 have two likes, 10 the lower id
        Assert.Equal(2, first.Likes);
    }

    // Two taste groups of 30 users each: A likes movies 1-5, B likes 6-10, everyone likes the blockbuster (100) and
    // rates it 5, while each group rates its own movies 4 and the other's 2. A mean-rating or count ranking puts the
    // blockbuster first in both; lift puts each group's own movies first.
    private RatingSet Planted()
    {
        var rows = new List<(int, int, double)>();
        for (var u = 1; u <= 60; u++)
        {
            var a = u <= 30;
            rows.Add((u, 100, 5));
            for (var m = 1; m <= 10; m++)
                if ((m <= 5) == a) rows.Add((u, m, 4));
                else if ((u + m) % 3 == 0) rows.Add((u, m, 2)); // some see the other group's movies and dislike them
        }
        return _files.Write(rows, testFraction: 0);
    }

    [Fact]
    public void Each_planted_taste_group_gets_its_own_movies_not_the_blockbuster_everyone_likes()
    {
        var set = Planted();
        var clusters = Enumerable.Range(1, 60).Select(u => ((object)u, u <= 30 ? 0 : 1));
        var rows = ClusterTopMovies.Compute(set, clusters, top: 5);

        Assert.Equal([1, 2, 3, 4, 5], rows.Where(r => r.Cluster == 0).Select(r => (int)r.MovieId).Order());
        Assert.Equal([6, 7, 8, 9, 10], rows.Where(r => r.Cluster == 1).Select(r => (int)r.MovieId).Order());
        Assert.DoesNotContain(rows, r => (int)r.MovieId == 100);
        // All 30 liked each, and only they: twice as often as everyone (30 of 30 against 30 of 60).
        Assert.All(rows, r => Assert.Equal(2.0, r.Lift, 12));
        Assert.All(rows, r => Assert.Equal(30, r.Likes));
        Assert.All(rows, r => Assert.Equal(4.0, r.MeanRating));

        // Asked for more than its own, a group gets the blockbuster (lift 1) after them, never the other group's movies
        // it rated 2 (no likes).
        var six = ClusterTopMovies.Compute(set, clusters, top: 6).Where(r => r.Cluster == 0).ToList();
        Assert.Equal(100, six[5].MovieId);
        Assert.Equal(1.0, six[5].Lift, 12);
        Assert.Equal(6, six.Count);
    }

    [Fact]
    public void The_default_minimum_is_ten_likes_or_five_percent_of_the_cluster_whichever_is_larger()
    {
        Assert.Equal(10, ClusterTopMovies.MinLikesFor(30));
        Assert.Equal(10, ClusterTopMovies.MinLikesFor(200));
        Assert.Equal(11, ClusterTopMovies.MinLikesFor(201));
        Assert.Equal(50, ClusterTopMovies.MinLikesFor(1000));

        // A movie only nine of a group liked is not ranked by default, however high its lift.
        var set = _files.Write(Enumerable.Range(1, 40).SelectMany(u => new[] { (u, 1, 4.0) }
            .Concat(u <= 9 ? [(u, 2, 5.0)] : Array.Empty<(int, int, double)>())), testFraction: 0);
        var clusters = Enumerable.Range(1, 40).Select(u => ((object)u, u <= 20 ? 0 : 1));
        var top = ClusterTopMovies.Compute(set, clusters, top: 2).Where(r => r.Cluster == 0).ToList();
        Assert.Equal([1], top.Select(r => r.MovieId));
        Assert.Equal(2, ClusterTopMovies.Compute(set, clusters, top: 1, minLikes: 9).Single(r => r.Cluster == 0).MovieId);
    }

    [Fact]
    public void Counts_only_train_ratings()
    {
        // Every user has 8 ratings of the same movies; a 50% split holds half of each user's out.
        var rows = new List<(int, int, double)>();
        for (var u = 1; u <= 4; u++)
            for (var m = 1; m <= 8; m++) rows.Add((u, m, 1 + (u + m) % 5));
        var set = _files.Write(rows, testFraction: 0.5);
        var result = ClusterTopMovies.Compute(set, Clusters, top: 8, minLikes: 1);
        var trainLikes = Enumerable.Range(0, set.RatingCount).Count(r => !set.Split.IsTestRow[r] && set.Feedback.IsRelevant(set.RatingColumn[r]));
        Assert.Equal(trainLikes, result.Sum(r => r.Likes));
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
