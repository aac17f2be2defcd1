using System.Globalization;

namespace ContrastiveRec.Recommendation;

/// <summary>A baseline whose matrices would not fit its memory budget or the memory available now: refused before
/// anything large is allocated, so that the process is never taken by the kernel's OOM killer.</summary>
public sealed class BaselineTooLargeException : ContrastiveRecException
{
    public BaselineTooLargeException(BaselineKind kind, string what, long requiredBytes, long limitBytes, string limitName, string remedy)
        : base("BaselineTooLarge", RefusalCategory.LimitsExceeded, string.Create(CultureInfo.InvariantCulture,
            $"{RecommenderRegistry.Baseline(kind).Name} {what} needs about {Gigabytes(requiredBytes)}, above {limitName} of {Gigabytes(limitBytes)}."), remedy)
    {
        Kind = kind;
        RequiredBytes = requiredBytes;
        LimitBytes = limitBytes;
    }

    public BaselineKind Kind { get; }

    /// <summary>The estimate of what building would allocate at its peak.</summary>
    public long RequiredBytes { get; }

    /// <summary>The budget or the memory available, whichever refused.</summary>
    public long LimitBytes { get; }

    internal static string Gigabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.00} GB");

    /// <summary>Memory this process can still take: MemAvailable on Linux (the GC's figures are as of its last collection),
    /// else what the GC last saw free.</summary>
    internal static long AvailableBytes()
    {
        const string meminfo = "/proc/meminfo";
        if (File.Exists(meminfo))
            foreach (var line in File.ReadLines(meminfo))
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)
                    && long.TryParse(line["MemAvailable:".Length..].Trim().Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
                    return kb * 1024;
        var info = GC.GetGCMemoryInfo();
        return Math.Max(0, info.TotalAvailableMemoryBytes - info.MemoryLoadBytes);
    }

    /// <summary>Refuses when <paramref name="requiredBytes"/> is more than the memory available now.</summary>
    internal static void ThrowIfUnavailable(BaselineKind kind, string what, long requiredBytes, string remedy)
    {
        var available = AvailableBytes();
        if (requiredBytes > available) throw new BaselineTooLargeException(kind, what, requiredBytes, available, "the memory available now", remedy);
    }
}
