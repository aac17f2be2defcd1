using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using ContrastiveRec.Training;
using Xunit;
using static TorchSharp.torch;

namespace ContrastiveRec.Tests.Training;

/// <summary>RowWiseUpdates on UserMovie's movie side (sampled negatives): a step updates its candidates' rows only,
/// and training that way learns what dense training learns.</summary>
[Collection("Training")]
public class RowWiseMoviesTests
{
    private static float[] Flat(Tensor t)
    {
        using var c = t.detach().clone();
        return c.data<float>().ToArray();
    }

    [Fact]
    public void A_step_changes_the_vectors_and_biases_of_the_candidate_movies_only()
    {
        using var movies = TrainingLoop.Seeded(3, () => new MovieTable(12, 4));
        var vectorsBefore = Flat(movies.EmbeddingTable);
        var biasBefore = Flat(movies.Bias);
        using var optimizer = new AdamOptimizer([], 1e-2, 0.1, decoupled: true, new RowWiseAdam(movies, 1e-2, 0.1, decoupled: true));
        movies.train();
        var candidates = new long[] { 1, 4, 9 };
        using (NewDisposeScope())
        {
            optimizer.ZeroGrad();
            var users = nn.functional.normalize(randn(5, 4), p: 2.0, dim: 1);
            using var loss = nn.functional.log_softmax(movies.ScoreCandidates(users, tensor(candidates), 0.1), 1).select(1, 0).mean().neg();
            loss.backward();
            optimizer.Step();
        }
        Assert.Null(movies.EmbeddingTable.grad);
        Assert.Null(movies.Bias.grad);
        var vectorsAfter = Flat(movies.EmbeddingTable);
        var biasAfter = Flat(movies.Bias);
        for (var m = 0; m < 12; m++)
        {
            var before = vectorsBefore.AsSpan(m * 4, 4).ToArray();
            var after = vectorsAfter.AsSpan(m * 4, 4).ToArray();
            if (candidates.Contains(m))
            {
                Assert.NotEqual(before, after);
                Assert.NotEqual(biasBefore[m], biasAfter[m]);
            }
            else
            {
                Assert.Equal(before, after);
                Assert.Equal(biasBefore[m], biasAfter[m]);
            }
        }
    }

    [Fact]
    public void Row_wise_training_of_the_movie_side_learns_as_the_dense_one_does()
    {
        // Planted taste groups, a fifth of the ratings held out; negatives sampled (MaxFullSoftmaxMovies below the
        // catalogue), so row-wise steps touch a batch's candidates only. Tolerances: each epoch's loss, relative to
        // the first epoch's, within 0.1 of the dense run's; held-out recall@10 within 0.1 of it.
        using var data = new TestRatings();
        var set = data.Write(UserMovieTests.ImplicitGroups(seed: 5, usersPerGroup: 40), testFraction: 0.2);
        var options = TrainingOptions.UserMovieDefaults(EncoderKind.Id) with
        {
            Epochs = 12, BatchSize = 16, InputDim = 64, HiddenDim = 64, LatentDim = 32, MaxFullSoftmaxMovies = 40, SampledNegatives = 30,
        };
        using var dense = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), options);
        using var rowWise = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), options with { RowWiseUpdates = true });
        using var untrained = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), options with { RowWiseUpdates = true, Epochs = 1, LearningRate = 1e-9 });

        Assert.NotEqual(Flat(dense.Movies!.EmbeddingTable), Flat(rowWise.Movies!.EmbeddingTable));
        Assert.True(rowWise.LossHistory[^1] < rowWise.LossHistory[0] * 0.9, "row-wise loss: " + string.Join(", ", rowWise.LossHistory));
        for (var e = 0; e < options.Epochs; e++)
        {
            double d = dense.LossHistory[e] / dense.LossHistory[0], r = rowWise.LossHistory[e] / rowWise.LossHistory[0];
            Assert.True(Math.Abs(d - r) <= 0.1, $"epoch {e + 1}: loss relative to the first epoch {r:0.000} row-wise, {d:0.000} dense");
        }
        double denseRecall = RecallAt10(set, dense), rowRecall = RecallAt10(set, rowWise), chance = RecallAt10(set, untrained);
        Assert.True(Math.Abs(denseRecall - rowRecall) <= 0.1, $"recall@10 row-wise {rowRecall:0.000}, dense {denseRecall:0.000}");
        Assert.True(rowRecall > chance + 0.2, $"recall@10 row-wise {rowRecall:0.000}, untrained {chance:0.000}");
    }

    /// <summary>Mean over users of held-out liked movies among their top 10 unseen movies / min(10, held-out liked).</summary>
    private static double RecallAt10(RatingSet set, TrainedEncoder model)
    {
        using var scores = model.ScoreMovies(Enumerable.Range(0, set.UserCount).ToArray());
        var s = scores.data<float>().ToArray();
        double sum = 0;
        var users = 0;
        for (var u = 0; u < set.UserCount; u++)
        {
            var seen = new HashSet<int>();
            var held = new HashSet<int>();
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
            {
                if (!set.Split.IsTestRow[r]) seen.Add(set.MovieColumn[r]);
                else if (set.RatingColumn[r] >= 3.5f) held.Add(set.MovieColumn[r]);
            }
            if (held.Count == 0) continue;
            var top = Enumerable.Range(0, set.MovieCount).Where(m => !seen.Contains(m)).OrderByDescending(m => s[u * set.MovieCount + m]).Take(10);
            sum += top.Count(held.Contains) / (double)Math.Min(10, held.Count);
            users++;
        }
        return sum / users;
    }
}
