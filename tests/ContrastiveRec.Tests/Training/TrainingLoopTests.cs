using ContrastiveRec.Pairs;
using ContrastiveRec.Training;
using Xunit;

namespace ContrastiveRec.Tests.Training;

[Collection("Training")]
public class TrainingLoopTests : IDisposable
{
    private readonly TestRatings _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly PairStrategy Loose = PairStrategy.FromPreset(1) with { MinLikers = 5, MinDislikers = 5 };

    private static (List<TrainingProgress> Steps, TrainedEncoder Model) Record(Func<Action<TrainingProgress>, TrainedEncoder> train)
    {
        var steps = new List<TrainingProgress>();
        var model = train(steps.Add);
        return (steps, model);
    }

    [Fact]
    public void The_study_averages_an_epoch_over_triplets_and_UserMovie_over_batches()
    {
        var set = _files.WriteGroups();
        // Batch sizes that leave a short last batch, where the two averages differ.
        var (tripletSteps, triplets) = Record(p => EncoderTrainer.Train(set, Loose,
            new TrainingOptions { Epochs = 2, BatchSize = 700, InputDim = 16, HiddenDim = 16, LatentDim = 8 }, p));
        var (userSteps, userMovie) = Record(p => EncoderTrainer.Train(set, Loose,
            TrainingOptions.Defaults(TrainingObjective.UserMovie) with { Epochs = 2, BatchSize = 40, InputDim = 16, HiddenDim = 16, LatentDim = 8 }, p));
        using (triplets)
        using (userMovie)
        {
            var n = triplets.MiningStatistics.Triplets;
            Assert.NotEqual(0, n % 700);
            for (var epoch = 1; epoch <= 2; epoch++)
            {
                var steps = tripletSteps.Where(s => s.Epoch == epoch).ToList();
                Assert.Equal((n + 699) / 700, steps.Count);
                double sum = 0;
                for (var b = 0; b < steps.Count; b++) sum += steps[b].BatchLoss * Math.Min(700, n - b * 700);
                Assert.Equal(sum / n, triplets.LossHistory[epoch - 1], 12);
                Assert.Equal(triplets.LossHistory[epoch - 1], steps[^1].EpochLoss);

                var batches = userSteps.Where(s => s.Epoch == epoch).ToList();
                Assert.Equal((set.UserCount + 39) / 40, batches.Count);
                Assert.Equal(batches.Average(s => s.BatchLoss), userMovie.LossHistory[epoch - 1], 12);
                Assert.Equal(userMovie.LossHistory[epoch - 1], batches[^1].EpochLoss);
            }
        }
    }

    [Fact]
    public void Progress_counts_every_batch_of_every_epoch_in_order()
    {
        var set = _files.WriteGroups();
        var (steps, model) = Record(p => EncoderTrainer.Train(set, Loose,
            TrainingOptions.Defaults(TrainingObjective.UserMovie, EncoderKind.Profile) with { Epochs = 3, BatchSize = 32, InputDim = 16, HiddenDim = 16, LatentDim = 8 }, p));
        using (model)
        {
            var batches = (set.UserCount + 31) / 32;
            Assert.Equal(3 * batches, steps.Count);
            Assert.Equal(Enumerable.Range(0, steps.Count).Select(i => (i / batches + 1, i % batches + 1)), steps.Select(s => (s.Epoch, s.Batch)));
            Assert.Equal(1.0, steps[^1].Fraction);
            Assert.True(steps.Zip(steps.Skip(1)).All(p => p.First.Elapsed <= p.Second.Elapsed));
            Assert.Equal(3, model.EpochsCompleted);
            // Time left: the pace of the batches so far (not the building before them) over what is left, so none
            // at the end and a positive estimate before it.
            Assert.Equal(TimeSpan.Zero, steps[^1].Remaining);
            var first = steps[0];
            Assert.InRange(first.Stepping, TimeSpan.FromTicks(1), first.Elapsed);
            Assert.Equal(first.Stepping.Ticks * (1 - first.Fraction) / first.Fraction, first.Remaining!.Value.Ticks, 0.5 + 1e-9 * first.Stepping.Ticks / first.Fraction);
            Assert.All(steps.SkipLast(1), s => Assert.True(s.Remaining > TimeSpan.Zero));
        }
    }

    [Fact]
    public void Defaults_are_the_studys_for_UserUser_and_the_validated_ones_for_UserMovie()
    {
        Assert.Equal(new TrainingOptions(), TrainingOptions.Defaults());
        Assert.Equal(new TrainingOptions(), TrainingOptions.Defaults(TrainingObjective.UserUser, EncoderKind.Id));
        foreach (var kind in new[] { EncoderKind.Id, EncoderKind.Profile })
        {
            var d = TrainingOptions.Defaults(TrainingObjective.UserMovie, kind);
            Assert.Equal((TrainingObjective.UserMovie, kind), (d.Objective, d.Encoder));
            Assert.Equal(d, TrainingOptions.UserMovieDefaults(kind));
            Assert.NotEqual(new TrainingOptions() with { Objective = TrainingObjective.UserMovie, Encoder = kind }, d);
        }
    }

    [Fact]
    public void The_profile_encoder_needs_the_UserMovie_objective()
    {
        var defaults = Refused.By("EncoderNeedsUserMovie", RefusalCategory.InvalidArgument, () => TrainingOptions.Defaults(TrainingObjective.UserUser, EncoderKind.Profile));
        Assert.Equal(EncoderKind.Profile, defaults.Target);
        Assert.Contains("-Objective UserMovie", defaults.Remedy);
        var set = _files.WriteGroups();
        Assert.Equal(EncoderKind.Profile, Refused.By("EncoderNeedsUserMovie", RefusalCategory.InvalidArgument, () =>
            EncoderTrainer.Train(set, Loose, new TrainingOptions { Encoder = EncoderKind.Profile, Epochs = 1 })).Target);
    }
}
