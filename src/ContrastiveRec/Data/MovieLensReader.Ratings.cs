using System.Runtime.ExceptionServices;
using System.Text;
using CsvHelper;

namespace ContrastiveRec.Data;

public static partial class MovieLensReader
{
    /// <summary>Where the fields of a rating are in a record (a header may reorder them), and their names for messages.
    /// Rating and Time are -1 when the file has no such column (implicit feedback; no dates).</summary>
    internal readonly record struct RatingFields(int User, int Movie, int Rating, int Time, int Count)
    {
        public static readonly RatingFields Positional = new(0, 1, 2, 3, 4);
        public string UserName { get; init; } = "userId";
        public string MovieName { get; init; } = "movieId";
        public string RatingName { get; init; } = "rating";
        public string TimeName { get; init; } = "timestamp";

        public string Listed => string.Join(", ", new[] { (User, UserName), (Movie, MovieName), (Rating, RatingName), (Time, TimeName) }
            .Where(f => f.Item1 >= 0).Select(f => f.Item2));
    }

    /// <summary>How a ratings file's records are read: its separator and quoting, how its first record is taken (a
    /// header naming the columns, or for MovieLens files possibly the first rating), and whether it is a MovieLens file
    /// (whole-number ids, the 0.5-5 scale, Unix seconds) or any other (ids kept as text, any scale, seconds,
    /// milliseconds or ISO 8601 dates).</summary>
    internal sealed record RatingShape(MovieLensLayout Layout, char Separator, bool Quoted, bool Generic, Func<string[], RatingFields?> Header)
    {
        public static RatingShape Of(MovieLensLayout layout) =>
            new(layout, layout == MovieLensLayout.Tab ? '\t' : ',', layout == MovieLensLayout.Csv, false, _ => null);
    }

    /// <summary>One range of the ratings file as it is parsed: its rows, how far it got, and what stopped it.</summary>
    private sealed class RatingPart(LineRange range)
    {
        public LineRange Range { get; } = range;
        public RatingColumns.Writer? Rows;
        public KeyBook? Users, Movies; // a generic file's ids, as text codes of this range
        public long BytesRead;
        public ExceptionDispatchInfo? Error;
    }

    /// <summary>
    /// Parses the ratings file into columns sized by a pre-scan. A large CSV file is cut at line starts into one range
    /// per core; the calling thread parses the first (and reports progress for all), other threads the rest, each
    /// straight into its own rows of the one set of columns. Errors are the ones a single pass would give: a range
    /// that fails stops the ranges after it, and the first failing range's error is thrown.
    /// </summary>
    private static RatingColumns ReadRatings(MovieLensFiles files, MovieLensReadOptions options) =>
        ReadRatings(files.RatingsPath, files.Layout == MovieLensLayout.Csv
            ? RatingShape.Of(files.Layout) with { Header = names => MovieLensHeader(names, files.RatingsPath) }
            : RatingShape.Of(files.Layout), options);

    // A MovieLens ratings.csv may have a header (which may reorder the columns) or none.
    private static RatingFields? MovieLensHeader(string[] names, string path)
    {
        if (IsHeader(names, "title", "genres", "tag", "imdbId"))
            throw new MovieLensFormatException(MovieLensErrorKind.UnknownLayout, path, 1,
                $"The header ({string.Join(",", names.Take(4))}) is not that of a ratings file (userId,movieId,rating,timestamp).",
                "Point -Path at the folder, or at its ratings file.");
        return IsHeader(names, "userId", "movieId", "rating", "timestamp")
            ? new RatingFields(FieldOf(names, "userId", 0), FieldOf(names, "movieId", 1), FieldOf(names, "rating", 2), FieldOf(names, "timestamp", 3), names.Length)
            : null;
    }

    internal static RatingColumns ReadRatings(string path, RatingShape shape, MovieLensReadOptions options)
    {
        var total = new FileInfo(path).Length;
        if (total == 0) throw Empty(path, 1, "The ratings file is empty.");
        RefuseNonText(path);
        var wanted = shape.Layout != MovieLensLayout.DoubleColon && total >= options.ParallelMinimumBytes ? Math.Max(1, options.ParallelRanges) : 1;
        var parts = RatingFileScan.Of(path, total, wanted).Select(r => new RatingPart(r)).ToArray();
        var lines = parts.Sum(p => (long)p.Range.Lines);

        using var reader = parts.Length == 1 ? OpenRatings(path, shape) : OpenRange(path, parts[0].Range, shape);
        var fields = RatingFields.Positional;
        var header = false;
        var pending = reader.Read();
        if (pending && shape.Quoted | shape.Generic)
        {
            var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray();
            if (shape.Header(names) is { } named)
            {
                fields = named;
                header = true;
                pending = reader.Read();
            }
        }
        MovieLensFormatException NoRatings() =>
            Empty(path, header ? 2 : 1, header ? "The ratings file has a header but no ratings." : "The ratings file has no rows.");
        if (!pending && parts.Length == 1) throw NoRatings();

        // Row r holds line firstData + r, less the blank lines before it (closed up when the ranges are gathered).
        var firstData = pending ? reader.LineNumber : parts[1].Range.FirstLine;
        var columns = new RatingColumns((int)Math.Clamp(lines - firstData + 1, 1, Array.MaxLength));
        for (var k = 0; k < parts.Length; k++)
        {
            var start = k == 0 ? 0 : (int)(parts[k].Range.FirstLine - firstData);
            var end = k + 1 < parts.Length ? (int)(parts[k + 1].Range.FirstLine - firstData) : columns.Users.Length;
            parts[k].Rows = columns.WriterAt(start, end - start);
        }

        var failed = int.MaxValue; // the first range that failed; ranges after it stop
        void Guarded(int k, Action parse)
        {
            try
            {
                parse();
            }
            catch (Exception e)
            {
                parts[k].Error = ExceptionDispatchInfo.Capture(e);
                for (var seen = failed; k < seen; seen = failed)
                    if (Interlocked.CompareExchange(ref failed, k, seen) == seen) break;
            }
        }
        void Parse(int k, CsvReader csv, bool current) =>
            ParseRange(csv, parts, k, current, fields, shape, path, total, options, () => Volatile.Read(ref failed) < k);

        var others = Enumerable.Range(1, parts.Length - 1).Select(k => Task.Factory.StartNew(() => Guarded(k, () =>
        {
            using var csv = OpenRange(path, parts[k].Range, shape);
            Parse(k, csv, false);
        }), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        Guarded(0, () => Parse(0, reader, pending));
        // Progress is reported on this (the caller's) thread only: the cmdlet writes it to the pipeline.
        while (!Task.WaitAll(others, 250))
            if (Volatile.Read(ref failed) == int.MaxValue) options.Progress?.Invoke(BytesRead(parts), total);
        foreach (var part in parts) part.Error?.Throw();

        if (shape.Generic) KeyBook.Merge(columns, parts.Select(p => (p.Rows!, p.Users!, p.Movies!)).ToArray());
        columns.Gather(parts.Select(p => p.Rows!));
        if (columns.Count == 0) throw NoRatings();
        options.Progress?.Invoke(total, total);
        columns.Trim();
        return columns;
    }

    /// <summary>Parses range <paramref name="k"/> (its reader at a record when <paramref name="current"/>) into its rows.
    /// Range 0 runs on the caller's thread and reports the progress of all ranges.</summary>
    private static void ParseRange(CsvReader reader, RatingPart[] parts, int k, bool current, RatingFields fields, RatingShape shape,
        string path, long total, MovieLensReadOptions options, Func<bool> abandoned)
    {
        var part = parts[k];
        var rows = part.Rows!;
        if (shape.Generic) (part.Users, part.Movies) = (new KeyBook(), new KeyBook());
        var lineBefore = part.Range.FirstLine - 1; // the reader counts lines from the start of its range
        var token = options.CancellationToken;
        for (var more = current || reader.Read(); more; more = reader.Read())
        {
            var line = lineBefore + reader.LineNumber;
            if (reader.FieldCount != fields.Count)
                throw Malformed(path, line, $"Expected {fields.Count} fields ({fields.Listed}) but found {reader.FieldCount}.");
            int user, movie;
            float rating;
            long time;
            if (shape.Generic)
            {
                user = part.Users!.Code(reader.GetSpan(fields.User), path, line, fields.UserName);
                movie = part.Movies!.Code(reader.GetSpan(fields.Movie), path, line, fields.MovieName);
                rating = fields.Rating < 0 ? 1f : ParseNumber(reader.GetSpan(fields.Rating), path, line, fields.RatingName);
                time = fields.Time < 0 ? 0 : ParseTime(reader.GetSpan(fields.Time), path, line, fields.TimeName);
            }
            else
            {
                user = ParseInt(reader.GetSpan(fields.User), path, line, fields.UserName);
                movie = ParseInt(reader.GetSpan(fields.Movie), path, line, fields.MovieName);
                rating = ParseRating(reader.GetSpan(fields.Rating), path, line);
                time = ParseLong(reader.GetSpan(fields.Time), path, line, fields.TimeName);
                if (!Rating.IsDate(time)) throw TimestampOutOfRange(path, line, time);
            }
            rows.Add(user, movie, rating, time, line);
            if ((rows.Count & (ProgressEvery - 1)) == 0)
            {
                token.ThrowIfCancellationRequested();
                if (abandoned()) return;
                Volatile.Write(ref part.BytesRead, reader.ByteOffset);
                if (k == 0) options.Progress?.Invoke(BytesRead(parts), total);
            }
        }
        Volatile.Write(ref part.BytesRead, part.Range.End - part.Range.Start);
    }

    private static long BytesRead(RatingPart[] parts) => parts.Sum(p => Volatile.Read(ref p.BytesRead));

    private static CsvReader OpenRange(string path, LineRange range, RatingShape shape) =>
        CsvReader.Create(new FileRangeStream(path, range.Start, range.End), RangeOptions(shape), leaveOpen: false);

    /// <summary>A quoted (RFC 4180) delimited file, read from its first line.</summary>
    internal static CsvReader OpenDelimited(string path, char separator) =>
        CsvReader.FromFile(path, RangeOptions(new RatingShape(MovieLensLayout.Delimited, separator, true, true, _ => null)));

    private static CsvReader OpenRatings(string path, RatingShape shape) =>
        shape.Generic ? CsvReader.FromFile(path, RangeOptions(shape)) : Open(path, shape.Layout, ratings: true, Encoding.UTF8);

    private static CsvReaderOptions RangeOptions(RatingShape shape) =>
        ReaderOptions(shape.Quoted ? MovieLensLayout.Csv : MovieLensLayout.Tab, Encoding.UTF8) with { Separator = shape.Separator };

    private static int FieldOf(string[] header, string name, int fallback)
    {
        var i = Array.FindIndex(header, h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));
        return i >= 0 ? i : fallback;
    }

    // Share of bytes that no text file holds (control characters other than tab, line feed, carriage return): a stray
    // one is a bad line, reported with its line; many are a binary file.
    private static double ControlShare(ReadOnlySpan<byte> head)
    {
        var count = 0;
        foreach (var b in head) if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D)) count++;
        return head.IsEmpty ? 0 : (double)count / head.Length;
    }

    /// <summary>Stops at a compressed or binary file with what it is, rather than a field-count message about its
    /// first "line". Text in UTF-16 (a byte-order mark) is text, though it holds NUL bytes.</summary>
    private static void RefuseNonText(string path)
    {
        Span<byte> head = stackalloc byte[4096];
        int read;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
            read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        string? what = head switch
        {
            [0x1F, 0x8B, ..] => "gzip-compressed",
            [(byte)'P', (byte)'K', 3, 4, ..] => "a zip archive",
            [0x42, 0x5A, 0x68, ..] => "bzip2-compressed",
            [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0, ..] => "xz-compressed",
            [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] => null,
            _ when ControlShare(head) > 0.05 => "binary",
            _ => null,
        };
        if (what is not null)
            throw new MovieLensFormatException(MovieLensErrorKind.UnknownLayout, path, 0, $"The ratings file is {what}, not text.",
                "Unpack the MovieLens release first, and point -Path at the folder or its ratings file.");
    }
}
