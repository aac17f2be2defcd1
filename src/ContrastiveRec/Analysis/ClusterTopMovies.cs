using ContrastiveRec.Data;

namespace ContrastiveRec.Analysis;

/// <summary>Finds the movies that set each cluster apart: those its users like more often than everyone does (lift), from
/// train ratings. Ranking by the mean rating instead put obscure films five users rated 5 first, and ranking by count
/// put the same blockbusters at the top of every cluster: neither tells clusters apart.</summary>
public static class ClusterTopMovies
{
    /// <summary>Movies listed per cluster when not told.</summary>
    public const int DefaultTop = 5;

    /// <summary>Fewest members who liked a movie, when not told: at least this many...</summary>
    public const int DefaultMinLikes = 10;

    /// <summary>...and at least this share of the cluster's users (5 %), so that in a large cluster a movie a handful liked cannot lead.</summary>
    public const double DefaultMinLikeShare = 0.05;

    /// <summary>The default fewest likes for a cluster of <paramref name="clusterSize"/> users: the larger of
    /// <see cref="DefaultMinLikes"/> and <see cref="DefaultMinLikeShare"/> of its users (rounded up).</summary>
    public static int MinLikesFor(int clusterSize) => Math.Max(DefaultMinLikes, (int)Math.Ceiling(DefaultMinLikeShare * clusterSize));

    /// <summary>How many of the most-rated movies count as popular when not told.</summary>
    public const int DefaultPopularCount = 100;

    /// <param name="clusters">(user id, as a number or text, cluster) pairs; every user must be in <paramref name="set"/>, once.</param>
    /// <param name="top">Movies per cluster.</param>
    /// <param name="minLikes">Fewest members who liked a movie for it to be ranked, so that a movie two users liked cannot
    /// lead; by default <see cref="MinLikesFor"/> the cluster's size.</param>
    /// <param name="popularCount">How many of the set's most-rated movies (train ratings, all users) count as popular.</param>
    public static IReadOnlyList<ClusterTopMovie> Compute(
        RatingSet set, IEnumerable<(object UserId, int Cluster)> clusters, int top = DefaultTop, int? minLikes = null,
        int popularCount = DefaultPopularCount)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(clusters);
        if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), top, "Top must be 1 or more.");
        if (minLikes < 1) throw new ArgumentOutOfRangeException(nameof(minLikes), minLikes, "MinLikes must be 1 or more.");
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
        var everyone = LikeCounts(set);
        var sums = new double[set.MovieCount];
        var counts = new int[set.MovieCount];
        var likes = new int[set.MovieCount];
        var rows = new List<ClusterTopMovie>();
        foreach (var (cluster, users) in members.OrderBy(c => c.Key))
        {
            Array.Clear(sums);
            Array.Clear(counts);
            Array.Clear(likes);
            foreach (var u in users)
                for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
                {
                    if (set.Split.IsTestRow[r]) continue;
                    var m = set.MovieColumn[r];
                    sums[m] += set.RatingColumn[r];
                    counts[m]++;
                    if (set.Feedback.IsRelevant(set.RatingColumn[r])) likes[m]++;
                }
            var least = minLikes ?? MinLikesFor(users.Count);
            // The share of the cluster who liked it over the share of everyone who did; everyone's count includes the
            // cluster's, so it is never 0 where the cluster's is not.
            double Lift(int m) => (double)likes[m] / users.Count / ((double)everyone[m] / set.UserCount);
            var best = Enumerable.Range(0, set.MovieCount)
                .Where(m => likes[m] >= least)
                .OrderByDescending(Lift).ThenByDescending(m => likes[m]).ThenBy(m => m) // dense order is id order
                .Take(top).ToList();
            var share = best.Count == 0 ? 0 : (double)best.Count(popular.Contains) / best.Count;
            for (var i = 0; i < best.Count; i++)
            {
                var m = best[i];
                rows.Add(new ClusterTopMovie(cluster, i + 1, set.Movies[m], set.TitleArray[m], new JoinedList<string>(set.GenreArray[m]),
                    Lift(m), likes[m], sums[m] / counts[m], counts[m], popular.Contains(m), users.Count, share));
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

    /// <summary>Per dense movie index, how many of the set's users liked it in their train ratings.</summary>
    private static int[] LikeCounts(RatingSet set)
    {
        var likes = new int[set.MovieCount];
        for (var r = 0; r < set.RatingCount; r++)
            if (!set.Split.IsTestRow[r] && set.Feedback.IsRelevant(set.RatingColumn[r])) likes[set.MovieColumn[r]]++;
        return likes;
    }

    private static ContrastiveRecException UnknownOrRepeatedUser(string problem, RatingSet set) =>
        new("UnknownOrRepeatedUser", RefusalCategory.InvalidData, problem,
            "Give -Ratings the ratings the clustered model was trained on, and pipe each user once (Get-UserCluster of that model's embeddings or map).", set);
}
