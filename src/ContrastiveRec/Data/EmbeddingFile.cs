using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace ContrastiveRec.Data;

/// <summary>Row <paramref name="row"/> of a matrix of floats, read before the next call.</summary>
public delegate ReadOnlySpan<float> MatrixRow(int row);

/// <summary>
/// An embedding matrix, one row per id, written as a file another tool reads as is: CSV (pandas'
/// <c>read_csv(path, index_col=0)</c>, Import-Csv), Parquet (<c>pandas.read_parquet</c>, pyarrow, Spark) or NumPy's .npy
/// (<c>numpy.load</c>) with its ids in a CSV beside it. Rows are streamed from <see cref="MatrixRow"/>: the writers never
/// hold the matrix, or its text, a second time (a Parquet row group of at most <see cref="ParquetGroupValues"/> floats
/// is their largest buffer). Every file goes through <see cref="AtomicFile"/>.
/// </summary>
public static class EmbeddingFile
{
    /// <summary>What ends the name of the ids file written beside a .npy (users.npy: users.ids.csv).</summary>
    public const string IdsSuffix = ".ids.csv";

    /// <summary>Floats in one Parquet row group (16 MB): the one block the Parquet writer turns from rows into columns.</summary>
    public const int ParquetGroupValues = 1 << 22;

    private const int RowsPerCheck = 1024;
    private static readonly byte[] NewLine = "\r\n"u8.ToArray(); // RFC 4180, as the comparison's CSV table

    /// <summary>The format of a write to <paramref name="path"/>: its extension's (.csv, .parquet, .npy), or
    /// <paramref name="format"/> for a path whose extension names none.</summary>
    /// <exception cref="ContrastiveRecException">UnknownEmbeddingFormat: neither says a format; EmbeddingFormatMismatch:
    /// the extension names another format than <paramref name="format"/> (the file would not be what its name says).</exception>
    public static EmbeddingFileFormat FormatOf(string path, EmbeddingFileFormat? format = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var named = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => EmbeddingFileFormat.Csv,
            ".parquet" => EmbeddingFileFormat.Parquet,
            ".npy" => EmbeddingFileFormat.Npy,
            _ => (EmbeddingFileFormat?)null,
        };
        if (format is { } asked)
        {
            if (named is { } n && n != asked)
                throw new ContrastiveRecException("EmbeddingFormatMismatch", RefusalCategory.InvalidArgument,
                    $"'{path}' ends in {Path.GetExtension(path)}, which names the {n} format, but -Format {asked} was asked: the file would not be what its name says.",
                    $"Leave -Format out (the extension chooses), or give -Path a name ending in {Extension(asked)}.", path);
            return asked;
        }
        return named ?? throw new ContrastiveRecException("UnknownEmbeddingFormat", RefusalCategory.InvalidArgument,
            $"'{path}' ends in {(Path.GetExtension(path) is { Length: > 0 } e ? e : "no extension")}, which names no format to write embeddings in.",
            "End -Path in .csv, .parquet or .npy, or give -Format Csv, Parquet or Npy.", path);
    }

    /// <summary>The extension that names <paramref name="format"/>: .csv, .parquet, .npy.</summary>
    public static string Extension(EmbeddingFileFormat format) => format switch
    {
        EmbeddingFileFormat.Csv => ".csv",
        EmbeddingFileFormat.Parquet => ".parquet",
        EmbeddingFileFormat.Npy => ".npy",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The ids file beside a .npy: its name with <see cref="IdsSuffix"/> for the extension.</summary>
    public static string IdsPath(string npyPath) => Path.ChangeExtension(npyPath, IdsSuffix);

    /// <summary>The files a write of <paramref name="format"/> to <paramref name="path"/> makes, the matrix first.</summary>
    public static IReadOnlyList<string> Files(string path, EmbeddingFileFormat format) =>
        format == EmbeddingFileFormat.Npy ? [path, IdsPath(path)] : [path];

    /// <summary>
    /// Writes the matrix: row i of <paramref name="rows"/> is <paramref name="ids"/>[i]'s, <paramref name="dimensions"/>
    /// floats. <paramref name="idColumn"/> names the ids' column (userId, movieId). <paramref name="progress"/> gets the
    /// share written; <paramref name="ct"/> is checked every 1,024 rows (each column of a Parquet row group), and a
    /// cancelled write leaves no file, and any earlier one as it was.
    /// </summary>
    /// <exception cref="IOException">The file could not be written; the message names it.</exception>
    public static void Write(string path, EmbeddingFileFormat format, IdTable ids, string idColumn, int dimensions, MatrixRow rows,
        Action<double>? progress = null, CancellationToken ct = default) =>
        Write(path, format, ids, idColumn, dimensions, rows, progress, ct, ParquetGroupValues);

    /// <summary>As the public overload, with Parquet row groups of <paramref name="parquetGroupValues"/> floats (tests
    /// make several groups of a small matrix).</summary>
    internal static void Write(string path, EmbeddingFileFormat format, IdTable ids, string idColumn, int dimensions, MatrixRow rows,
        Action<double>? progress, CancellationToken ct, int parquetGroupValues)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentException.ThrowIfNullOrEmpty(idColumn);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        ArgumentNullException.ThrowIfNull(rows);
        switch (format)
        {
            case EmbeddingFileFormat.Csv:
                AtomicFile.Write(path, s => WriteCsv(s, ids, idColumn, dimensions, rows, progress, ct));
                break;
            case EmbeddingFileFormat.Parquet:
                AtomicFile.Write(path, s => WriteParquet(s, ids, idColumn, dimensions, rows, parquetGroupValues, progress, ct));
                break;
            case EmbeddingFileFormat.Npy:
                // The ids are written last, inside the matrix's write: Ctrl+C during the long part leaves both earlier
                // files as they were, and the ids land just before the matrix is renamed into place.
                AtomicFile.Write(path, s =>
                {
                    WriteNpy(s, ids.Count, dimensions, rows, progress, ct);
                    ct.ThrowIfCancellationRequested();
                    AtomicFile.Write(IdsPath(path), t => WriteIds(t, ids, idColumn));
                });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format));
        }
    }

    /// <summary>The header NumPy writes for a C-ordered little-endian float32 [rows, columns] array (format 1.0): the
    /// dict, padded with spaces and ended by a newline so that the data starts at a multiple of 64 bytes.</summary>
    public static byte[] NpyHeader(int rows, int columns)
    {
        var dict = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {columns}), }}");
        const int preamble = 10; // magic (6), version (2), header length (2)
        var pad = (64 - (preamble + dict.Length + 1) % 64) % 64;
        var text = dict + new string(' ', pad) + "\n";
        var bytes = new byte[preamble + text.Length];
        bytes[0] = 0x93; // the magic: \x93NUMPY
        "NUMPY"u8.CopyTo(bytes.AsSpan(1));
        bytes[6] = 1; // format 1.0
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), checked((ushort)text.Length));
        Encoding.ASCII.GetBytes(text, bytes.AsSpan(preamble));
        return bytes;
    }

    private static void WriteNpy(Stream stream, int n, int d, MatrixRow rows, Action<double>? progress, CancellationToken ct)
    {
        stream.Write(NpyHeader(n, d));
        var buffer = new Utf8Buffer(stream); // bytes, not text, here: the rows' floats as they lie in memory
        for (var r = 0; r < n; r++)
        {
            if (r % RowsPerCheck == 0) Check(r, n, progress, ct);
            var row = rows(r);
            if (row.Length != d) throw new ArgumentException($"Row {r} has {row.Length} values, not {d}.", nameof(rows));
            var bytes = MemoryMarshal.AsBytes(row);
            var into = buffer.Free(bytes.Length);
            bytes.CopyTo(into);
            if (!BitConverter.IsLittleEndian)
            {
                var words = MemoryMarshal.Cast<byte, int>(into[..bytes.Length]);
                BinaryPrimitives.ReverseEndianness(words, words);
            }
            buffer.Advance(bytes.Length);
        }
        buffer.Flush();
        progress?.Invoke(1);
    }

    private static void WriteIds(Stream stream, IdTable ids, string idColumn)
    {
        var buffer = new Utf8Buffer(stream);
        buffer.Text(Quoted(idColumn));
        buffer.Bytes(NewLine);
        for (var r = 0; r < ids.Count; r++)
        {
            Id(buffer, ids, r);
            buffer.Bytes(NewLine);
        }
        buffer.Flush();
    }

    private static void WriteCsv(Stream stream, IdTable ids, string idColumn, int d, MatrixRow rows, Action<double>? progress, CancellationToken ct)
    {
        var buffer = new Utf8Buffer(stream);
        // Columns 0 .. d-1, as read_csv(index_col=0) and read_parquet name them both: one frame whatever the file.
        buffer.Text(Quoted(idColumn));
        for (var j = 0; j < d; j++)
        {
            buffer.Bytes(","u8);
            buffer.Int(j);
        }
        buffer.Bytes(NewLine);
        var n = ids.Count;
        for (var r = 0; r < n; r++)
        {
            if (r % RowsPerCheck == 0) Check(r, n, progress, ct);
            var row = rows(r);
            if (row.Length != d) throw new ArgumentException($"Row {r} has {row.Length} values, not {d}.", nameof(rows));
            Id(buffer, ids, r);
            foreach (var v in row)
            {
                buffer.Bytes(","u8);
                buffer.Float(v);
            }
            buffer.Bytes(NewLine);
        }
        buffer.Flush();
        progress?.Invoke(1);
    }

    // One float32 column per dimension, not one list column: pyarrow reads it into a frame of d float32 columns
    // (frame.to_numpy() is the matrix, and its columns are named as read_csv names the CSV's), where a list column
    // becomes one column of arrays to stack; Spark and DuckDB read plain columns too.
    private static void WriteParquet(Stream stream, IdTable ids, string idColumn, int d, MatrixRow rows, int groupValues, Action<double>? progress, CancellationToken ct)
    {
        var n = ids.Count;
        DataField idField = ids.IsText ? new DataField<string>(idColumn, nullable: false) : new DataField<int>(idColumn);
        var valueFields = new DataField<float>[d];
        for (var j = 0; j < d; j++) valueFields[j] = new DataField<float>(j.ToString(CultureInfo.InvariantCulture));
        var writer = ParquetWriter.CreateAsync(new ParquetSchema([idField, .. valueFields]), stream, cancellationToken: ct).GetAwaiter().GetResult();
        var groupRows = Math.Max(1, Math.Min(n, groupValues / d));
        var block = new float[groupRows * d];
        for (var start = 0; start < n; start += groupRows)
        {
            var g = Math.Min(groupRows, n - start);
            // The group's rows, turned into columns: column j of the group is block[j*g .. j*g+g).
            for (var i = 0; i < g; i++)
            {
                if (i % RowsPerCheck == 0) ct.ThrowIfCancellationRequested();
                var row = rows(start + i);
                if (row.Length != d) throw new ArgumentException($"Row {start + i} has {row.Length} values, not {d}.", nameof(rows));
                for (var j = 0; j < d; j++) block[j * g + i] = row[j];
            }
            var group = writer.CreateRowGroup();
            if (ids.Numbers is { } numbers)
                group.WriteAsync<int>(idField, numbers.AsMemory(start, g), null, null, ct).GetAwaiter().GetResult();
            else
                group.WriteAsync(idField, new ArraySegment<string>(ids.Texts!, start, g)).GetAwaiter().GetResult();
            for (var j = 0; j < d; j++)
            {
                ct.ThrowIfCancellationRequested();
                group.WriteAsync<float>(valueFields[j], block.AsMemory(j * g, g), null, null, ct).GetAwaiter().GetResult();
                progress?.Invoke(((double)start * d + (double)(j + 1) * g) / ((double)n * d));
            }
            group.Dispose();
        }
        // Not in a finally: after a failure the file is dropped whole, and a footer written then could only hide the cause.
        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        progress?.Invoke(1);
    }

    private static void Check(int row, int rows, Action<double>? progress, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        progress?.Invoke((double)row / rows);
    }

    private static void Id(Utf8Buffer buffer, IdTable ids, int row)
    {
        if (ids.Numbers is { } numbers) buffer.Int(numbers[row]);
        else buffer.Text(Quoted(ids.Texts![row]));
    }

    /// <summary>A CSV field as RFC 4180 writes it: in quotes, its quotes doubled, when it holds a comma, a quote or a line
    /// break (and when empty, so that an empty id is still a field).</summary>
    public static string Quoted(string text) =>
        text.Length == 0 || text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    /// <summary>UTF-8 bytes gathered into one buffer and written to the stream when it fills.</summary>
    private sealed class Utf8Buffer(Stream stream)
    {
        private readonly byte[] _buffer = new byte[1 << 20];
        private int _used;

        /// <summary>At least <paramref name="bytes"/> free bytes (which must fit the buffer), after a flush if needed.</summary>
        public Span<byte> Free(int bytes)
        {
            if (_buffer.Length - _used < bytes) Flush();
            return _buffer.AsSpan(_used);
        }

        public void Advance(int bytes) => _used += bytes;

        public void Bytes(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > _buffer.Length)
            {
                Flush();
                stream.Write(bytes);
                return;
            }
            bytes.CopyTo(Free(bytes.Length));
            _used += bytes.Length;
        }

        public void Text(string text) => Bytes(Encoding.UTF8.GetBytes(text));

        public void Int(int value)
        {
            value.TryFormat(Free(11), out var written, default, CultureInfo.InvariantCulture);
            _used += written;
        }

        /// <summary>The shortest text that reads back as the same float ("R"): 0.1, -3.5E-05; at most 15 characters.</summary>
        public void Float(float value)
        {
            value.TryFormat(Free(32), out var written, "R", CultureInfo.InvariantCulture);
            _used += written;
        }

        public void Flush()
        {
            stream.Write(_buffer, 0, _used);
            _used = 0;
        }
    }
}
