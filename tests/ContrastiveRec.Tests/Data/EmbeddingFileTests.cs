using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using ContrastiveRec.Data;
using Microsoft.VisualBasic.FileIO;
using Parquet;
using Parquet.Schema;
using Xunit;

namespace ContrastiveRec.Tests.Data;

/// <summary>Each format read back by an independent reader (.NET's TextFieldParser, Parquet.Net, the .npy layout parsed byte by byte
/// as NumPy's format page states it) to the same ids and the same floats, bit for bit.</summary>
public class EmbeddingFileTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    // Floats whose text is easy to get wrong: subnormals, the extremes, -0, thirds, powers of ten, long mantissas.
    private static readonly float[] Awkward =
    [
        0.1f, -0f, 0f, 1f / 3, -2.5f, 1e-5f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue,
        1.17549435E-38f, 16777217f, 123456.79f, -0.000123456789f, 3.4e-39f, 0.70710677f, 1e10f, -1e-10f,
    ];

    /// <summary>An n x d matrix holding <see cref="Awkward"/> and seeded random floats, row-major.</summary>
    private static float[] Matrix(int n, int d, int seed = 1)
    {
        var random = new Random(seed);
        var flat = new float[n * d];
        for (var i = 0; i < flat.Length; i++)
            flat[i] = i < Awkward.Length ? Awkward[i] : (float)(random.NextDouble() * 2 - 1) * MathF.Pow(10, random.Next(-6, 3));
        return flat;
    }

    private static MatrixRow Rows(float[] flat, int d) => r => flat.AsSpan(r * d, d);

    private static void AssertSameBits(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string where)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"{where}, value {i}: wrote {expected[i]:R}, read {actual[i]:R}");
    }

    private static List<string[]> ReadCsv(string path)
    {
        using var csv = new TextFieldParser(path, new UTF8Encoding(false)) { HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        csv.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!csv.EndOfData) rows.Add(csv.ReadFields()!);
        return rows;
    }

    [Fact]
    public void Csv_has_a_header_of_the_id_column_and_dimension_numbers_and_floats_that_read_back_bit_for_bit()
    {
        const int n = 7, d = 5;
        var flat = Matrix(n, d);
        var ids = IdTable.OfNumbers([1, 2, 5, 10, 31, 600, int.MaxValue]);
        var path = Path.Combine(_dir.Path, "users.csv");
        EmbeddingFile.Write(path, EmbeddingFileFormat.Csv, ids, "userId", d, Rows(flat, d));

        var text = File.ReadAllText(path);
        Assert.StartsWith("userId,0,1,2,3,4\r\n", text);
        Assert.EndsWith("\r\n", text);
        Assert.DoesNotContain("\"", text); // numbers need no quotes
        var rows = ReadCsv(path);
        Assert.Equal(n + 1, rows.Count);
        for (var r = 0; r < n; r++)
        {
            Assert.Equal(ids.TextAt(r), rows[r + 1][0]);
            var read = rows[r + 1].Skip(1).Select(s => float.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            AssertSameBits(flat.AsSpan(r * d, d), read, $"row {r}");
        }
        // The shortest round-trip text, in the invariant culture, never a comma for a decimal point.
        Assert.Equal("userId,0,1,2,3,4", text[..text.IndexOf('\r')]);
        Assert.StartsWith("1,0.1,-0,0,0.33333334,-2.5\r\n", text[(text.IndexOf('\n') + 1)..]);
    }

    [Fact]
    public void Csv_quotes_text_ids_with_commas_quotes_and_line_breaks_as_RFC_4180_does()
    {
        const int d = 3;
        string[] texts = ["a\"b", "line\nbreak", "plain", "u,2", "u-10", "ünï cödé"];
        var ids = IdTable.FromTexts(texts, out _);
        var flat = Matrix(ids.Count, d);
        var path = Path.Combine(_dir.Path, "shop.csv");
        EmbeddingFile.Write(path, EmbeddingFileFormat.Csv, ids, "userId", d, Rows(flat, d));

        var text = File.ReadAllText(path, Encoding.UTF8);
        Assert.Contains("\r\n\"a\"\"b\",", text);
        Assert.Contains("\r\n\"u,2\",", text);
        Assert.Contains("\r\n\"line\nbreak\",", text);
        Assert.Contains("\r\nplain,", text);
        Assert.Contains("\r\nünï cödé,", text);
        var rows = ReadCsv(path);
        Assert.Equal(ids.Count + 1, rows.Count);
        for (var r = 0; r < ids.Count; r++)
        {
            Assert.Equal(ids.TextAt(r), rows[r + 1][0]);
            AssertSameBits(flat.AsSpan(r * d, d), rows[r + 1].Skip(1).Select(s => float.Parse(s, CultureInfo.InvariantCulture)).ToArray(), ids.TextAt(r));
        }
        Assert.Equal("\"\"", EmbeddingFile.Quoted(""));
    }

    /// <summary>Every column of every row group of a Parquet file, by name (ints, strings or floats, as the schema says).</summary>
    internal static (ParquetSchema Schema, int Groups, Dictionary<string, List<object>> Columns) ReadParquet(string path)
    {
        var reader = ParquetReader.CreateAsync(path).GetAwaiter().GetResult();
        try
        {
            var fields = reader.Schema.GetDataFields();
            var columns = fields.ToDictionary(f => f.Name, _ => new List<object>());
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var n = (int)group.RowCount;
                foreach (var field in fields)
                    columns[field.Name].AddRange(field.ClrType == typeof(ReadOnlyMemory<char>) ? Column<ReadOnlyMemory<char>>(group, field, n).Select(t => t.ToString())
                        : field.ClrType == typeof(string) ? Column<string>(group, field, n)
                        : field.ClrType == typeof(int) ? Column<int>(group, field, n).Cast<object>()
                        : Column<float>(group, field, n).Cast<object>());
            }
            // What other readers go by: the id column is INT32, or UTF-8 text (BYTE_ARRAY marked STRING, which pyarrow reads
            // as str, not bytes); the values are FLOAT; nothing may be null.
            foreach (var element in reader.Metadata!.Schema.Skip(1))
            {
                Assert.Equal(Parquet.Meta.FieldRepetitionType.REQUIRED, element.RepetitionType);
                if (element.Type == Parquet.Meta.Type.BYTE_ARRAY)
                    Assert.True(element.LogicalType?.STRING is not null && element.ConvertedType == Parquet.Meta.ConvertedType.UTF8, $"{element.Name} is UTF-8 text");
                else
                    Assert.True(element.Type is Parquet.Meta.Type.INT32 or Parquet.Meta.Type.FLOAT, $"{element.Name} is {element.Type}");
            }
            return (reader.Schema, reader.RowGroupCount, columns);
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static T[] Column<T>(ParquetRowGroupReader group, DataField field, int n)
    {
        var values = new T[n];
        if (typeof(T) == typeof(ReadOnlyMemory<char>)) group.ReadAsync<ReadOnlyMemory<char>>(field, ((ReadOnlyMemory<char>[])(object)values).AsMemory(), null, default).GetAwaiter().GetResult();
        else if (typeof(T) == typeof(string)) group.ReadAsync(field, ((string[])(object)values).AsMemory()!, null, default).GetAwaiter().GetResult();
        else if (typeof(T) == typeof(int)) group.ReadAsync<int>(field, ((int[])(object)values).AsMemory(), null, default).GetAwaiter().GetResult();
        else group.ReadAsync<float>(field, ((float[])(object)values).AsMemory(), null, default).GetAwaiter().GetResult();
        return values;
    }

    [Theory]
    [InlineData(false, 1 << 22)]
    [InlineData(true, 1 << 22)]
    [InlineData(false, 40)] // row groups of 10 rows: 3 full ones and a last of 3
    [InlineData(true, 40)]
    public void Parquet_has_an_id_column_and_one_float32_column_per_dimension_read_back_bit_for_bit(bool textIds, int groupValues)
    {
        const int n = 33, d = 4;
        var ids = textIds
            ? IdTable.FromTexts(Enumerable.Range(1, n).Select(i => i % 5 == 0 ? $"u,{i} \"q\"" : $"u-{i}").ToArray(), out _)
            : IdTable.OfNumbers(Enumerable.Range(1, n).Select(i => i * 7).ToArray());
        var flat = Matrix(n, d, seed: 3);
        var path = Path.Combine(_dir.Path, "users.parquet");
        EmbeddingFile.Write(path, EmbeddingFileFormat.Parquet, ids, "userId", d, Rows(flat, d), null, default, groupValues);

        var (schema, groups, columns) = ReadParquet(path);
        Assert.Equal(groupValues == 40 ? 4 : 1, groups);
        var fields = schema.GetDataFields();
        Assert.Equal(["userId", "0", "1", "2", "3"], fields.Select(f => f.Name));
        Assert.Equal(textIds ? typeof(ReadOnlyMemory<char>) : typeof(int), fields[0].ClrType); // Parquet.Net reads UTF-8 text so
        Assert.All(fields.Skip(1), f => Assert.Equal(typeof(float), f.ClrType));
        Assert.All(fields.Skip(1), f => Assert.False(f.IsNullable));
        Assert.Equal(Enumerable.Range(0, n).Select(i => ids[i]), columns["userId"]);
        for (var j = 0; j < d; j++)
        {
            var expected = Enumerable.Range(0, n).Select(r => flat[r * d + j]).ToArray();
            AssertSameBits(expected, columns[j.ToString(CultureInfo.InvariantCulture)].Cast<float>().ToArray(), $"column {j}");
        }
    }

    [Theory]
    [InlineData(3, 4)]
    [InlineData(610, 200)]
    [InlineData(1, 1)]
    [InlineData(123456, 7)]
    public void Npy_is_NumPy_format_1_0_with_a_padded_header_and_little_endian_float32_rows(int n, int d)
    {
        var flat = Matrix(n, d, seed: n);
        var ids = IdTable.OfNumbers(Enumerable.Range(1, n).ToArray());
        var path = Path.Combine(_dir.Path, "users.npy");
        EmbeddingFile.Write(path, EmbeddingFileFormat.Npy, ids, "userId", d, Rows(flat, d));

        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0], bytes[..8]);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        var dataStart = 10 + headerLength;
        Assert.Equal(0, dataStart % 64);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.EndsWith("\n", header);
        Assert.Equal($"{{'descr': '<f4', 'fortran_order': False, 'shape': ({n}, {d}), }}", header.TrimEnd('\n').TrimEnd(' '));
        Assert.True(header.TrimEnd('\n').Length - header.TrimEnd('\n').TrimEnd(' ').Length < 64, "padded to the next multiple of 64 only");
        Assert.Equal(dataStart + (long)n * d * 4, bytes.Length);
        var read = new float[n * d];
        for (var i = 0; i < read.Length; i++) read[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(dataStart + 4 * i));
        AssertSameBits(flat, read, "the matrix");

        // The ids beside it, one a line in row order under a header.
        var idsPath = Path.Combine(_dir.Path, "users.ids.csv");
        Assert.Equal([path, idsPath], EmbeddingFile.Files(path, EmbeddingFileFormat.Npy));
        var lines = File.ReadAllText(idsPath).Split("\r\n");
        Assert.Equal(n + 2, lines.Length);
        Assert.Equal("userId", lines[0]);
        Assert.Equal("", lines[^1]);
        Assert.Equal(Enumerable.Range(1, n).Select(i => i.ToString(CultureInfo.InvariantCulture)), lines[1..^1]);
    }

    [Fact]
    public void Npy_header_matches_the_bytes_NumPy_writes()
    {
        // numpy.save of np.zeros((2, 3), '<f4'): the header length is 118 ('v'), so the data starts at byte 128.
        var expected = "\x93NUMPY\x01\x00v\x00{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" + new string(' ', 58) + "\n";
        Assert.Equal(expected.Select(c => (byte)c), EmbeddingFile.NpyHeader(2, 3));
        Assert.Equal(128, EmbeddingFile.NpyHeader(2, 3).Length);
        Assert.Equal(0, EmbeddingFile.NpyHeader(160_000, 200).Length % 64);
    }

    [Fact]
    public void The_ids_of_an_npy_are_quoted_as_the_CSV_quotes_them()
    {
        var ids = IdTable.FromTexts(["a,b", "c\"d", "e"], out _);
        var path = Path.Combine(_dir.Path, "m.npy");
        EmbeddingFile.Write(path, EmbeddingFileFormat.Npy, ids, "movieId", 2, _ => new float[2]);
        var rows = ReadCsv(Path.Combine(_dir.Path, "m.ids.csv"));
        Assert.Equal(["movieId", "a,b", "c\"d", "e"], rows.Select(r => Assert.Single(r)));
    }

    [Theory]
    [InlineData("u.csv", null, EmbeddingFileFormat.Csv)]
    [InlineData("u.CSV", null, EmbeddingFileFormat.Csv)]
    [InlineData("u.parquet", null, EmbeddingFileFormat.Parquet)]
    [InlineData("dir.x/u.npy", null, EmbeddingFileFormat.Npy)]
    [InlineData("u.txt", EmbeddingFileFormat.Csv, EmbeddingFileFormat.Csv)]
    [InlineData("u", EmbeddingFileFormat.Npy, EmbeddingFileFormat.Npy)]
    [InlineData("u.npy", EmbeddingFileFormat.Npy, EmbeddingFileFormat.Npy)]
    public void The_format_comes_from_the_extension_or_from_Format(string path, EmbeddingFileFormat? asked, EmbeddingFileFormat expected) =>
        Assert.Equal(expected, EmbeddingFile.FormatOf(path, asked));

    [Fact]
    public void A_path_that_names_no_format_or_another_format_is_refused()
    {
        var unknown = Refused.By("UnknownEmbeddingFormat", RefusalCategory.InvalidArgument, () => EmbeddingFile.FormatOf("users.txt"));
        Assert.Contains(".txt", unknown.Problem);
        Assert.Contains("-Format", unknown.Remedy);
        Refused.By("UnknownEmbeddingFormat", RefusalCategory.InvalidArgument, () => EmbeddingFile.FormatOf("users"));
        var mismatch = Refused.By("EmbeddingFormatMismatch", RefusalCategory.InvalidArgument, () => EmbeddingFile.FormatOf("users.csv", EmbeddingFileFormat.Npy));
        Assert.Contains(".npy", mismatch.Remedy);
        Assert.Equal("u.ids.csv", EmbeddingFile.IdsPath("u.npy"));
        Assert.Equal("u.ids.csv", EmbeddingFile.IdsPath("u"));
    }

    [Theory]
    [InlineData(EmbeddingFileFormat.Csv)]
    [InlineData(EmbeddingFileFormat.Parquet)]
    [InlineData(EmbeddingFileFormat.Npy)]
    public void A_cancelled_write_leaves_the_earlier_files_and_no_temporary_one(EmbeddingFileFormat format)
    {
        const int n = 5000, d = 8;
        var flat = Matrix(n, d);
        var ids = IdTable.OfNumbers(Enumerable.Range(1, n).ToArray());
        var path = Path.Combine(_dir.Path, "u" + EmbeddingFile.Extension(format));
        foreach (var file in EmbeddingFile.Files(path, format)) File.WriteAllText(file, "an earlier file");
        using var cancel = new CancellationTokenSource();
        var shares = new List<double>();
        Assert.ThrowsAny<OperationCanceledException>(() => EmbeddingFile.Write(path, format, ids, "userId", d, r =>
        {
            if (r == 3000) cancel.Cancel(); // Ctrl+C in the middle
            return flat.AsSpan(r * d, d);
        }, shares.Add, cancel.Token, 8000));
        foreach (var file in EmbeddingFile.Files(path, format)) Assert.Equal("an earlier file", File.ReadAllText(file));
        Assert.Equal(EmbeddingFile.Files(path, format).Count, Directory.GetFiles(_dir.Path).Length);
        Assert.NotEmpty(shares);
        Assert.All(shares, s => Assert.InRange(s, 0, 1));
    }

    [Theory]
    [InlineData(EmbeddingFileFormat.Csv)]
    [InlineData(EmbeddingFileFormat.Parquet)]
    [InlineData(EmbeddingFileFormat.Npy)]
    public void Progress_rises_to_one(EmbeddingFileFormat format)
    {
        const int n = 4000, d = 3;
        var flat = Matrix(n, d);
        var shares = new List<double>();
        EmbeddingFile.Write(Path.Combine(_dir.Path, "p" + EmbeddingFile.Extension(format)), format, IdTable.OfNumbers(Enumerable.Range(0, n).ToArray()),
            "userId", d, Rows(flat, d), shares.Add, default, 3000);
        Assert.True(shares.Count >= 2);
        Assert.Equal(shares.Order(), shares);
        Assert.Equal(1, shares[^1]);
    }
}
