using System.Globalization;
using System.Numerics;
using Parquet;
using Parquet.Schema;

namespace ContrastiveRec.Data;

/// <summary>
/// Reads the interactions of a Parquet file into the columns the MovieLens and delimited readers fill, row group by
/// row group (Parquet.Net, fully managed). Whole-number ids stay numbers; text ids become codes (<see cref="KeyBook"/>).
/// Errors name the file and the row (1-based, counted over the whole file) where a CSV error names a line.
/// </summary>
internal static class ParquetRatingReader
{
    private const int CheckEvery = 1 << 16;

    /// <summary>Whether dictionary-encoded text id columns are read directly (<see cref="ParquetDictionaryColumn"/>);
    /// tests turn it off to compare with Parquet.Net's own decoding.</summary>
    internal static bool DirectReads { get; set; } = true;

    /// <summary>Whether the file starts with Parquet's magic bytes.</summary>
    public static bool IsParquet(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        return file.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head.SequenceEqual("PAR1"u8);
    }

    public static RatingColumns Read(string path, MovieLensReadOptions options,
        Func<string[], (MovieLensReader.RatingFields Fields, RatingFileFormat Resolved)> columnsOf, out RatingFileFormat resolved)
    {
        var ct = options.CancellationToken;
        var reader = Wait(() => ParquetReader.CreateAsync(path, cancellationToken: ct), path);
        try
        {
            return Read(reader, path, options, columnsOf, out resolved);
        }
        catch (Exception e) when (e is not (ContrastiveRecException or OperationCanceledException or OutOfMemoryException))
        {
            // A damaged file fails inside the library in many ways (Thrift, Snappy, bounds): all are one refusal.
            throw new MovieLensFormatException(MovieLensErrorKind.UnreadableColumn, path, 0, $"The Parquet file cannot be read: {e.Message}",
                "Check that the file was written whole; write it again with a current Parquet writer (pandas, pyarrow, Spark, DuckDB).");
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static RatingColumns Read(ParquetReader reader, string path, MovieLensReadOptions options,
        Func<string[], (MovieLensReader.RatingFields Fields, RatingFileFormat Resolved)> columnsOf, out RatingFileFormat resolved)
    {
        var ct = options.CancellationToken;
        var fields = reader.Schema.GetDataFields();
        var (at, found) = columnsOf(fields.Select(f => f.Name).ToArray());
        resolved = found;
        DataField user = fields[at.User], item = fields[at.Movie];
        DataField? rating = at.Rating < 0 ? null : fields[at.Rating], time = at.Time < 0 ? null : fields[at.Time];

        var groups = reader.RowGroupCount;
        var starts = new long[groups + 1];
        for (var g = 0; g < groups; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            starts[g + 1] = starts[g] + group.RowCount;
        }
        var total = starts[groups];
        if (total == 0) throw new MovieLensFormatException(MovieLensErrorKind.EmptyFile, path, 0, "The Parquet file has no rows.", "Check that the file was written whole.");
        if (total > Array.MaxLength)
            throw new MovieLensFormatException(MovieLensErrorKind.UnreadableColumn, path, 0, $"The file has {total:N0} rows; one set holds at most {Array.MaxLength:N0}.", "Split the file, or sample its users.");

        // Whole-number ids on both sides go in as they are (the MovieLens path); otherwise both as text, one book of
        // codes per row group, merged into one table at the end as the CSV reader merges its ranges'.
        var text = !IsInteger(user.ClrType) || !IsInteger(item.ClrType);
        var columns = new RatingColumns((int)total);
        var parts = new GroupPart[groups];
        for (var g = 0; g < groups; g++)
            parts[g] = new GroupPart(columns.WriterAt((int)starts[g], (int)(starts[g + 1] - starts[g])));
        var at2 = new Columns(user, item, rating, time);

        // Row groups are independent: each thread takes the next one (its own reader, so its own file position). The
        // caller's thread reports progress; the first failing group (in file order) is the one reported.
        using var file = File.OpenHandle(path); // the dictionary-encoded id columns are read from it directly
        var fileLength = RandomAccess.GetLength(file);
        var next = -1;
        long done = 0;
        var stop = false;
        void Work(ParquetReader r, bool reports)
        {
            // One book of codes per thread (not per group: each group would hold most items' texts again).
            var scratch = new Scratch { Users = text ? new KeyBook() : null, Items = text ? new KeyBook() : null };
            for (int g; !Volatile.Read(ref stop) && (g = Interlocked.Increment(ref next)) < groups;)
            {
                try
                {
                    ReadGroup(r, g, parts[g], at2, starts[g], path, scratch, (file, fileLength), ct);
                }
                catch (Exception e)
                {
                    parts[g].Error = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                    Volatile.Write(ref stop, true);
                    return;
                }
                // A group's buffers (the column chunks' bytes, pages, the library's numeric columns) are large objects,
                // which only a full collection frees: without one after each group they pile up to four times the
                // columns' size; with it the peak stays near twice.
                GC.Collect(2, GCCollectionMode.Forced, blocking: true);
                var read = Interlocked.Add(ref done, starts[g + 1] - starts[g]);
                if (reports) options.Progress?.Invoke(read, total);
            }
        }
        var threads = Math.Clamp(options.ParallelRanges, 1, groups);
        var others = Enumerable.Range(1, threads - 1).Select(_ => Task.Factory.StartNew(() =>
        {
            var own = Wait(() => ParquetReader.CreateAsync(path, cancellationToken: ct), path);
            try
            {
                Work(own, false);
            }
            finally
            {
                own.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        Work(reader, true);
        try
        {
            Task.WaitAll(others);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        foreach (var part in parts) part.Error?.Throw();
        ct.ThrowIfCancellationRequested();
        if (text) KeyBook.Merge(columns, parts.Select(p => (p.Rows, p.Users!, p.Items!)).ToArray());
        columns.Gather(parts.Select(p => p.Rows));
        options.Progress?.Invoke(total, total);
        return columns;
    }

    private sealed record Columns(DataField User, DataField Item, DataField? Rating, DataField? Time);

    private sealed class GroupPart(RatingColumns.Writer rows)
    {
        public RatingColumns.Writer Rows { get; } = rows;

        /// <summary>The books of the thread that read the group (its codes are into them).</summary>
        public KeyBook? Users, Items;
        public System.Runtime.ExceptionServices.ExceptionDispatchInfo? Error;
    }

    /// <summary>One thread's buffers, reused from row group to row group: the garbage of a group is then mostly the
    /// Parquet library's own, which keeps the peak near the columns'.</summary>
    private sealed class Scratch
    {
        public ReadOnlyMemory<char>?[] Texts = [];
        public int[] UserCodes = [], ItemCodes = [];
        public KeyBook? Users, Items;

        public void Fit(int n)
        {
            if (UserCodes.Length >= n) return;
            (UserCodes, ItemCodes) = (new int[n], new int[n]);
        }

        /// <summary>Only for columns the library decodes (24 bytes a row, so not made when no column needs it).</summary>
        public ReadOnlyMemory<char>?[] TextsFor(int n) => Texts.Length >= n ? Texts : Texts = new ReadOnlyMemory<char>?[n];
    }

    private static void ReadGroup(ParquetReader reader, int g, GroupPart part, Columns at, long first, string path, Scratch scratch,
        (Microsoft.Win32.SafeHandles.SafeFileHandle Handle, long Length) file, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var group = reader.OpenRowGroupReader(g);
        var n = (int)group.RowCount;
        scratch.Fit(n);
        (part.Users, part.Items) = (scratch.Users, scratch.Items);
        var userCodes = Keys(group, at.User, n, first, path, part.Users, scratch.UserCodes, scratch, file, ct);
        var itemCodes = Keys(group, at.Item, n, first, path, part.Items, scratch.ItemCodes, scratch, file, ct);
        var values = at.Rating is null ? null : Numbers(group, at.Rating, n, first, path, ct);
        var times = at.Time is null ? null : Times(group, at.Time, n, first, path, ct);
        for (var i = 0; i < n; i++)
        {
            if ((i & (CheckEvery - 1)) == CheckEvery - 1) ct.ThrowIfCancellationRequested();
            part.Rows.Add(userCodes[i], itemCodes[i], values is null ? 1f : values[i], times is null ? 0 : times[i], first + i + 1);
        }
    }

    private static T Wait<T>(Func<Task<T>> start, string path)
    {
        try
        {
            return start().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not (ContrastiveRecException or OperationCanceledException or OutOfMemoryException))
        {
            throw new MovieLensFormatException(MovieLensErrorKind.UnreadableColumn, path, 0, $"The Parquet file cannot be read: {e.Message}",
                "Check that the file was written whole; write it again with a current Parquet writer (pandas, pyarrow, Spark, DuckDB).");
        }
    }

    // Parquet.Net gives UTF-8 columns as string or as ReadOnlyMemory<char>, by how they were written; both read as strings.
    private static bool IsText(Type t) => t == typeof(string) || t == typeof(ReadOnlyMemory<char>);

    private static bool IsInteger(Type t) =>
        t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(sbyte) || t == typeof(byte) || t == typeof(ushort) || t == typeof(uint);

    private static T[] Values<T>(Parquet.ParquetRowGroupReader group, DataField field, int n, long first, string path, CancellationToken ct) where T : struct
    {
        if (!field.IsNullable)
        {
            var plain = new T[n];
            group.ReadAsync<T>(field, plain.AsMemory(), null, ct).GetAwaiter().GetResult();
            return plain;
        }
        var nullable = new T?[n];
        group.ReadAsync<T>(field, nullable.AsMemory(), null, ct).GetAwaiter().GetResult();
        var values = new T[n];
        for (var i = 0; i < n; i++) values[i] = nullable[i] ?? throw Empty(path, first + i + 1, field.Name);
        return values;
    }

    private static string[] Texts(Parquet.ParquetRowGroupReader group, DataField field, int n, long first, string path, CancellationToken ct)
    {
        var texts = new string[n];
        group.ReadAsync(field, texts.AsMemory(), null, ct).GetAwaiter().GetResult();
        for (var i = 0; i < n; i++) if (string.IsNullOrEmpty(texts[i])) throw Empty(path, first + i + 1, field.Name);
        return texts;
    }

    private static long[] Integers<T>(Parquet.ParquetRowGroupReader g, DataField f, int n, long first, string path, CancellationToken ct)
        where T : struct, IBinaryInteger<T> => Array.ConvertAll(Values<T>(g, f, n, first, path, ct), long.CreateTruncating);

    private static long[]? IntegerColumn(Parquet.ParquetRowGroupReader g, DataField f, int n, long first, string path, CancellationToken ct) =>
        f.ClrType == typeof(int) ? Integers<int>(g, f, n, first, path, ct)
        : f.ClrType == typeof(long) ? Integers<long>(g, f, n, first, path, ct)
        : f.ClrType == typeof(short) ? Integers<short>(g, f, n, first, path, ct)
        : f.ClrType == typeof(sbyte) ? Integers<sbyte>(g, f, n, first, path, ct)
        : f.ClrType == typeof(byte) ? Integers<byte>(g, f, n, first, path, ct)
        : f.ClrType == typeof(ushort) ? Integers<ushort>(g, f, n, first, path, ct)
        : f.ClrType == typeof(uint) ? Integers<uint>(g, f, n, first, path, ct)
        : null;

    /// <summary>A key column as ids (whole numbers, into <paramref name="book"/> as text when it is given) or text codes.</summary>
    private static int[] Keys(Parquet.ParquetRowGroupReader g, DataField f, int n, long first, string path, KeyBook? book, int[] ids,
        Scratch scratch, (Microsoft.Win32.SafeHandles.SafeFileHandle Handle, long Length) file, CancellationToken ct)
    {
        if (IntegerColumn(g, f, n, first, path, ct) is { } numbers)
        {
            for (var i = 0; i < n; i++)
            {
                var v = numbers[i];
                if (v is < int.MinValue or > int.MaxValue)
                    throw MovieLensReader.Malformed(path, first + i + 1, $"{f.Name} {v} is out of range: whole-number ids must be from {int.MinValue:N0} to {int.MaxValue:N0}.");
                ids[i] = book is null ? (int)v : book.Code((int)v);
            }
            return ids;
        }
        if (!IsText(f.ClrType))
            throw Unreadable(path, f, "whole numbers or text");
        if (DirectReads && ParquetDictionaryColumn.TryRead(file.Handle, file.Length, g.GetMetadata(f), f, n, first, path, book!, ids)) return ids;
        // As slices of one decoded buffer, not a string per row.
        var texts = scratch.TextsFor(n);
        g.ReadAsync<ReadOnlyMemory<char>>(f, texts.AsMemory(0, n), null, ct).GetAwaiter().GetResult();
        var codes = ids;
        for (var i = 0; i < n; i++)
        {
            var id = (texts[i] ?? throw Empty(path, first + i + 1, f.Name)).Span.Trim(' ');
            if (id.IsEmpty) throw Empty(path, first + i + 1, f.Name);
            if (id.Length > KeyBook.MaxIdLength)
                throw MovieLensReader.Malformed(path, first + i + 1, $"{f.Name} is {id.Length:N0} characters long; ids are at most {KeyBook.MaxIdLength}.");
            codes[i] = book!.Code(id);
        }
        Array.Clear(texts, 0, n); // let the library's decoded buffer go
        return codes;
    }

    private static float[] Numbers(Parquet.ParquetRowGroupReader g, DataField f, int n, long first, string path, CancellationToken ct)
    {
        float[] values = f.ClrType == typeof(float) ? Values<float>(g, f, n, first, path, ct)
            : f.ClrType == typeof(double) ? Array.ConvertAll(Values<double>(g, f, n, first, path, ct), v => (float)v)
            : f.ClrType == typeof(decimal) ? Array.ConvertAll(Values<decimal>(g, f, n, first, path, ct), v => (float)v)
            : IntegerColumn(g, f, n, first, path, ct) is { } whole ? Array.ConvertAll(whole, v => (float)v)
            : throw Unreadable(path, f, "numbers");
        for (var i = 0; i < n; i++)
            if (!float.IsFinite(values[i])) throw MovieLensReader.Malformed(path, first + i + 1, $"{f.Name} {values[i]} is not a finite number.");
        return values;
    }

    /// <summary>Seconds (or milliseconds, decided for the column afterwards) since 1970.</summary>
    private static long[] Times(Parquet.ParquetRowGroupReader g, DataField f, int n, long first, string path, CancellationToken ct)
    {
        if (f.ClrType == typeof(DateTime))
            return Array.ConvertAll(Values<DateTime>(g, f, n, first, path, ct), d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)).ToUnixTimeSeconds());
        if (f.ClrType == typeof(DateTimeOffset))
            return Array.ConvertAll(Values<DateTimeOffset>(g, f, n, first, path, ct), d => d.ToUnixTimeSeconds());
        if (IntegerColumn(g, f, n, first, path, ct) is { } whole)
        {
            for (var i = 0; i < n; i++)
                if (whole[i] is < Rating.EarliestTime * 1000 or > Rating.LatestTime * 1000)
                    throw MovieLensReader.Malformed(path, first + i + 1, $"{f.Name} {whole[i]} is beyond what a date can hold, in seconds or milliseconds since 1970.");
            return whole;
        }
        if (!IsText(f.ClrType)) throw Unreadable(path, f, "dates, whole numbers (Unix seconds or milliseconds) or ISO 8601 text");
        var texts = Texts(g, f, n, first, path, ct);
        var times = new long[n];
        for (var i = 0; i < n; i++)
            times[i] = DateTimeOffset.TryParse(texts[i], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d.ToUnixTimeSeconds()
                : throw MovieLensReader.Malformed(path, first + i + 1, $"{f.Name} '{texts[i]}' is not a date such as 2024-03-01 or 2024-03-01T12:30:00Z.");
        return times;
    }

    private static MovieLensFormatException Empty(string path, long row, string column) =>
        MovieLensReader.Malformed(path, row, $"{column} is empty (null): every row needs it.");

    private static MovieLensFormatException Unreadable(string path, DataField f, string wanted) =>
        new(MovieLensErrorKind.UnreadableColumn, path, 0, $"Column '{f.Name}' holds {f.ClrType.Name} values; it must hold {wanted}.",
            "Name another column (-UserColumn, -ItemColumn, -RatingColumn, -TimestampColumn), or convert this one when writing the file.");
}
