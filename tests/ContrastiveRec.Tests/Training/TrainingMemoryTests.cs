using ContrastiveRec.Pairs;
using ContrastiveRec.Training;
using Xunit;

namespace ContrastiveRec.Tests.Training;

public class TrainingMemoryTests
{
    [Fact]
    public void A_user_table_trained_row_wise_needs_its_weights_and_two_moments_and_dense_two_tables_more()
    {
        // ml-25m's 162,541 users at 1024 inputs: 666 MB a table.
        const long table = 162_541L * 1024 * sizeof(float);
        var rowWise = TrainingMemory.EstimateBytes(162_541, 59_047, 0, new TrainingOptions { RowWiseUpdates = true });
        var dense = TrainingMemory.EstimateBytes(162_541, 59_047, 0, new TrainingOptions { RowWiseUpdates = false });
        // Unset, a table this size is trained row-wise.
        Assert.Equal(rowWise, TrainingMemory.EstimateBytes(162_541, 59_047, 0, new TrainingOptions()));
        Assert.InRange(rowWise, 3 * table, 3 * table + 50_000_000);
        Assert.Equal(2 * table, dense - rowWise);
    }

    [Fact]
    public void A_run_that_cannot_fit_is_refused_before_its_tables_are_allocated()
    {
        using var data = new TestRatings();
        var set = data.WriteGroups();
        var options = new TrainingOptions { InputDim = 1_000_000_000, Epochs = 1, RowWiseUpdates = false };
        var e = Assert.IsType<TrainingMemoryException>(Refused.By("TrainingMemory", RefusalCategory.ResourceUnavailable,
            () => EncoderTrainer.Train(set, PairStrategy.FromPreset(1) with { MinLikers = 5, MinDislikers = 5 }, options)));
        Assert.True(e.NeededBytes > e.AvailableBytes);
        Assert.Contains("-RowWiseUpdates", e.Remedy);
        Assert.Same(set, e.Target);
    }

    [Fact]
    public void A_graph_run_grows_with_its_ratings_and_not_with_users_times_movies()
    {
        var graph = TrainingOptions.UserMovieDefaults(EncoderKind.Graph);
        var at25m = TrainingMemory.EstimateBytes(162_541, 59_047, 25_000_000, graph);
        var at50m = TrainingMemory.EstimateBytes(162_541, 59_047, 50_000_000, graph);
        // Per rating: two directed edges (neighbour and weight, 8 bytes each way) and the objective's profile row (12).
        Assert.Equal(25_000_000L * (2 * 8 + 12), at50m - at25m);
        Assert.InRange(at25m, 1_000_000_000, 4_000_000_000); // users x movies floats alone would be 38 GB

        using var data = new TestRatings();
        var set = data.WriteGroups();
        var e = Assert.Throws<TrainingMemoryException>(() => EncoderTrainer.Train(set, PairStrategy.FromPreset(1), graph with { LatentDim = 100_000_000 }));
        Assert.Contains("-LatentSize", e.Remedy);
        Assert.DoesNotContain("RowWiseUpdates", e.Message);
    }
}
