using ContrastiveRec.Data;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// The study's recommender over any user similarity: a user's N most similar other users (cosine), then their liked
/// train movies ordered by the best rating a neighbour gave each (the study's rule, and the score), ties by how many of
/// the N liked it, then by how near those are (the sum of their similarities), then by movie id; the user's own train
/// movies are left out.
/// </summary>
public abstract class NeighborRecommender : IRecommender, ISimilarUsers
{
    private readonly UserLikesCache _likes;

    protected NeighborRecommender(RatingSet set)
    {
        RatingSet = set ?? throw new ArgumentNullException(nameof(set));
        _likes = new UserLikesCache(set);
    }

    public abstract string Name { get; }
    public RatingSet RatingSet { get; }

    public override string ToString() => $"{Name} on {RatingSet}";
    public abstract RecommendationScope DefaultScope { get; }
    public abstract RecommendationScope? StudyScope { get; }

    /// <summary>Cosine similarities of <paramref name="users"/> (rows) to every user (columns), written into the first
    /// rows of <paramref name="block"/> [.., UserCount] and returned as those rows.</summary>
    private protected abstract Tensor Similarities(long[] users, ProductBlock block);

    /// <summary>Floats in one block of similarities (256 MB); tests make it tiny to force many blocks.</summary>
    internal static int SimilarityBlockFloats = 1 << 26;

    /// <summary>Each user's <paramref name="count"/> nearest other users (dense indices), nearest first, ties by lower index:
    /// the neighbours recommendations are drawn from, and the similar users of Get-SimilarUser.</summary>
    public (int[] Users, float[] Similarities)[] Neighbors(int[] users, int count, CancellationToken ct = default) =>
        Neighbors(users, count, null, ct);

    /// <summary><see cref="Neighbors(int[], int, CancellationToken)"/>, reporting the fraction done from the calling thread.
    /// Here: a block of users' similarity rows in one matrix product, the block bounded to <see cref="SimilarityBlockFloats"/>
    /// however many users the set has, then each row's best in C# (a scan that skips, a vector at a time, what cannot enter).</summary>
    internal virtual (int[] Users, float[] Similarities)[] Neighbors(int[] users, int count, Action<double>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var result = new (int[], float[])[users.Length];
        var width = RatingSet.UserCount;
        var chunk = Math.Max(1, SimilarityBlockFloats / Math.Max(1, width));
        var k = Math.Min(count, Math.Max(0, width - 1));
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        using var block = new ProductBlock(Math.Min(chunk, users.Length), width);
        for (var from = 0; from < users.Length; from += chunk)
        {
            ct.ThrowIfCancellationRequested();
            var n = Math.Min(chunk, users.Length - from);
            var ids = new long[n];
            for (var i = 0; i < n; i++) ids[i] = users[from + i];
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var sims = Similarities(ids, block);
            var at = NativeTensor.Elements<float>(sims);
            var lists = new NeighborLists(n, k);
            var first = from;
            Parallel.For(0, n, options, i =>
            {
                ReadOnlySpan<float> row;
                unsafe { row = new ReadOnlySpan<float>((float*)at + (long)i * width, width); }
                lists.OfferAll(i, row, 0, except: users[first + i]); // a user is never their own neighbour
                result[first + i] = lists.Of(i);
            });
            progress?.Invoke((double)(from + n) / users.Length);
        }
        return result;
    }

    public MovieRanking[] Recommend(int[] users, int count, RecommendationScope scope, bool withSuggesters = false, CancellationToken ct = default) =>
        Recommend(users, count, scope, withSuggesters, null, ct);

    /// <summary><see cref="Recommend(int[], int, RecommendationScope, bool, CancellationToken)"/> reporting the fraction done
    /// (neighbour search, then merging) from the calling thread.</summary>
    internal MovieRanking[] Recommend(int[] users, int count, RecommendationScope scope, bool withSuggesters, Action<double>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        // The neighbour search is nearly all of the work; merging takes the last 5 %.
        var neighbors = Neighbors(users, scope.Neighbors, progress is null ? null : f => progress(0.95 * f), ct);
        var likes = _likes.For(scope.LikeThreshold);
        var result = new MovieRanking[users.Length];
        var votes = new NeighborVotes(RatingSet.MovieCount);
        for (var i = 0; i < users.Length; i++)
        {
            if ((i & 1023) == 0)
            {
                ct.ThrowIfCancellationRequested();
                if (i > 0) progress?.Invoke(0.95 + 0.05 * i / users.Length);
            }
            result[i] = Merge(users[i], neighbors[i].Users, neighbors[i].Similarities, likes, count, scope, votes, withSuggesters);
        }
        progress?.Invoke(1);
        return result;
    }

    /// <summary>Builds what recommending at <paramref name="threshold"/> needs now rather than on the first request.</summary>
    private protected void PrepareLikes(double threshold) => _likes.For(threshold);

    // Tallies the neighbours' liked movies (N short lists, never the catalogue) and keeps the best `count` in a heap of
    // that size. A movie's place is the study's, its best neighbour rating; among equal ratings, the movie more neighbours
    // liked comes first, then the one liked by nearer neighbours (the sum of their similarities), then the lower movie id.
    private MovieRanking Merge(int user, int[] neighbors, float[] similarity, UserLikes likes, int count, RecommendationScope scope,
        NeighborVotes votes, bool withSuggesters)
    {
        votes.Next();
        if (!scope.IncludeRatedMovies)
            for (var r = RatingSet.UserOffsets[user]; r < RatingSet.UserOffsets[user + 1]; r++)
                if (!RatingSet.Split.IsTestRow[r]) votes.Exclude(RatingSet.MovieColumn[r]);
        var (candidates, offsets, liked, ratings) = (scope.CandidateMovies, likes.Offsets, likes.Movies, likes.Ratings);
        for (var j = 0; j < neighbors.Length; j++)
            for (int i = offsets[neighbors[j]], end = offsets[neighbors[j] + 1]; i < end; i++)
            {
                var m = liked[i];
                if (candidates is null || candidates[m]) votes.Add(m, ratings[i], similarity[j]);
            }
        var (movies, scores) = votes.Best(count);
        int[][]? suggestedBy = null;
        if (withSuggesters)
        {
            var place = new Dictionary<int, int>(movies.Length);
            for (var i = 0; i < movies.Length; i++) place[movies[i]] = i;
            var lists = movies.Select(_ => new List<int>()).ToArray();
            foreach (var v in neighbors)
                for (var i = likes.Offsets[v]; i < likes.Offsets[v + 1]; i++)
                    if (place.TryGetValue(likes.Movies[i], out var p)) lists[p].Add(v);
            suggestedBy = lists.Select(l => l.ToArray()).ToArray();
        }
        return new MovieRanking(user, movies, scores, suggestedBy);
    }
}
