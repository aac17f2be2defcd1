using System.Globalization;
using ContrastiveRec.Data;
using Parquet;
using Parquet.Schema;
using Xunit;

namespace ContrastiveRec.Tests.Data;

/// <summary>Parquet files, written here with Parquet.Net as pandas or Spark would write them, read as the same ratings
/// the MovieLens reader reads from the same data.</summary>
public class ParquetRatingReaderTests
{
    private static readonly string[][] Bundled = File.ReadLines(Path.Combine(TestPaths.BundledData, "ratings.csv")).Skip(1)
        .Select(l => l.Split(',')).ToArray();

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>Writes columns in row groups of <paramref name="groupRows"/>.</summary>
    private static string Write(TempFolder dir, string name, int groupRows, params (DataField Field, Array Values)[] columns) =>
        Write(dir, name, groupRows, null, columns);

    private static string Write(TempFolder dir, string name, int groupRows, ParquetOptions? options, params (DataField Field, Array Values)[] columns)
    {
        var path = Path.Combine(dir.Path, name);
        using (var stream = File.Create(path))
        {
            var writer = ParquetWriter.CreateAsync(new ParquetSchema(columns.Select(c => (Field)c.Field).ToArray()), stream, options).GetAwaiter().GetResult();
            var rows = columns[0].Values.Length;
            for (var start = 0; start < rows; start += groupRows)
            {
                var n = Math.Min(groupRows, rows - start);
                using var group = writer.CreateRowGroup();
                foreach (var (field, values) in columns) WriteSlice(group, field, values, start, n);
            }
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        return path;
    }

    private static void WriteSlice(ParquetRowGroupWriter group, DataField field, Array values, int start, int n)
    {
        switch (values)
        {
            case int[] a: group.WriteAsync<int>(field, a.AsMemory(start, n)).GetAwaiter().GetResult(); break;
            case long[] a: group.WriteAsync<long>(field, a.AsMemory(start, n)).GetAwaiter().GetResult(); break;
            case double[] a: group.WriteAsync<double>(field, a.AsMemory(start, n)).GetAwaiter().GetResult(); break;
            case int?[] a: group.WriteAsync<int>(field, a.AsMemory(start, n)).GetAwaiter().GetResult(); break;
            case bool[] a: group.WriteAsync<bool>(field, a.AsMemory(start, n)).GetAwaiter().GetResult(); break;
            case DateTime[] a: group.WriteAsync<DateTime>(field, a.AsMemory(start, n)).GetAwaiter().GetResult(); break;
            case string?[] a: group.WriteAsync(field, a.Skip(start).Take(n).ToArray()).GetAwaiter().GetResult(); break;
            default: throw new NotSupportedException(values.GetType().Name);
        }
    }

    private static RatingSet MovieLensRatingsOnly(TempFolder dir) =>
        MovieLensReader.Read(dir.WriteBytes("ml/ratings.csv", File.ReadAllBytes(Path.Combine(TestPaths.BundledData, "ratings.csv"))));

    private static void AssertSameSet(RatingSet expected, RatingSet actual)
    {
        Assert.Equal(expected.UserIds, actual.UserIds);
        Assert.Equal(expected.MovieIds, actual.MovieIds);
        Assert.Equal(expected.UserOffsets, actual.UserOffsets);
        Assert.Equal(expected.MovieColumn, actual.MovieColumn);
        Assert.Equal(expected.RatingColumn, actual.RatingColumn);
        Assert.Equal(expected.TimestampColumn, actual.TimestampColumn);
        Assert.Equal(expected.Split.IsTestRow, actual.Split.IsTestRow);
    }

    [Fact]
    public void Typed_columns_in_several_row_groups_read_as_the_MovieLens_ratings()
    {
        using var dir = new TempFolder();
        var path = Write(dir, "ratings.parquet", 30_000,
            (new DataField<double>("rating"), Bundled.Select(f => double.Parse(f[2], CultureInfo.InvariantCulture)).ToArray()),
            (new DataField<DateTime>("event_time"), Bundled.Select(f => DateTimeOffset.FromUnixTimeSeconds(long.Parse(f[3], CultureInfo.InvariantCulture)).UtcDateTime).ToArray()),
            (new DataField<int>("user_id"), Bundled.Select(f => Int(f[0])).ToArray()),
            (new DataField<long>("item_id"), Bundled.Select(f => (long)Int(f[1])).ToArray()));
        var set = RatingFileReader.Read(path);
        AssertSameSet(MovieLensRatingsOnly(dir), set);
        Assert.Equal("user_id", set.Format!.UserColumn);
        Assert.Equal("event_time", set.Format.TimestampColumn);
        Assert.Null(set.Format.Delimiter);
    }

    [Fact]
    public void Text_ids_and_a_file_without_ratings_or_times_read_as_interactions()
    {
        using var dir = new TempFolder();
        var path = Write(dir, "clicks.parquet", 1_000,
            (new DataField<string>("visitor"), Bundled.Select(f => f[0]).ToArray()),
            (new DataField<string>("product"), Bundled.Select(f => f[1]).ToArray()));
        var set = RatingFileReader.Read(path);
        var expected = MovieLensRatingsOnly(dir);
        Assert.Equal(expected.UserIds, set.UserIds);
        Assert.Equal(expected.MovieColumn, set.MovieColumn);
        Assert.All(set.RatingColumn, r => Assert.Equal(1f, r));
        Assert.True(set.Format!.NoRating);
        Assert.True(set.Format.NoTimestamp);
    }

    [Fact]
    public void A_null_id_is_refused_with_its_row_and_a_column_of_the_wrong_kind_by_name()
    {
        using var dir = new TempFolder();
        var withNull = Write(dir, "null.parquet", 2,
            (new DataField<int?>("user"), new int?[] { 1, 2, null }),
            (new DataField<int>("item"), new[] { 1, 2, 3 }));
        var e = Assert.Throws<MovieLensFormatException>(() => RatingFileReader.Read(withNull));
        Assert.Equal("MalformedRow", e.ErrorId);
        Assert.StartsWith($"{withNull}:3: user is empty", e.Message);

        var flags = Write(dir, "flags.parquet", 10,
            (new DataField<int>("user"), new[] { 1, 2 }), (new DataField<int>("item"), new[] { 1, 2 }), (new DataField<bool>("rating"), new[] { true, false }));
        var wrong = Assert.Throws<MovieLensFormatException>(() => RatingFileReader.Read(flags));
        Assert.Equal("UnreadableColumn", wrong.ErrorId);
        Assert.Contains("Column 'rating' holds Boolean values", wrong.Message);

        var cut = dir.WriteBytes("cut.parquet", File.ReadAllBytes(flags)[..40]);
        Assert.Equal("UnreadableColumn", Assert.Throws<MovieLensFormatException>(() => RatingFileReader.Read(cut)).ErrorId);
    }

    public static TheoryData<CompressionMethod, bool, bool> Encodings()
    {
        var data = new TheoryData<CompressionMethod, bool, bool>();
        foreach (var compression in new[] { CompressionMethod.None, CompressionMethod.Snappy, CompressionMethod.Gzip, CompressionMethod.Zstd })
            foreach (var dictionary in new[] { true, false })
                data.Add(compression, dictionary, compression == CompressionMethod.Snappy);
        return data;
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Text_id_columns_read_from_their_bytes_give_what_the_library_decodes(CompressionMethod compression, bool dictionary, bool nullable)
    {
        using var dir = new TempFolder();
        var options = new ParquetOptions { CompressionMethod = compression };
        if (dictionary) foreach (var column in new[] { "visitor", "product" }) options.ColumnEncodingHints[column] = EncodingHint.Dictionary;
        DataField Text(string name) => nullable ? new DataField<string?>(name) : new DataField<string>(name);
        var path = Write(dir, "clicks.parquet", 7_000, options,
            (Text("visitor"), Bundled.Select(f => (string?)("v-" + f[0])).ToArray()),
            (Text("product"), Bundled.Select(f => (string?)("sku-" + f[1])).ToArray()),
            (new DataField<double>("rating"), Bundled.Select(f => double.Parse(f[2], CultureInfo.InvariantCulture)).ToArray()));
        // The file holds what the case says: dictionary pages or plain ones.
        var reader = ParquetReader.CreateAsync(path).GetAwaiter().GetResult();
        try
        {
            using var group = reader.OpenRowGroupReader(0);
            var meta = group.GetMetadata(reader.Schema.GetDataFields()[0])!.MetaData!;
            Assert.Equal(dictionary, meta.Encodings.Contains(Parquet.Meta.Encoding.RLE_DICTIONARY) || meta.Encodings.Contains(Parquet.Meta.Encoding.PLAIN_DICTIONARY));
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        var before = ParquetDictionaryColumn.ChunksRead;
        var direct = RatingFileReader.Read(path);
        Assert.True(ParquetDictionaryColumn.ChunksRead - before >= 2 * 15, "the id columns of every row group were read from their bytes");
        RatingSet library;
        ParquetRatingReader.DirectReads = false;
        try
        {
            library = RatingFileReader.Read(path);
        }
        finally
        {
            ParquetRatingReader.DirectReads = true;
        }
        AssertSameSet(library, direct);
        Assert.Equal("v-1", direct.UserIds[0]);
    }

    [Fact]
    public void A_null_or_empty_text_id_read_from_the_bytes_is_refused_with_its_row()
    {
        using var dir = new TempFolder();
        foreach (var dictionary in new[] { true, false })
        {
            var options = new ParquetOptions();
            if (dictionary) options.ColumnEncodingHints["user"] = EncodingHint.Dictionary;
            var users = Enumerable.Range(0, 50).Select(i => (string?)$"u{i % 5}").ToArray();
            users[37] = null;
            var path = Write(dir, $"null-{dictionary}.parquet", 20, options,
                (new DataField<string?>("user"), users), (new DataField<int>("item"), Enumerable.Range(0, 50).ToArray()));
            var e = Assert.Throws<MovieLensFormatException>(() => RatingFileReader.Read(path));
            Assert.Equal("MalformedRow", e.ErrorId);
            Assert.StartsWith($"{path}:38: user is empty", e.Message);
            users[37] = "";
            path = Write(dir, $"empty-{dictionary}.parquet", 20, options,
                (new DataField<string?>("user"), users), (new DataField<int>("item"), Enumerable.Range(0, 50).ToArray()));
            e = Assert.Throws<MovieLensFormatException>(() => RatingFileReader.Read(path));
            Assert.StartsWith($"{path}:38: user is empty", e.Message);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_damaged_file_is_refused_by_name_never_with_a_raw_error(bool dictionary)
    {
        using var dir = new TempFolder();
        var options = new ParquetOptions();
        if (dictionary) foreach (var column in new[] { "user", "item" }) options.ColumnEncodingHints[column] = EncodingHint.Dictionary;
        var rng = new Random(2);
        var n = 8_000;
        var path = Write(dir, "clicks.parquet", 2_000, options,
            (new DataField<string>("user"), Enumerable.Range(0, n).Select(i => (string?)$"u-{i / 20}").ToArray()),
            (new DataField<string>("item"), Enumerable.Range(0, n).Select(_ => (string?)$"sku-{rng.Next(300)}").ToArray()),
            (new DataField<int>("rating"), Enumerable.Range(0, n).Select(_ => 1 + rng.Next(5)).ToArray()));
        var bytes = File.ReadAllBytes(path);
        var refused = 0;
        for (var i = 0; i < 150; i++)
        {
            // One byte changed anywhere in the column data: read as ratings, or refused with a ContrastiveRec id.
            var copy = (byte[])bytes.Clone();
            copy[4 + rng.Next(copy.Length - 12)] = (byte)rng.Next(256);
            var damaged = dir.WriteBytes("damaged.parquet", copy);
            try
            {
                RatingFileReader.Read(damaged);
            }
            catch (ContrastiveRecException)
            {
                refused++;
            }
        }
        Assert.True(refused > 0, "some damage must be found");
    }
}
