using ContrastiveRec.Pairs;
using ContrastiveRec.Training;
using Xunit;
using static TorchSharp.torch;

namespace ContrastiveRec.Tests.Training;

[Collection("Training")]
public class RowWiseUpdatesTests : IDisposable
{
    private readonly TestRatings _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly TrainingOptions Small = new()
    {
        Epochs = 2, BatchSize = 8, LearningRate = 3e-3, InputDim = 16, HiddenDim = 16, LatentDim = 8, Seed = 5, RowWiseUpdates = true,
    };

    private static float[][] Rows(Tensor table)
    {
        using var t = table.detach().clone();
        var flat = t.data<float>().ToArray();
        var width = (int)t.shape[1];
        return Enumerable.Range(0, (int)t.shape[0]).Select(r => flat.AsSpan(r * width, width).ToArray()).ToArray();
    }

    /// <summary>Rows for which <paramref name="changed"/> holds differ after; every other row is bitwise the same.</summary>
    private static void AssertOnlyRowsChanged(float[][] before, float[][] after, Func<int, bool> changed)
    {
        Assert.Equal(before.Length, after.Length);
        for (var r = 0; r < before.Length; r++)
        {
            if (changed(r)) Assert.NotEqual(before[r], after[r]);
            else Assert.Equal(before[r], after[r]);
        }
    }

    [Fact]
    public void A_step_changes_the_rows_of_the_batch_users_only()
    {
        using var encoder = TrainingLoop.Seeded(3, () => new UserEncoder(10, 16, 16, 8));
        var before = Rows(encoder.EmbeddingTable);
        using var optimizer = new AdamOptimizer(encoder.DenseParameters().ToList(), 1e-2, 0.1, decoupled: true,
            new RowWiseAdam(encoder, 1e-2, 0.1, decoupled: true));
        encoder.train();
        using (NewDisposeScope())
        {
            optimizer.ZeroGrad();
            // User 5 twice: its gradients add up, as one row.
            using var z = encoder.forward(tensor(new long[] { 2, 5, 5, 7 }));
            using var loss = z.sum();
            loss.backward();
            optimizer.Step();
        }
        Assert.Null(encoder.EmbeddingTable.grad);
        var after = Rows(encoder.EmbeddingTable);
        AssertOnlyRowsChanged(before, after, u => u is 2 or 5 or 7);
    }

    [Fact]
    public void Training_leaves_the_rows_of_users_no_triplet_names_bitwise_unchanged()
    {
        var set = _files.WriteGroups();
        var mined = TripletMiner.Mine(set, PairStrategy.FromPreset(1) with { MinLikers = 5, MinDislikers = 5 }, 5);
        const int kept = 20;
        var triplets = new TripletSet(mined.Anchor[..kept], mined.Positive[..kept], mined.Negative[..kept], mined.Movie[..kept],
            mined.Statistics, mined.Strategy, mined.Seed);
        var named = triplets.Anchor.Concat(triplets.Positive).Concat(triplets.Negative).ToHashSet();
        Assert.True(named.Count < set.UserCount / 2, "the test needs users outside the batches");

        using var initial = TrainingLoop.Seeded(Small.Seed, () => new UserEncoder(set.UserCount, Small.InputDim, Small.HiddenDim, Small.LatentDim));
        using var model = EncoderTrainer.Train(set, triplets, Small);
        var before = Rows(initial.EmbeddingTable);
        var after = Rows(((UserEncoder)model.Encoder).EmbeddingTable);
        AssertOnlyRowsChanged(before, after, named.Contains);
        Assert.True(model.Options.RowWiseUpdates);
    }

    [Fact]
    public void Row_wise_training_is_reproducible_and_differs_from_the_dense_one()
    {
        var set = _files.WriteGroups();
        var strategy = PairStrategy.FromPreset(1) with { MinLikers = 5, MinDislikers = 5 };
        var options = Small with { BatchSize = 256, InputDim = 64, HiddenDim = 64, LatentDim = 32 };
        using var a = EncoderTrainer.Train(set, strategy, options);
        using var b = EncoderTrainer.Train(set, strategy, options);
        using var dense = EncoderTrainer.Train(set, strategy, options with { RowWiseUpdates = false });
        Assert.Equal(EncoderTrainerTests.Flat(a), EncoderTrainerTests.Flat(b));
        Assert.Equal(a.LossHistory, b.LossHistory);
        Assert.NotEqual(EncoderTrainerTests.Flat(a), EncoderTrainerTests.Flat(dense));
    }

    [Fact]
    public void UserMovie_id_and_profile_train_row_wise_reproducibly()
    {
        var set = _files.WriteGroups();
        foreach (var encoder in new[] { EncoderKind.Id, EncoderKind.Profile })
        {
            var options = TrainingOptions.UserMovieDefaults(encoder) with
            {
                Epochs = 3, InputDim = 32, HiddenDim = 32, LatentDim = 16, RowWiseUpdates = true,
            };
            using var a = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), options);
            using var b = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), options);
            using var dense = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), options with { RowWiseUpdates = false });
            Assert.True(a.Options.RowWiseUpdates);
            Assert.Equal(EncoderTrainerTests.Flat(a), EncoderTrainerTests.Flat(b));
            Assert.NotEqual(EncoderTrainerTests.Flat(a), EncoderTrainerTests.Flat(dense));
            Assert.True(a.LossHistory[^1] < a.LossHistory[0], $"{encoder}: loss should fall: " + string.Join(", ", a.LossHistory));
        }
    }

    [Fact]
    public void A_profile_step_changes_the_input_rows_of_the_batch_profiles_movies_only_and_encodes_as_the_dense_bag()
    {
        // Users 0 and 2 rate movies 1, 3 and 3, 6 (3 twice: its gradients add up, as one row); user 1 rates 8.
        long[] offsets = [0, 2, 3, 5];
        long[] movies = [1, 3, 8, 3, 6];
        float[] ratings = [5, 4, 2, 3, 5];
        using var encoder = TrainingLoop.Seeded(3, () => new ProfileEncoder(10, offsets, movies, ratings, 16, 16, 8));
        var before = Rows(encoder.InputTable);
        encoder.train();
        using var users = tensor(new long[] { 0, 2 });
        using var denseZ = encoder.forward(users);
        using var optimizer = new AdamOptimizer(encoder.DenseParameters().ToList(), 1e-2, 0.1, decoupled: true,
            new RowWiseAdam(encoder, 1e-2, 0.1, decoupled: true));
        using (NewDisposeScope())
        {
            optimizer.ZeroGrad();
            var z = encoder.forward(users);
            Assert.Equal(denseZ.data<float>().ToArray().Select(x => (double)x), z.data<float>().ToArray().Select(x => (double)x), new ToleranceComparer(1e-6));
            z.sum().backward();
            optimizer.Step();
        }
        Assert.Null(encoder.InputTable.grad);
        var after = Rows(encoder.InputTable);
        AssertOnlyRowsChanged(before, after, m => m is 1 or 3 or 6);
    }

    [Fact]
    public void Unset_it_is_decided_by_the_size_of_the_row_table_and_the_model_records_the_choice()
    {
        var unset = new TrainingOptions();
        Assert.Null(unset.RowWiseUpdates);
        const long atThreshold = TrainingOptions.RowWiseAutomaticAbove / 1024; // users at the default 1024 inputs
        Assert.False(unset.ForSet((int)atThreshold, 10).RowWiseUpdates);
        Assert.True(unset.ForSet((int)atThreshold + 1, 10).RowWiseUpdates);
        Assert.True((unset with { InputDim = 64 }).ForSet(610, 9_742).RowWiseUpdates == false);
        Assert.False((unset with { RowWiseUpdates = false }).ForSet(200_000, 80_000).RowWiseUpdates);
        Assert.True((unset with { RowWiseUpdates = true }).ForSet(10, 10).RowWiseUpdates);
        // The profile encoder's table has a row per movie: its size decides.
        var profile = TrainingOptions.UserMovieDefaults(EncoderKind.Profile);
        Assert.False(profile.ForSet(200_000, (int)atThreshold).RowWiseUpdates);
        Assert.True(profile.ForSet(610, (int)atThreshold + 1).RowWiseUpdates);
        Assert.False(TrainingOptions.UserMovieDefaults(EncoderKind.Graph).ForSet(200_000, 200_000).RowWiseUpdates);

        var set = _files.WriteGroups();
        using var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(1) with { MinLikers = 5, MinDislikers = 5 },
            Small with { RowWiseUpdates = null, Epochs = 1 });
        Assert.False(model.Options.RowWiseUpdates);
        using var big = EncoderTrainer.Train(set, PairStrategy.FromPreset(1) with { MinLikers = 5, MinDislikers = 5 },
            Small with { RowWiseUpdates = null, Epochs = 1, InputDim = (int)(TrainingOptions.RowWiseAutomaticAbove / set.UserCount) + 1 });
        Assert.True(big.Options.RowWiseUpdates);
    }
}
