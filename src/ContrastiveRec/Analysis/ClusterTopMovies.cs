using ContrastiveRec.Data;

namespace ContrastiveRec.Analysis;

/// <summary>Finds each cluster's top movies from its members' train ratings.</summary>
public static class ClusterTopMovies
{
    /// <summary>Movies listed per cluster when not told.</summary>
    public const int DefaultTop = 5;

    /// <summary>Fewest member ratings a movie needs when not told.</summary>
    public const int DefaultMinRatings = 5;

    /// <summary>How many of the most-rated movies count as popular when not told.</summary>
    public const int DefaultPopularCount = 100;

    /// <param name="clusters">(user id, as a number or text, cluster) pairs; every user must be in <paramref name="set"/>, once.</param>
    /// <param name="top">Movies per cluster.</param>
    /// <param name="minRatings">Fewest member ratings a movie needs, so that one 5-star rating does not win.</param>
    /// <param name="popularCount">How many of the set's most-rated movies (train ratings, all users) count as popular.</param>
    public static IReadOnlyList<ClusterTopMovie> Compute(
        RatingSet set, IEnumerable<(object UserId, int Cluster)> clusters, int top = DefaultTop, int minRatings = DefaultMinRatings,
        int popularCount = DefaultPopularCount)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(clusters);
        if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), top, "Top must be 1 or more.");
        if (minRatings < 1) throw new ArgumentOutOfRangeException(nameof(minRatings), minRatings, "MinRatings must be 1 or more.");
        if (popularCount < 0) throw new ArgumentOutOfRangeException(nameof(popularCount), popularCount, "PopularCount must be 0 or more.");

        var members = new Dictionary<int, List<int>>();
        var seen = new HashSet<int>();
        foreach (var (userId, cluster) in clusters)
        {
            if (!set.TryGetUserIndex(userId, out var u))
                throw UnknownOrRepeatedUser($"User {userId} is not in the ratings ({set}).", set);
            if (!seen.Add(u))
                throw UnknownOrRepeatedUser($"User {userId} is given more than once; each user belongs to one cluster.", set);
            if (!members.TryGetValue(cluster, out var list)) members[cluster] = list = [];
            list.Add(u);
        }
        if (members.Count == 0) throw new ArgumentException("There are no clustered users.", nameof(clusters));

        var popular = MostRated(set, popularCount);
        var sums = new double[set.MovieCount];
        var counts = new int[set.MovieCount];
        var rows = new List<ClusterTopMovie>();
        foreach (var (cluster, users) in members.OrderBy(c => c.Key))
        {
            Array.Clear(sums);
            Array.Clear(counts);
            foreach (var u in users)
                for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
                {
                    if (set.Split.IsTestRow[r]) continue;
                    sums[set.MovieColumn[r]] += set.RatingColumn[r];
                    counts[set.MovieColumn[r]]++;
                }
            var best = Enumerable.Range(0, set.MovieCount)
                .Where(m => counts[m] >= minRatings)
                .OrderByDescending(m => sums[m] / counts[m]).ThenByDescending(m => counts[m]).ThenBy(m => m) // dense order is id order
                .Take(top).ToList();
            var share = best.Count == 0 ? 0 : (double)best.Count(popular.Contains) / best.Count;
            for (var i = 0; i < best.Count; i++)
            {
                var m = best[i];
                rows.Add(new ClusterTopMovie(cluster, i + 1, set.Movies[m], set.TitleArray[m], new JoinedList<string>(set.GenreArray[m]),
                    sums[m] / counts[m], counts[m], popular.Contains(m), users.Count, share));
            }
        }
        return rows;
    }

    /// <summary>Dense indices of the <paramref name="count"/> movies with the most train ratings (ties by lower movie id; unrated movies never).</summary>
    public static HashSet<int> MostRated(RatingSet set, int count)
    {
        ArgumentNullException.ThrowIfNull(set);
        var ratings = new int[set.MovieCount];
        for (var r = 0; r < set.RatingCount; r++)
            if (!set.Split.IsTestRow[r]) ratings[set.MovieColumn[r]]++;
        return Enumerable.Range(0, set.MovieCount).Where(m => ratings[m] > 0)
            .OrderByDescending(m => ratings[m]).ThenBy(m => m) // dense order is id order
            .Take(count).ToHashSet();
    }

    private static ContrastiveRecException UnknownOrRepeatedUser(string problem, RatingSet set) =>
        new("UnknownOrRepeatedUser", RefusalCategory.InvalidData, problem,
            "Give -Ratings the ratings the clustered model was trained on, and pipe each user once (Get-UserCluster of that model's embeddings or map).", set);
}
