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

        long total = 0;
        for (var g = 0; g < reader.RowGroupCount; g++) total += reader.OpenRowGroupReader(g).RowCount;
        if (total == 0) throw new MovieLensFormatException(MovieLensErrorKind.EmptyFile, path, 0, "The Parquet file has no rows.", "Check that the file was written whole.");
        if (total > Array.MaxLength)
            throw new MovieLensFormatException(MovieLensErrorKind.UnreadableColumn, path, 0, $"The file has {total:N0} rows; one set holds at most {Array.MaxLength:N0}.", "Split the file, or sample its users.");

        // Whole-number ids on both sides go in as they are (the MovieLens path); otherwise both as text.
        var text = !IsInteger(user.ClrType) || !IsInteger(item.ClrType);
        KeyBook? users = text ? new KeyBook() : null, items = text ? new KeyBook() : null;
        var columns = new RatingColumns((int)total);
        var rows = columns.WriterAt(0, (int)total);
        long first = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            ct.ThrowIfCancellationRequested();
            using var group = reader.OpenRowGroupReader(g);
            var n = (int)group.RowCount;
            var userCodes = Keys(group, user, n, first, path, users, ct);
            var itemCodes = Keys(group, item, n, first, path, items, ct);
            var values = rating is null ? null : Numbers(group, rating, n, first, path, ct);
            var times = time is null ? null : Times(group, time, n, first, path, ct);
            for (var i = 0; i < n; i++)
            {
                if ((i & (CheckEvery - 1)) == CheckEvery - 1) ct.ThrowIfCancellationRequested();
                rows.Add(userCodes[i], itemCodes[i], values is null ? 1f : values[i], times is null ? 0 : times[i], first + i + 1);
            }
            first += n;
            options.Progress?.Invoke(first, total);
        }
        if (text) KeyBook.Merge(columns, [(rows, users!, items!)]);
        columns.Gather([rows]);
        return columns;
    }

    private static T Wait<T>(Func<Task<T>> start, string path)
    {
        try
        {
            return start().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or ParquetException or InvalidDataException or NotSupportedException)
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
    private static int[] Keys(Parquet.ParquetRowGroupReader g, DataField f, int n, long first, string path, KeyBook? book, CancellationToken ct)
    {
        if (IntegerColumn(g, f, n, first, path, ct) is { } numbers)
        {
            var ids = new int[n];
            for (var i = 0; i < n; i++)
            {
                var v = numbers[i];
                if (v is < int.MinValue or > int.MaxValue)
                    throw MovieLensReader.Malformed(path, first + i + 1, $"{f.Name} {v} is out of range: whole-number ids must be from {int.MinValue:N0} to {int.MaxValue:N0}.");
                ids[i] = book is null ? (int)v : book.Code(((int)v).ToString(CultureInfo.InvariantCulture));
            }
            return ids;
        }
        if (!IsText(f.ClrType))
            throw Unreadable(path, f, "whole numbers or text");
        var texts = Texts(g, f, n, first, path, ct);
        var codes = new int[n];
        for (var i = 0; i < n; i++)
        {
            var id = texts[i].AsSpan().Trim(' ');
            if (id.Length > KeyBook.MaxIdLength)
                throw MovieLensReader.Malformed(path, first + i + 1, $"{f.Name} is {id.Length:N0} characters long; ids are at most {KeyBook.MaxIdLength}.");
            codes[i] = book!.Code(id);
        }
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
