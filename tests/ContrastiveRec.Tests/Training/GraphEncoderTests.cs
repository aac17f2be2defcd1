using ContrastiveRec.Pairs;
using ContrastiveRec.Training;
using Xunit;
using static TorchSharp.torch;

namespace ContrastiveRec.Tests.Training;

public class GraphEncoderTests
{
    private static TrainingOptions Quick => TrainingOptions.UserMovieDefaults(EncoderKind.Graph) with { Epochs = 4, BatchSize = 16 };

    [Fact]
    public void A_newcomer_is_one_propagation_step_from_the_movies_they_rated()
    {
        using var data = new TestRatings();
        var set = data.Write(UserMovieTests.ImplicitGroups());
        using var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), Quick);
        var degree = new int[set.MovieCount];
        for (var r = 0; r < set.RatingCount; r++) if (!set.Split.IsTestRow[r]) degree[set.MovieColumn[r]]++;
        long[] rated = [0, 5, 31, 62];
        Assert.All(rated, m => Assert.True(degree[m] > 0));

        using var scope = NewDisposeScope();
        using var z = model.EmbedProfiles([(rated, [4f, 1f, 3f, 5f])]);
        // By hand: Σ e_m / √(|N| · deg m) over the propagated movie vectors, then unit length.
        var movies = model.Movies!.EmbeddingTable.data<float>().ToArray();
        var d = model.Options.LatentDim;
        var expected = new double[d];
        foreach (var m in rated)
            for (var k = 0; k < d; k++) expected[k] += movies[m * d + k] / Math.Sqrt(rated.Length * (double)degree[m]);
        var norm = Math.Sqrt(expected.Sum(v => v * v));
        var actual = z.data<float>().ToArray();
        for (var k = 0; k < d; k++) Assert.Equal(expected[k] / norm, actual[k], 5);
    }

    [Fact]
    public void Propagation_draws_the_users_of_a_taste_group_together()
    {
        // With 0 layers the model is plain id vectors scored against movie vectors; with layers each user's vector
        // mixes in the movies they rated, so users who rated the same movies end up closer.
        using var data = new TestRatings();
        var set = data.Write(UserMovieTests.ImplicitGroups());
        using var flat = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), Quick with { Layers = 0, Epochs = 1 });
        using var deep = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), Quick with { Layers = 2, Epochs = 1 });
        double MeanGroupCosine(TrainedEncoder m)
        {
            var e = m.GetEmbeddings();
            double sum = 0;
            var n = 0;
            for (var a = 0; a < e.Length; a++)
                for (var b = a + 1; b < e.Length; b++)
                    if (TestRatings.GroupOf(set.UserIds[a], UserMovieTests.UsersPerGroup) == TestRatings.GroupOf(set.UserIds[b], UserMovieTests.UsersPerGroup))
                    {
                        sum += e[a].Zip(e[b], (x, y) => (double)x * y).Sum();
                        n++;
                    }
            return sum / n;
        }
        var flatCosine = MeanGroupCosine(flat);
        var deepCosine = MeanGroupCosine(deep);
        Assert.True(deepCosine > flatCosine + 0.2, $"mean cosine within a group: 0 layers {flatCosine:0.00}, 2 layers {deepCosine:0.00}");
    }

    [Fact]
    public void The_contrastive_term_and_the_study_pairs_change_what_is_learned()
    {
        using var data = new TestRatings();
        var set = data.Write(UserMovieTests.ImplicitGroups());
        var strategy = new PairStrategy { MinLikers = 2, MinDislikers = 1 };
        using var plain = EncoderTrainer.Train(set, strategy, Quick with { Epochs = 2 });
        using var contrast = EncoderTrainer.Train(set, strategy, Quick with { Epochs = 2, ContrastWeight = 0.5 });
        using var pairs = EncoderTrainer.Train(set, strategy, Quick with { Epochs = 2, PairWeight = 1 });
        Assert.True(contrast.LossHistory[0] > plain.LossHistory[0], "the contrastive term adds a positive loss");
        Assert.NotEqual(plain.GetEmbedding(1), contrast.GetEmbedding(1));
        Assert.NotEqual(plain.GetEmbedding(1), pairs.GetEmbedding(1));
        Assert.True(pairs.MiningStatistics.Triplets > 0);
    }

    [Fact]
    public void A_large_batch_scored_in_sub_batches_learns_what_one_pass_learns()
    {
        // With every movie a negative, the sub-batches' weighted losses sum to the batch's loss, so their gradients
        // (through the users' and movies' own leaves and the hand-written normalisation backward) must agree.
        using var data = new TestRatings();
        var set = data.Write(UserMovieTests.ImplicitGroups());
        var options = Quick with { Epochs = 2, BatchSize = 60, ContrastWeight = 0.5 };
        using var whole = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), options with { GraphLossChunkUsers = 1000 }); // one pass
        using var chunked = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), options with { GraphLossChunkUsers = 7 }); // 9 sub-batches of 60
        Assert.Equal(whole.LossHistory[0], chunked.LossHistory[0], 4);
        var a = whole.GetEmbeddings();
        var b = chunked.GetEmbeddings();
        for (var u = 0; u < a.Length; u++)
            for (var k = 0; k < a[u].Length; k++) Assert.Equal(a[u][k], b[u][k], 3);
    }

    [Fact]
    public void Refuses_the_study_objective_and_row_wise_updates()
    {
        using var data = new TestRatings();
        var set = data.Write(UserMovieTests.ImplicitGroups());
        Refused.By("EncoderNeedsUserMovie", RefusalCategory.InvalidArgument, () => EncoderTrainer.Train(set, PairStrategy.FromPreset(1), new TrainingOptions { Encoder = EncoderKind.Graph }));
        Assert.Contains("propagates", Refused.By("RowWiseNeedsIdEncoder", RefusalCategory.InvalidArgument,
            () => EncoderTrainer.Train(set, PairStrategy.FromPreset(1), Quick with { RowWiseUpdates = true })).Problem);
        Refused.By("EncoderNeedsUserMovie", RefusalCategory.InvalidArgument, () => TrainingOptions.Defaults(TrainingObjective.UserUser, EncoderKind.Graph));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { Layers = 9 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { ContrastWeight = -1 });
    }
}
