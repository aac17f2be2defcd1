using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Microsoft.Win32.SafeHandles;

namespace ContrastiveRec.Data;

/// <summary>One part of a ratings file: bytes Start .. End-1, beginning at line FirstLine (1-based) and holding
/// Lines lines (line breaks, plus an unterminated last line).</summary>
internal readonly record struct LineRange(long Start, long End, long FirstLine, int Lines);

/// <summary>
/// What a vectorised pass over a ratings file (a thread per range) learns before it is parsed: how many lines it has (which sizes the
/// columns exactly, so they are neither grown nor trimmed: both would copy them and raise the peak memory), and
/// where it can be cut at line starts into ranges that threads parse independently.
/// </summary>
internal static class RatingFileScan
{
    private const int BufferSize = 1 << 20;

    /// <summary>The file as up to <paramref name="wanted"/> ranges of about equal size, counted in parallel; one range
    /// unless cutting is safe: no quote (a quoted field may span lines), no carriage return outside a CR LF pair (the
    /// CSV reader counts a lone one as a line break), and no UTF-16 byte order mark.</summary>
    public static LineRange[] Of(string path, long length, int wanted)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var cuts = Cuts(file, length, wanted);
        var counts = new Counts[cuts.Count];
        void CountRange(int k) => counts[k] = Count(file, cuts[k], k + 1 < cuts.Count ? cuts[k + 1] : length, checkCuts: cuts.Count > 1);
        if (cuts.Count == 1) CountRange(0); // small files: no thread pool start-up
        else Parallel.For(0, cuts.Count, new ParallelOptions { MaxDegreeOfParallelism = cuts.Count }, CountRange);

        var lines = counts.Select(c => c.Feeds).ToArray();
        if (counts[^1].Last != '\n') lines[^1]++; // an unterminated last line
        Span<byte> head = stackalloc byte[2];
        var utf16 = RandomAccess.Read(file, head, 0) == 2 && (head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF);
        if (cuts.Count == 1 || utf16 || counts.Any(c => c.Quotes > 0 || c.LoneReturns > 0))
            return new[] { new LineRange(0, length, 1, Clamp(lines.Sum())) };
        var ranges = new LineRange[cuts.Count];
        long firstLine = 1;
        for (var k = 0; k < cuts.Count; k++)
        {
            ranges[k] = new LineRange(cuts[k], k + 1 < cuts.Count ? cuts[k + 1] : length, firstLine, Clamp(lines[k]));
            firstLine += lines[k];
        }
        return ranges;
    }

    /// <summary>Range starts: each cut follows the first line feed at or after its share of the bytes.</summary>
    private static List<long> Cuts(SafeFileHandle file, long length, int wanted)
    {
        var cuts = new List<long> { 0 };
        var window = new byte[1 << 16];
        for (var k = 1; k < wanted; k++)
        {
            var position = Math.Max(length * k / wanted - 1, cuts[^1]);
            int read, feed = -1;
            while (feed < 0 && (read = RandomAccess.Read(file, window, position)) > 0)
            {
                feed = window.AsSpan(0, read).IndexOf((byte)'\n');
                if (feed < 0) position += read;
            }
            if (feed < 0 || position + feed + 1 >= length) break;
            cuts.Add(position + feed + 1);
        }
        return cuts;
    }

    private readonly record struct Counts(long Feeds, long Quotes, long LoneReturns, byte Last);

    private static Counts Count(SafeFileHandle file, long start, long end, bool checkCuts)
    {
        var buffer = new byte[BufferSize];
        long feeds = 0, quotes = 0, returns = 0, pairs = 0;
        var last = (byte)'\n';
        for (var position = start; position < end;)
        {
            var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(BufferSize, end - position)), position);
            if (read == 0) break;
            var span = buffer.AsSpan(0, read);
            feeds += span.Count((byte)'\n');
            if (checkCuts)
            {
                quotes += span.Count((byte)'"');
                var crs = span.Count((byte)'\r');
                if (crs > 0 || last == '\r')
                {
                    returns += crs;
                    pairs += CarriageReturnLineFeeds(span) + (last == '\r' && span[0] == '\n' ? 1 : 0);
                }
            }
            last = span[read - 1];
            position += read;
        }
        return new Counts(feeds, quotes, returns - pairs, last);
    }

    private static int Clamp(long lines) => (int)Math.Min(Array.MaxLength, lines);

    /// <summary>CR LF pairs wholly inside the span.</summary>
    private static long CarriageReturnLineFeeds(ReadOnlySpan<byte> span)
    {
        long pairs = 0;
        var i = 0;
        ref var start = ref MemoryMarshal.GetReference(span);
        if (Vector128.IsHardwareAccelerated)
        {
            var cr = Vector128.Create((byte)'\r');
            var lf = Vector128.Create((byte)'\n');
            for (; i + Vector128<byte>.Count < span.Length; i += Vector128<byte>.Count)
            {
                var returns = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)i), cr);
                var feeds = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)i + 1), lf);
                pairs += BitOperations.PopCount((returns & feeds).ExtractMostSignificantBits());
            }
        }
        for (; i + 1 < span.Length; i++)
            if (span[i] == '\r' && span[i + 1] == '\n') pairs++;
        return pairs;
    }
}
