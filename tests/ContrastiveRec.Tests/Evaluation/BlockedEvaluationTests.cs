using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Recommendation;
using Xunit;

namespace ContrastiveRec.Tests.Evaluation;

/// <summary>Tests that change the block-size knobs run alone, so no other test meets a tiny block.</summary>
[CollectionDefinition("Block sizes", DisableParallelization = true)]
public class BlockSizesCollection;

[Collection("Block sizes")]
public class BlockedEvaluationTests
{
    private static readonly Lazy<RatingSet> Bundled = new(() => MovieLensReader.Read(TestPaths.BundledData));
    private static readonly int[] Cutoffs = { 1, 5, 10, 20, 50 };

    private static RecallAtK[] Full(IRecommender model, Action<EvaluationProgress>? progress = null, CancellationToken ct = default) =>
        RankingEvaluator.Evaluate(model, EvaluationProtocol.Full, Cutoffs, ct: ct, progress: progress);

    private static T With<T>(Action shrink, Action restore, Func<T> run)
    {
        shrink();
        try
        {
            return run();
        }
        finally
        {
            restore();
        }
    }

    [Fact]
    public void Asking_a_baseline_a_few_users_at_a_time_gives_the_figures_of_one_batch()
    {
        var model = new MostPopularRecommender(Bundled.Value);
        var whole = Full(model);
        var saved = RankingEvaluator.UsersPerBlock;
        var blocked = With(() => RankingEvaluator.UsersPerBlock = 7, () => RankingEvaluator.UsersPerBlock = saved, () => Full(model));
        Assert.Equal(whole, blocked); // records: every field
        Assert.True(whole[2].Recall > 0);
    }

    [Fact]
    public void UserKnn_in_blocks_of_a_few_users_gives_the_neighbours_and_figures_of_one_block()
    {
        var set = Bundled.Value;
        var model = new UserKnnRecommender(set);
        var all = Enumerable.Range(0, set.UserCount).ToArray();
        // The default block holds every user of this set at once: each row is computed whole, nothing is offered.
        Assert.True(UserCosine.BlockFloats >= (long)set.UserCount * set.UserCount);
        var whole = Full(model);
        var wholeNeighbors = model.Neighbors(all, 10);
        var saved = UserCosine.BlockFloats;
        var (blocked, blockedNeighbors) = With(() => UserCosine.BlockFloats = 3 * set.UserCount, () => UserCosine.BlockFloats = saved,
            () => (Full(model), model.Neighbors(all, 10)));
        Assert.Equal(whole, blocked);
        for (var u = 0; u < all.Length; u++)
        {
            Assert.Equal(wholeNeighbors[u].Users, blockedNeighbors[u].Users);
            Assert.Equal(wholeNeighbors[u].Similarities, blockedNeighbors[u].Similarities);
        }
    }

    [Fact]
    public void A_similarity_matrix_in_blocks_of_a_few_rows_gives_the_figures_of_one_block()
    {
        var set = Bundled.Value;
        // Similarities on a coarse grid, so that many neighbours tie and the tie rule is exercised across blocks.
        var random = new Random(7);
        var n = set.UserCount;
        var similarity = new float[n, n];
        for (var u = 0; u < n; u++)
            for (var v = 0; v < n; v++) similarity[u, v] = random.Next(8) / 8f;
        var model = new FixedSimilarityRecommender(set, similarity);
        var whole = Full(model);
        var saved = NeighborRecommender.SimilarityBlockFloats;
        var blocked = With(() => NeighborRecommender.SimilarityBlockFloats = 5 * n, () => NeighborRecommender.SimilarityBlockFloats = saved, () => Full(model));
        Assert.Equal(whole, blocked);
    }

    [Fact]
    public void Progress_climbs_to_one_with_no_time_left_at_the_end()
    {
        var set = Bundled.Value;
        foreach (var model in new IRecommender[] { new MostPopularRecommender(set), RecommenderRegistry.Build(BaselineKind.UserKnn, set) })
        {
            var reports = new List<EvaluationProgress>();
            var savedUsers = RankingEvaluator.UsersPerBlock;
            var savedFloats = UserCosine.BlockFloats;
            With(() => { RankingEvaluator.UsersPerBlock = 50; UserCosine.BlockFloats = 20 * set.UserCount; },
                () => { RankingEvaluator.UsersPerBlock = savedUsers; UserCosine.BlockFloats = savedFloats; },
                () => Full(model, reports.Add));
            Assert.True(reports.Count > 5, $"{model.Name}: {reports.Count} reports");
            Assert.All(reports.Zip(reports.Skip(1)), p => Assert.True(p.Second.Fraction >= p.First.Fraction));
            Assert.Equal(1.0, reports[^1].Fraction);
            Assert.Equal(TimeSpan.Zero, reports[^1].Remaining);
        }
    }

    [Fact]
    public void Cancelling_stops_the_evaluation_inside_its_loops()
    {
        var set = Bundled.Value;
        foreach (var model in new IRecommender[] { new MostPopularRecommender(set), new UserKnnRecommender(set) })
        {
            using var cancellation = new CancellationTokenSource();
            var reports = 0;
            var savedUsers = RankingEvaluator.UsersPerBlock;
            var savedFloats = UserCosine.BlockFloats;
            // Cancelled at the first report, the evaluation must not run to its end.
            With(() => { RankingEvaluator.UsersPerBlock = 50; UserCosine.BlockFloats = 20 * set.UserCount; },
                () => { RankingEvaluator.UsersPerBlock = savedUsers; UserCosine.BlockFloats = savedFloats; },
                () => Assert.ThrowsAny<OperationCanceledException>(() => Full(model, _ =>
                {
                    reports++;
                    cancellation.Cancel();
                }, cancellation.Token)));
            Assert.Equal(1, reports);
        }
    }
}
