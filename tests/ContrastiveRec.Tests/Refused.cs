using Xunit;

namespace ContrastiveRec.Tests;

/// <summary>Asserts that core work is refused as the shell will show it: the one refusal type with the expected id and
/// category, a problem that is its own sentence (no remedy folded in, no .NET parameter text), and advice that names
/// cmdlets and parameters rather than .NET calls.</summary>
internal static class Refused
{
    public static ContrastiveRecException By(string errorId, RefusalCategory category, Action work)
    {
        var e = Assert.IsAssignableFrom<ContrastiveRecException>(Record.Exception(work));
        Assert.Equal((errorId, category), (e.ErrorId, e.Category));
        Assert.False(string.IsNullOrWhiteSpace(e.Problem));
        Assert.False(string.IsNullOrWhiteSpace(e.Remedy), $"{errorId} gives no advice");
        Assert.DoesNotContain(e.Remedy, e.Problem);
        Assert.Equal($"{e.Problem} {e.Remedy}", e.Message);
        foreach (var leak in new[] { "(Parameter '", "Actual value was", ".Load", "TrainedEncoder", "RatingSet.", "Options." })
            Assert.DoesNotContain(leak, e.Problem + " " + e.Remedy);
        return e;
    }

    public static ContrastiveRecException By(string errorId, RefusalCategory category, Func<object?> work) => By(errorId, category, () => { work(); });
}
