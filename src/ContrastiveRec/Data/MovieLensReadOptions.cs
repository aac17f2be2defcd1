namespace ContrastiveRec.Data;

/// <summary>Options for reading a MovieLens release.</summary>
public sealed class MovieLensReadOptions
{
    /// <summary>Share of each user's ratings held out as test (the study: 0.05).</summary>
    public double TestFraction { get; init; } = SplitDefaults.TestFraction;
    public int Seed { get; init; } = SplitDefaults.Seed;
    public SplitMethod SplitMethod { get; init; } = SplitDefaults.Method;
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Called on the calling thread (also when the file is parsed by several threads) with
    /// (bytes read, total bytes) of the ratings file.</summary>
    public Action<long, long>? Progress { get; init; }

    /// <summary>Called on the calling thread, after reading, with each doubtful thing found in the files (ids of 0 or
    /// below, rated movies the movies file lacks, undecodable title bytes, a folder holding two layouts), in words.
    /// The set is still read: these are things to know, not errors.</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>A CSV ratings file at least this large is parsed in <see cref="ParallelRanges"/> byte ranges at once;
    /// below it one thread is faster than starting more.</summary>
    internal long ParallelMinimumBytes { get; init; } = 64L << 20;

    internal int ParallelRanges { get; init; } = Environment.ProcessorCount;
}
