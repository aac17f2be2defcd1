using System.Text;
using ContrastiveRec.Data;
using Xunit;

namespace ContrastiveRec.Tests.Data;

/// <summary>A large CSV ratings file is parsed in byte ranges on several threads; what it reads and every error it
/// gives must be those of one thread reading the whole file.</summary>
public class RangedRatingsReadTests
{
    private const int Rows = 150_000; // each range passes a progress step (every 65,536 rows)

    private static MovieLensReadOptions Ranges(int ranges, CancellationToken token = default, Action<long, long>? progress = null) => new()
    {
        TestFraction = 0.1,
        ParallelMinimumBytes = 0,
        ParallelRanges = ranges,
        CancellationToken = token,
        Progress = progress,
    };

    /// <summary>ml-25m-like rows, but not grouped by user (so the set reorders them), with blank lines in both halves;
    /// <paramref name="edit"/> may replace lines (0-based, the header is line 0).</summary>
    private static string WriteRatings(TempFolder dir, string newline, bool finalNewline, Action<List<string>>? edit = null)
    {
        var rng = new Random(7);
        var lines = new List<string> { "userId,movieId,rating,timestamp" };
        var movie = new Dictionary<int, int>();
        for (var i = 0; i < Rows; i++)
        {
            var user = 1 + rng.Next(3_000);
            movie[user] = movie.GetValueOrDefault(user) + 1 + rng.Next(5); // no (user, movie) twice
            lines.Add($"{user},{movie[user]},{(1 + rng.Next(10)) / 2.0:0.0},{1_000_000 + rng.Next(1_000_000)}");
            if (i % 40_000 == 17) lines.Add("");
        }
        edit?.Invoke(lines);
        var text = string.Join(newline, lines) + (finalNewline ? newline : "");
        return dir.WriteBytes("ratings.csv", Encoding.UTF8.GetBytes(text));
    }

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

    [Theory]
    [InlineData("\n", true)]
    [InlineData("\r\n", true)]
    [InlineData("\n", false)]
    [InlineData("\r\n", false)]
    public void Ranges_read_the_same_set_as_one_thread(string newline, bool finalNewline)
    {
        using var dir = new TempFolder();
        var file = WriteRatings(dir, newline, finalNewline);
        Assert.Equal(3, RatingFileScan.Of(file, new FileInfo(file).Length, 3).Length);
        var single = MovieLensReader.Read(dir.Path, Ranges(1));
        Assert.Equal(Rows, single.RatingCount);
        foreach (var ranges in new[] { 2, 3, 7 })
            AssertSameSet(single, MovieLensReader.Read(dir.Path, Ranges(ranges)));
    }

    public static TheoryData<int[], string> BadLines => new()
    {
        // lines (0-based, after the header) made bad, and the bad text
        { new[] { 120_000 }, "1,2,3.0" },
        { new[] { 120_000 }, "1,2,9.5,10" },
        { new[] { 130_000, 140_000 }, "1,x,3.0,10" },
        { new[] { 20_000, 140_000 }, "1,2,3.0,ten" },
        { new[] { 140_000, 20_000 }, "1,2,3.0,ten" },
        { new[] { 140_001 }, "1,2,3.0,10,11" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void A_bad_row_in_any_range_gives_the_error_of_one_thread(int[] bad, string text)
    {
        foreach (var newline in new[] { "\n", "\r\n" })
        {
            using var dir = new TempFolder();
            // The later bad line gets different text, so the test sees which of the two is named.
            WriteRatings(dir, newline, true, lines =>
            {
                for (var i = 0; i < bad.Length; i++) lines[bad[i]] = i == 0 ? text : text.Replace("1,", "2,");
            });
            var single = Assert.Throws<MovieLensFormatException>(() => MovieLensReader.Read(dir.Path, Ranges(1)));
            Assert.Equal(bad.Min() + 1, single.LineNumber); // lines are 1-based
            var ranged = Assert.Throws<MovieLensFormatException>(() => MovieLensReader.Read(dir.Path, Ranges(2)));
            Assert.Equal(single.Kind, ranged.Kind);
            Assert.Equal(single.FilePath, ranged.FilePath);
            Assert.Equal(single.LineNumber, ranged.LineNumber);
            Assert.Equal(single.Message, ranged.Message);
        }
    }

    [Fact]
    public void A_duplicate_across_ranges_names_both_lines_as_one_thread_does()
    {
        using var dir = new TempFolder();
        string? first = null;
        WriteRatings(dir, "\r\n", false, lines =>
        {
            first = lines[10];
            lines[^1] = lines[10]; // the same user and movie again, in the last range, after blank lines
        });
        var single = Assert.Throws<MovieLensFormatException>(() => MovieLensReader.Read(dir.Path, Ranges(1)));
        Assert.Equal(MovieLensErrorKind.DuplicateRating, single.Kind);
        Assert.Contains("at line 11.", single.Message);
        var ranged = Assert.Throws<MovieLensFormatException>(() => MovieLensReader.Read(dir.Path, Ranges(3)));
        Assert.Equal(single.LineNumber, ranged.LineNumber);
        Assert.Equal(single.Message, ranged.Message);
    }

    [Fact]
    public void Progress_comes_on_the_calling_thread_and_ends_at_the_file_size()
    {
        using var dir = new TempFolder();
        var file = WriteRatings(dir, "\n", true);
        var caller = Environment.CurrentManagedThreadId;
        var calls = new List<(long Done, long Total, int Thread)>();
        MovieLensReader.Read(dir.Path, Ranges(2, progress: (done, total) => calls.Add((done, total, Environment.CurrentManagedThreadId))));
        Assert.True(calls.Count >= 2);
        Assert.All(calls, c => Assert.Equal(caller, c.Thread));
        Assert.All(calls, c => Assert.InRange(c.Done, 0, c.Total));
        Assert.Equal((new FileInfo(file).Length, new FileInfo(file).Length), (calls[^1].Done, calls[^1].Total));
    }

    [Fact]
    public void Cancellation_stops_a_ranged_read()
    {
        using var dir = new TempFolder();
        WriteRatings(dir, "\n", true);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => MovieLensReader.Read(dir.Path, Ranges(2, cancelled.Token)));
    }

    [Theory]
    [InlineData("999999,2,\"3.0\",10")] // a quoted field could span lines
    [InlineData("999999,2,3.0,10\r999999,3,3.0,10")] // the CSV reader counts a lone CR as a line break
    public void A_file_a_cut_could_misread_is_one_range(string line)
    {
        using var dir = new TempFolder();
        var file = WriteRatings(dir, "\r\n", true, lines => lines[Rows - 5] = line);
        Assert.Single(RatingFileScan.Of(file, new FileInfo(file).Length, 2));
        AssertSameSet(MovieLensReader.Read(dir.Path, Ranges(1)), MovieLensReader.Read(dir.Path, Ranges(2)));
    }

    [Fact]
    public void Ranges_start_at_line_starts_and_count_every_line()
    {
        using var dir = new TempFolder();
        var file = WriteRatings(dir, "\r\n", false);
        var bytes = File.ReadAllBytes(file);
        var ranges = RatingFileScan.Of(file, bytes.Length, 4);
        Assert.Equal(4, ranges.Length);
        Assert.Equal(0, ranges[0].Start);
        Assert.Equal(bytes.Length, ranges[^1].End);
        long line = 1;
        for (var k = 0; k < ranges.Length; k++)
        {
            if (k > 0) Assert.Equal((byte)'\n', bytes[ranges[k].Start - 1]);
            if (k > 0) Assert.Equal(ranges[k - 1].End, ranges[k].Start);
            Assert.Equal(line, ranges[k].FirstLine);
            line += ranges[k].Lines;
        }
        Assert.Equal(Encoding.UTF8.GetString(bytes).Split("\r\n").Length, line - 1);
    }

    [Fact]
    public void A_first_range_of_only_the_header_and_blank_lines_reads_as_one_thread_does()
    {
        using var dir = new TempFolder();
        var blank = Enumerable.Repeat("", 100);
        var file = dir.Write("ratings.csv", new[] { "userId,movieId,rating,timestamp" }.Concat(blank)
            .Concat(Enumerable.Range(1, 10).Select(i => $"{i},{i},3.5,{i}")).Append("3,3,4.0,9").ToArray());
        var ranges = RatingFileScan.Of(file, new FileInfo(file).Length, 2);
        Assert.Equal(2, ranges.Length);
        Assert.True(ranges[1].FirstLine < 100); // the cut falls in the blank lines
        var single = Assert.Throws<MovieLensFormatException>(() => MovieLensReader.Read(dir.Path, Ranges(1)));
        var ranged = Assert.Throws<MovieLensFormatException>(() => MovieLensReader.Read(dir.Path, Ranges(2)));
        Assert.Equal(MovieLensErrorKind.DuplicateRating, single.Kind);
        Assert.Equal(single.Message, ranged.Message);

        dir.Write("ratings.csv", new[] { "userId,movieId,rating,timestamp" }.Concat(blank).ToArray());
        var empty = Assert.Throws<MovieLensFormatException>(() => MovieLensReader.Read(dir.Path, Ranges(2)));
        Assert.Equal((MovieLensErrorKind.EmptyFile, 2L), (empty.Kind, empty.LineNumber));
    }
}
