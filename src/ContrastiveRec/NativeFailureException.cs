using System.Runtime.InteropServices;

namespace ContrastiveRec;

/// <summary>
/// A libtorch error that reached the library's surface: what the library was doing, libtorch's own first line
/// (its C++ frames dropped), and what to try. The library's public entry points that run tensor code throw this,
/// never TorchSharp's <see cref="ExternalException"/>, which callers cannot tell from any other interop failure.
/// </summary>
public sealed class NativeFailureException : ContrastiveRecException
{
    private NativeFailureException(string operation, string reason, bool outOfMemory, ExternalException inner)
        : base("NativeFailure", outOfMemory ? RefusalCategory.ResourceUnavailable : RefusalCategory.InvalidOperation,
            $"libtorch failed while {operation}: {reason}", RemedyFor(outOfMemory), inner: inner)
    {
        Operation = operation;
        Reason = reason;
        IsOutOfMemory = outOfMemory;
    }

    /// <summary>What the library was doing, e.g. "training the encoder".</summary>
    public string Operation { get; }

    /// <summary>libtorch's message, first line only.</summary>
    public string Reason { get; }

    /// <summary>libtorch could not allocate: the estimate that guards big allocations missed, or other work took the memory.</summary>
    public bool IsOutOfMemory { get; }

    private static string RemedyFor(bool outOfMemory) => outOfMemory
        ? "Free memory (close other sessions, drop large variables), or use smaller settings: fewer users or movies, a smaller -BatchSize or -EmbeddingSize."
        : "This is a fault in ContrastiveRec or libtorch, not in your data: please report it with the command and the data's size. Retrying with -ThreadCount 1 or other settings may avoid it.";

    /// <summary>The failure of <paramref name="operation"/> that libtorch reported as <paramref name="e"/>.</summary>
    public static NativeFailureException From(ExternalException e, string operation)
    {
        // libtorch appends "Exception raised from ... frame #0: ..." lines that only its developers can read.
        var first = e.Message.Split('\n', 2)[0].Trim();
        var reason = first.Length == 0 ? "no message" : first;
        var memory = reason.Contains("not enough memory", StringComparison.OrdinalIgnoreCase)
            || reason.Contains("can't allocate", StringComparison.OrdinalIgnoreCase)
            || reason.Contains("out of memory", StringComparison.OrdinalIgnoreCase);
        return new NativeFailureException(operation, reason, memory, e);
    }
}

/// <summary>Runs tensor work at a public entry point, turning a libtorch error into <see cref="NativeFailureException"/>.</summary>
internal static class NativeBoundary
{
    public static T Guard<T>(string operation, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (ExternalException e)
        {
            throw NativeFailureException.From(e, operation);
        }
    }

    public static void Guard(string operation, Action work) => Guard<object?>(operation, () => { work(); return null; });

    /// <summary>An iterator guarded item by item: C# allows no yield inside a try with a catch.</summary>
    public static IEnumerable<T> Guard<T>(string operation, IEnumerable<T> items)
    {
        using var e = Guard(operation, items.GetEnumerator);
        while (Guard(operation, e.MoveNext)) yield return e.Current;
    }
}
