using static TorchSharp.torch;

namespace ContrastiveRec;

/// <summary>libtorch's intra-op thread count, set for a while and put back on dispose.</summary>
/// <remarks>libtorch keeps the count per calling thread (OpenMP), so set and restore happen on the thread doing the work.</remarks>
internal readonly struct IntraOpThreads : IDisposable
{
    private readonly int _previous;

    private IntraOpThreads(int previous) => _previous = previous;

    /// <summary>Uses <paramref name="count"/> threads until disposed; null leaves the count as it is.</summary>
    public static IntraOpThreads Use(int? count)
    {
        if (count is not { } n) return default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n, nameof(count));
        var previous = get_num_threads();
        set_num_threads(n);
        return new IntraOpThreads(previous);
    }

    public void Dispose()
    {
        if (_previous > 0) set_num_threads(_previous);
    }
}
