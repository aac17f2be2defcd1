using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ContrastiveRec.Data;

/// <summary>One part of a ratings file: bytes Start .. End-1, beginning at line FirstLine (1-based) and holding
/// Lines lines (line breaks, plus an unterminated last line).</summary>
internal readonly record struct LineRange(long Start, long End, long FirstLine, int Lines);

/// <summary>
/// What one vectorised pass over a ratings file learns before it is parsed: how many lines it has (which sizes the
/// columns exactly, so they are neither grown nor trimmed: both would copy them and raise the peak memory), and
/// where it can be cut at line starts into ranges that threads parse independently.
/// </summary>
internal static class RatingFileScan
{
    private const int BufferSize = 1 << 20;

    /// <summary>The file as up to <paramref name="wanted"/> ranges of about equal size; one range unless cutting is
    /// safe: no quote (a quoted field may span lines), no carriage return outside a CR LF pair (the CSV reader
    /// counts a lone one as a line break), and no UTF-16 byte order mark.</summary>
    public static LineRange[] Of(string path, long length, int wanted)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var buffer = new byte[BufferSize];
        var cuts = new List<long> { 0 };
        var breaks = new List<long>(); // line feeds in each range
        long inRange = 0, quotes = 0, returns = 0, pairs = 0, position = 0;
        var last = (byte)'\n';
        var utf16 = false;
        int read;
        while ((read = RandomAccess.Read(file, buffer, position)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            if (position == 0) utf16 = read >= 2 && (span[0] == 0xFF && span[1] == 0xFE || span[0] == 0xFE && span[1] == 0xFF);
            var from = 0;
            while (cuts.Count < wanted)
            {
                // Each cut follows the first line feed at or after its share of the bytes.
                var at = (int)Math.Max(from, length * cuts.Count / wanted - 1 - position);
                if (at >= read) break;
                var feed = span[at..].IndexOf((byte)'\n');
                if (feed < 0) break;
                var cut = at + feed + 1;
                breaks.Add(inRange + span[from..cut].Count((byte)'\n'));
                inRange = 0;
                cuts.Add(position + cut);
                from = cut;
            }
            inRange += span[from..].Count((byte)'\n');
            if (wanted > 1)
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
        breaks.Add(inRange);
        if (last != '\n') breaks[^1]++; // an unterminated last line

        if (cuts.Count == 1 || quotes > 0 || returns != pairs || utf16)
            return new[] { new LineRange(0, length, 1, Clamp(breaks.Sum())) };
        var ranges = new List<LineRange>(cuts.Count);
        long firstLine = 1;
        for (var k = 0; k < cuts.Count; k++)
        {
            var end = k + 1 < cuts.Count ? cuts[k + 1] : length;
            if (end > cuts[k]) ranges.Add(new LineRange(cuts[k], end, firstLine, Clamp(breaks[k])));
            firstLine += breaks[k];
        }
        return ranges.ToArray();
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
