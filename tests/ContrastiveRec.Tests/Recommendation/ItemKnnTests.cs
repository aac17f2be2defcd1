using ContrastiveRec.Data;
using ContrastiveRec.Recommendation;
using Xunit;

namespace ContrastiveRec.Tests.Recommendation;

public class ItemKnnTests : IDisposable
{
    private readonly TestRatings _files = new();

    public void Dispose() => _files.Dispose();

    // All neighbours: the exact sum, as ItemKnn always computed it. A few: the sum over each liked movie's k nearest
    // (similarity descending, then lower index), from the item Gram.
    [Theory]
    [InlineData(null)]
    [InlineData(7)]
    public void Sums_the_cosines_of_each_liked_movies_kept_neighbours(int? neighbors)
    {
        var set = _files.WriteGroups(groups: 3, usersPerGroup: 20, moviesPerBlock: 30, density: 0.4, testFraction: 0.1);
        var knn = new ItemKnnRecommender(set, neighbors);
        Assert.Equal(neighbors is null, knn.KeepsAllNeighbors); // 90 movies: all pairs by default
        Assert.Equal(neighbors ?? set.MovieCount - 1, knn.Neighbors);

        // The definition, in float64: cos over raw train ratings, summed over the user's liked train movies.
        var (cosine, liked) = Reference(set, RecommendationScope.Full.LikeThreshold);
        if (neighbors is { } k)
            for (var j = 0; j < set.MovieCount; j++)
            {
                var keep = Enumerable.Range(0, set.MovieCount).Where(m => m != j && cosine[j, m] > 0)
                    .OrderByDescending(m => (float)cosine[j, m]).ThenBy(m => m).Take(k).ToHashSet();
                for (var m = 0; m < set.MovieCount; m++) if (!keep.Contains(m)) cosine[j, m] = 0;
            }
        var users = Enumerable.Range(0, set.UserCount).ToArray();
        var rankings = knn.Recommend(users, 15, RecommendationScope.Full);
        foreach (var r in rankings)
        {
            var seen = TrainMovies(set, r.User);
            var expected = Enumerable.Range(0, set.MovieCount).Where(m => !seen.Contains(m))
                .Select(m => (Movie: m, Score: liked[r.User].Sum(j => cosine[j, m])))
                .Where(x => x.Score > 0).OrderByDescending(x => x.Score).ThenBy(x => x.Movie).Take(15).ToArray();
            Assert.Equal(expected.Length, r.Movies.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i].Score, r.Scores[i], 4);
                // The same movie, unless two scores are within float rounding of each other.
                if (r.Movies[i] != expected[i].Movie) Assert.Equal(expected[i].Score, liked[r.User].Sum(j => cosine[j, r.Movies[i]]), 4);
            }
        }
    }

    [Fact]
    public void With_few_neighbours_recommends_the_movies_of_the_users_taste_group()
    {
        var set = _files.WriteGroups(groups: 3, usersPerGroup: 30, moviesPerBlock: 40, density: 0.6);
        var knn = RecommenderRegistry.Build(BaselineKind.ItemKnn, set, new BaselineSettings { ItemKnnNeighbors = 10 });
        var inner = Assert.IsType<ItemKnnRecommender>(knn.Inner);
        Assert.Equal((10, false), (inner.Neighbors, inner.KeepsAllNeighbors));
        foreach (var r in knn.Recommend(Enumerable.Range(0, set.UserCount).ToArray(), 5, RecommendationScope.Full))
        {
            var group = TestRatings.GroupOf(set.UserIds[r.User]);
            Assert.NotEmpty(r.Movies);
            Assert.All(set.MovieIds(r), id => Assert.Equal(group, (id - 1) / 40));
        }
    }

    [Fact]
    public void Reads_its_setting_and_refuses_by_name_what_its_budget_cannot_hold()
    {
        var set = _files.WriteGroups(groups: 2, usersPerGroup: 10, moviesPerBlock: 10);
        Assert.Contains("-ItemNeighbors", Refused.By("InvalidBaselineSetting", RefusalCategory.InvalidArgument,
            () => RecommenderRegistry.Build(BaselineKind.ItemKnn, set, new BaselineSettings { ItemKnnNeighbors = 0 })).Remedy);
        // Asking for more neighbours than there are other movies keeps them all.
        Assert.True(new ItemKnnRecommender(set, neighbors: 1000).KeepsAllNeighbors);
        var e = Assert.Throws<BaselineTooLargeException>(() => new ItemKnnRecommender(set, neighbors: 5, memoryBudget: 1000));
        Assert.Equal(BaselineKind.ItemKnn, e.Kind);
        Assert.Contains("neighbours", e.Remedy);
    }

    private static HashSet<int> TrainMovies(RatingSet set, int user)
    {
        var seen = new HashSet<int>();
        for (var r = set.UserOffsets[user]; r < set.UserOffsets[user + 1]; r++)
            if (!set.Split.IsTestRow[r]) seen.Add(set.MovieColumn[r]);
        return seen;
    }

    private static (double[,] Cosine, int[][] Liked) Reference(RatingSet set, double threshold)
    {
        var m = set.MovieCount;
        var vectors = new double[m, set.UserCount];
        var liked = new int[set.UserCount][];
        for (var u = 0; u < set.UserCount; u++)
        {
            var likes = new List<int>();
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
            {
                if (set.Split.IsTestRow[r]) continue;
                vectors[set.MovieColumn[r], u] = set.RatingColumn[r];
                if (set.RatingColumn[r] >= threshold) likes.Add(set.MovieColumn[r]);
            }
            liked[u] = likes.ToArray();
        }
        var cosine = new double[m, m];
        for (var a = 0; a < m; a++)
            for (var b = 0; b < m; b++)
            {
                if (a == b) continue;
                double dot = 0, na = 0, nb = 0;
                for (var u = 0; u < set.UserCount; u++)
                {
                    dot += vectors[a, u] * vectors[b, u];
                    na += vectors[a, u] * vectors[a, u];
                    nb += vectors[b, u] * vectors[b, u];
                }
                cosine[a, b] = dot == 0 ? 0 : dot / Math.Sqrt(na * nb);
            }
        return (cosine, liked);
    }
}
