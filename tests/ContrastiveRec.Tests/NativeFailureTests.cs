using System.Runtime.InteropServices;
using ContrastiveRec.Training;
using ContrastiveRec.Tests.Training;
using Xunit;
using static TorchSharp.torch;

namespace ContrastiveRec.Tests;

/// <summary>libtorch's errors leave the library as <see cref="NativeFailureException"/>: what was being done,
/// libtorch's first line without its C++ frames, and whether memory ran out.</summary>
[Collection("Training")]
public class NativeFailureTests
{
    [Fact]
    public void A_libtorch_error_becomes_a_named_failure_without_native_frames()
    {
        var e = Assert.Throws<NativeFailureException>(() => NativeBoundary.Guard("reshaping", () =>
        {
            using var t = ones(2, 3);
            return t.reshape(7).shape;
        }));
        var inner = Assert.IsAssignableFrom<ExternalException>(e.InnerException);
        Assert.Contains("frame #", inner.Message); // libtorch's own text has them ...
        Assert.DoesNotContain("frame #", e.Message); // ... the library's does not
        Assert.DoesNotContain("Exception raised from", e.Message);
        Assert.StartsWith("libtorch failed while reshaping: ", e.Message);
        Assert.Contains("[7]", e.Reason);
        Assert.False(e.IsOutOfMemory);
        Assert.Contains("report", e.Remedy);
        // One refusal type: the cmdlets map it as any other, by its id and category.
        Assert.Equal(("NativeFailure", RefusalCategory.InvalidOperation), (e.ErrorId, e.Category));
        Assert.Equal($"{e.Problem} {e.Remedy}", e.Message);
    }

    [Fact]
    public void An_allocation_libtorch_cannot_make_is_out_of_memory()
    {
        // 2^50 floats (4 PiB) is beyond any address space: libtorch's allocator refuses at once.
        var e = Assert.Throws<NativeFailureException>(() => NativeBoundary.Guard("allocating", () => empty(1L << 50).shape));
        Assert.True(e.IsOutOfMemory, e.Reason);
        Assert.Contains("memory", e.Remedy);
        Assert.Equal(("NativeFailure", RefusalCategory.ResourceUnavailable), (e.ErrorId, e.Category));
    }

    [Fact]
    public void An_iterator_is_guarded_item_by_item()
    {
        static IEnumerable<int> Items()
        {
            yield return 1;
            throw new ExternalException("bad item\nframe #0: somewhere");
        }
        var seen = new List<int>();
        var e = Assert.Throws<NativeFailureException>(() => { foreach (var i in NativeBoundary.Guard("listing", Items())) seen.Add(i); });
        Assert.Equal(new[] { 1 }, seen);
        Assert.Equal("bad item", e.Reason);
    }

    [Fact]
    public void A_public_entry_point_given_what_libtorch_refuses_throws_the_named_failure()
    {
        using var data = new TestRatings();
        var set = data.Write(UserMovieTests.ImplicitGroups());
        using var model = EncoderTrainer.Train(set, ContrastiveRec.Pairs.PairStrategy.FromPreset(1),
            TrainingOptions.UserMovieDefaults(EncoderKind.Id) with { Epochs = 1, BatchSize = 32, InputDim = 8, HiddenDim = 8, LatentDim = 4 });
        // A dense user index past the table: the row lookup fails inside libtorch.
        var e = Assert.Throws<NativeFailureException>(() => model.ScoreMovies(new[] { set.UserCount + 5 }));
        Assert.Equal("scoring movies", e.Operation);
        Assert.DoesNotContain("frame #", e.Message);
    }
}
