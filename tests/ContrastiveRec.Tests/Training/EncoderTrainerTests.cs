using ContrastiveRec.Pairs;
using ContrastiveRec.Training;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace ContrastiveRec.Tests.Training;

// One at a time: they share two cores, and seeded runs are compared bit for bit.
[CollectionDefinition("Training", DisableParallelization = true)]
public class TrainingCollection;

[Collection("Training")]
public class EncoderTrainerTests : IDisposable
{
    private readonly TestRatings _files = new();
    private readonly ITestOutputHelper _out;

    public EncoderTrainerTests(ITestOutputHelper output) => _out = output;

    public void Dispose() => _files.Dispose();

    // Small and quick: planted groups separate within a few epochs at a higher learning rate.
    private static readonly TrainingOptions Quick = new()
    {
        Epochs = 6, BatchSize = 256, LearningRate = 3e-3, InputDim = 64, HiddenDim = 64, LatentDim = 32, Seed = 5,
    };

    private static PairStrategy Loose(int preset) => PairStrategy.FromPreset(preset) with { MinLikers = 5, MinDislikers = 5 };

    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(1, true)]
    [InlineData(3, true)]
    public void Embeddings_separate_planted_taste_groups(int preset, bool rowWise)
    {
        var set = _files.WriteGroups();
        using var model = EncoderTrainer.Train(set, Loose(preset), Quick with { RowWiseUpdates = rowWise });
        var z = model.GetEmbeddings();
        double intra = 0, inter = 0;
        int nIntra = 0, nInter = 0;
        for (var i = 0; i < z.Length; i++)
        for (var j = i + 1; j < z.Length; j++)
        {
            var cos = Dot(z[i], z[j]);
            if (TestRatings.GroupOf(model.GetUserIds()[i]) == TestRatings.GroupOf(model.GetUserIds()[j])) { intra += cos; nIntra++; }
            else { inter += cos; nInter++; }
        }
        intra /= nIntra;
        inter /= nInter;
        _out.WriteLine($"preset {preset}, row-wise {rowWise}: intra {intra:0.000}, inter {inter:0.000}, loss {string.Join(" ", model.LossHistory.Select(l => l.ToString("0.000")))}");
        Assert.True(intra - inter > 0.3, $"intra {intra:0.000} - inter {inter:0.000} should exceed 0.3");
        Assert.Equal(Quick.Epochs, model.LossHistory.Count);
        Assert.True(model.LossHistory[^1] < 0.8 * model.LossHistory[0], "loss should fall: " + string.Join(", ", model.LossHistory));
        Assert.True(model.IsComplete);
        Assert.Equal(Quick.Epochs, model.EpochsCompleted);
        Assert.Same(set, model.RatingSet);
        Assert.Equal(model.MiningStatistics.Triplets, model.MiningStatistics.TrainRowsKept - model.MiningStatistics.NoPositive - model.MiningStatistics.NoNegative - model.MiningStatistics.NeutralRating);
    }

    [Fact]
    public void Same_seed_gives_bitwise_identical_embeddings_and_another_seed_differs()
    {
        var set = _files.WriteGroups();
        var options = Quick with { Epochs = 2 };
        using var a = EncoderTrainer.Train(set, Loose(1), options);
        using var b = EncoderTrainer.Train(set, Loose(1), options);
        using var c = EncoderTrainer.Train(set, Loose(1), options with { Seed = 6 });
        Assert.Equal(Flat(a), Flat(b));
        Assert.Equal(a.LossHistory, b.LossHistory);
        Assert.NotEqual(Flat(a), Flat(c));
    }

    [Fact]
    public void Threads_beyond_the_cores_are_capped_at_the_cores_and_the_model_records_the_count_used()
    {
        Assert.Equal(2, new TrainingOptions { Threads = 1024 }.ForCores(2).Threads);
        Assert.Equal(2, new TrainingOptions { Threads = 2 }.ForCores(2).Threads);
        Assert.Equal(1, new TrainingOptions { Threads = 1 }.ForCores(2).Threads);
        Assert.Null(new TrainingOptions().ForCores(2).Threads);

        // One more than the cores: libtorch runs on the cores, and the model says so (the count that gives its bits again).
        var cores = Environment.ProcessorCount;
        var seen = new HashSet<int>();
        using var model = EncoderTrainer.Train(_files.WriteGroups(), Loose(1), Quick with { Epochs = 1, Threads = cores + 1 }, _ => seen.Add(get_num_threads()));
        Assert.Equal([cores], seen);
        Assert.Equal(cores, model.Options.Threads);
    }

    [Fact]
    public void Deduplicated_and_straightforward_steps_give_the_same_first_loss()
    {
        var set = _files.WriteGroups();
        double FirstLoss(bool dedup)
        {
            var first = double.NaN;
            using var cts = new CancellationTokenSource();
            using var m = EncoderTrainer.Train(set, Loose(1), Quick with { DeduplicateUsers = dedup, KeepPartialOnCancel = true },
                p => { first = p.BatchLoss; cts.Cancel(); }, cts.Token);
            return first;
        }
        var dedup = FirstLoss(true);
        var plain = FirstLoss(false);
        _out.WriteLine($"first batch loss: dedup {dedup:R}, straightforward {plain:R}");
        Assert.Equal(plain, dedup, 5);
    }

    [Fact]
    public void Cancelling_throws_or_keeps_the_partial_model()
    {
        var set = _files.WriteGroups();
        var batches = 0;
        using var cts = new CancellationTokenSource();
        void CancelAfterFive(TrainingProgress p)
        {
            if (++batches == 5) cts.Cancel();
        }
        Assert.ThrowsAny<OperationCanceledException>(() => EncoderTrainer.Train(set, Loose(1), Quick, CancelAfterFive, cts.Token));
        Assert.Equal(5, batches);

        // Cancel in the second epoch: one full epoch is kept.
        batches = 0;
        TrainingProgress? last = null;
        using var cts2 = new CancellationTokenSource();
        using var partial = EncoderTrainer.Train(set, Loose(1), Quick with { KeepPartialOnCancel = true },
            p => { last = p; if (p.Epoch == 2 && p.Batch == 2) cts2.Cancel(); }, cts2.Token);
        Assert.False(partial.IsComplete);
        Assert.Equal(1, partial.EpochsCompleted);
        Assert.True(partial.EpochsCompleted < Quick.Epochs);
        Assert.Single(partial.LossHistory);
        Assert.Equal(2, last!.Epoch);
        Assert.Equal(Quick.Epochs, last.Epochs);
        Assert.Equal(partial.GetEmbeddings().Length, set.UserCount);
    }

    [Fact]
    public void Embeddings_are_unit_vectors_reachable_by_user_id()
    {
        var set = _files.WriteGroups();
        using var model = EncoderTrainer.Train(set, Loose(1), Quick with { Epochs = 1 });
        var all = model.GetEmbeddings();
        Assert.Equal(set.UserCount, all.Length);
        Assert.All(all, row => Assert.Equal(1.0, Math.Sqrt(Dot(row, row)), 4));
        Assert.Equal(all[7], model.GetEmbedding(model.GetUserIds()[7]));
        var unknown = Refused.By("UnknownUser", RefusalCategory.ObjectNotFound, () => model.GetEmbedding(-3));
        Assert.Equal(-3, unknown.Target);
        Assert.Contains("User -3", unknown.Problem);
    }

    [Fact]
    public void Encoder_has_the_study_shape()
    {
        using var encoder = new UserEncoder(10);
        Assert.Equal(new[] { "embedding.weight", "hidden.weight", "hidden.bias", "output.weight", "output.bias" }, encoder.state_dict().Keys);
        Assert.Equal(new long[] { 10, 1024 }, encoder.state_dict()["embedding.weight"].shape);
        Assert.Equal(new long[] { 600, 1024 }, encoder.state_dict()["hidden.weight"].shape);
        Assert.Equal(new long[] { 200, 600 }, encoder.state_dict()["output.weight"].shape);
        using var z = encoder.forward(tensor(new long[] { 0, 3, 9 }));
        Assert.Equal(new long[] { 3, 200 }, z.shape);
        using var norms = z.norm(1);
        Assert.All(norms.data<float>().ToArray(), n => Assert.Equal(1f, n, 4));
    }

    [Fact]
    public void No_triplets_is_a_clear_error()
    {
        var set = _files.WriteGroups();
        var e = Assert.IsType<NothingToLearnException>(Refused.By("NothingToLearn", RefusalCategory.InvalidData,
            () => EncoderTrainer.Train(set, PairStrategy.FromPreset(1) with { MinLikers = 1000 }, Quick)));
        Assert.Contains("no triplets", e.Problem);
        Assert.Contains("-MinLikers", e.Remedy);
    }

    [Fact]
    public void Triplets_from_another_set_are_refused()
    {
        var big = _files.WriteGroups();
        using var other = new TestRatings();
        var small = other.WriteGroups(usersPerGroup: 10);
        var triplets = TripletMiner.Mine(big, Loose(1), 1);
        Assert.Equal("triplets", Assert.Throws<ArgumentException>(() => EncoderTrainer.Train(small, triplets, Quick)).ParamName);
    }

    // The two overloads once checked different things: a Profile encoder through the triplets overload trained an id
    // encoder and saved a file that claimed a profile encoder and could not be loaded. (Refusals are caught as either
    // type while the core's refusals move onto ContrastiveRecException.)
    [Theory]
    [InlineData(EncoderKind.Profile, TrainingObjective.UserUser)]
    [InlineData(EncoderKind.Graph, TrainingObjective.UserUser)]
    [InlineData(EncoderKind.Id, TrainingObjective.UserMovie)]
    [InlineData(EncoderKind.Profile, TrainingObjective.UserMovie)]
    public void Triplets_mined_beforehand_never_make_a_model_file_that_cannot_load(EncoderKind encoder, TrainingObjective objective)
    {
        var set = _files.WriteGroups();
        var triplets = TripletMiner.Mine(set, Loose(1), 5);
        var options = Quick with { Epochs = 1, Encoder = encoder, Objective = objective };
        TrainedEncoder model;
        try
        {
            model = EncoderTrainer.Train(set, triplets, options);
        }
        catch (Exception refused) when (refused is ArgumentException or ContrastiveRecException)
        {
            // Refused before training, naming the objective the options would need.
            Assert.Contains(objective == TrainingObjective.UserMovie ? "UserUser" : "UserMovie", refused.Message);
            return;
        }
        var path = Path.Combine(_files.Folder, "model.crec");
        using (model) model.Save(path);
        using var loaded = TrainedEncoder.Load(path);
        Assert.Equal((encoder, objective), (loaded.EncoderKind, loaded.Objective));
    }

    [Theory]
    [InlineData(EncoderKind.Profile)]
    [InlineData(EncoderKind.Graph)]
    public void Both_overloads_refuse_an_encoder_the_study_objective_cannot_train_in_the_same_words(EncoderKind encoder)
    {
        var set = _files.WriteGroups();
        var triplets = TripletMiner.Mine(set, Loose(1), 5);
        var options = Quick with { Encoder = encoder };
        var byStrategy = Assert.ThrowsAny<Exception>(() => EncoderTrainer.Train(set, Loose(1), options));
        var byTriplets = Assert.ThrowsAny<Exception>(() => EncoderTrainer.Train(set, triplets, options));
        Assert.Equal((byStrategy.GetType(), byStrategy.Message), (byTriplets.GetType(), byTriplets.Message));
        Assert.Contains("UserMovie", byTriplets.Message);
    }

    internal static double Dot(float[] a, float[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * (double)b[i];
        return s;
    }

    internal static float[] Flat(TrainedEncoder m) => m.GetEmbeddings().SelectMany(r => r).ToArray();
}
