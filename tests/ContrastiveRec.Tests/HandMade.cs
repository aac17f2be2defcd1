using ContrastiveRec.Data;
using ContrastiveRec.Recommendation;
using Xunit;
using static TorchSharp.torch;

namespace ContrastiveRec.Tests;

internal static class HandMade
{
    /// <summary>The same set with exactly the given (userId, movieId) ratings held out as test.</summary>
    public static RatingSet WithTest(this RatingSet set, params (int User, int Movie)[] test)
    {
        var flags = new bool[set.RatingCount];
        foreach (var (user, movie) in test)
        {
            Assert.True(set.TryGetUserIndex(user, out var u));
            Assert.True(set.TryGetMovieIndex(movie, out var m));
            var found = false;
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
                if (set.MovieColumn[r] == m) flags[r] = found = true;
            Assert.True(found, $"user {user} did not rate movie {movie}");
        }
        return set.WithTestRows(flags);
    }

    /// <summary>MovieLens ids of a ranking's movies.</summary>
    public static int[] MovieIds(this RatingSet set, MovieRanking ranking) => ranking.Movies.Select(m => (int)set.MovieIds[m]).ToArray();

    public static int[] Users(this RatingSet set, params int[] userIds) =>
        userIds.Select(id => set.TryGetUserIndex(id, out var u) ? u : throw new ArgumentException($"no user {id}")).ToArray();
}

/// <summary>The neighbour recommender over a similarity matrix written by hand (dense user indices).</summary>
internal sealed class FixedSimilarityRecommender(RatingSet set, float[,] similarity) : NeighborRecommender(set)
{
    public override string Name => "Fixed";
    public override RecommendationScope DefaultScope => RecommendationScope.Full;
    public override RecommendationScope? StudyScope => null;

    private protected override Tensor Similarities(long[] users, ProductBlock block)
    {
        var n = similarity.GetLength(1);
        var rows = block.Rows(users.Length);
        var at = NativeTensor.Elements<float>(rows);
        for (var i = 0; i < users.Length; i++)
            for (var v = 0; v < n; v++) NativeTensor.Span<float>(at, (long)i * n + v, 1)[0] = similarity[users[i], v];
        return rows;
    }
}
