using System.Globalization;
using ContrastiveRec.Data;
using Xunit;

namespace ContrastiveRec.Tests.Data;

/// <summary>Any delimited file with a header, read on the MovieLens reader's path: the same ratings as Import-MovieLens
/// gives for the same data, whatever the column names, order, separator and time format.</summary>
public class RatingFileReaderTests
{
    private static readonly string BundledRatings = Path.Combine(TestPaths.BundledData, "ratings.csv");

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

    /// <summary>The bundled ratings rewritten: columns renamed and reordered, separated by <paramref name="separator"/>,
    /// times as <paramref name="time"/> gives them.</summary>
    private static string Rewrite(TempFolder dir, string name, char separator, Func<long, string> time, string userPrefix = "", string itemPrefix = "")
    {
        var lines = new List<string> { string.Join(separator, "Stars", "Created_At", "customer_id", "SKU") };
        foreach (var line in File.ReadLines(BundledRatings).Skip(1))
        {
            var f = line.Split(',');
            lines.Add(string.Join(separator, f[2], time(long.Parse(f[3], CultureInfo.InvariantCulture)), userPrefix + f[0], itemPrefix + f[1]));
        }
        return dir.Write(name, lines.ToArray());
    }

    public static TheoryData<char, string> Layouts => new()
    {
        { ',', "seconds" }, { '\t', "milliseconds" }, { ';', "iso" }, { '|', "seconds" },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Renamed_reordered_columns_read_as_the_MovieLens_reader_reads_them(char separator, string times)
    {
        using var dir = new TempFolder();
        Func<long, string> time = times switch
        {
            "milliseconds" => t => (t * 1000).ToString(CultureInfo.InvariantCulture),
            "iso" => t => DateTimeOffset.FromUnixTimeSeconds(t).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            _ => t => t.ToString(CultureInfo.InvariantCulture),
        };
        var path = Rewrite(dir, separator == '\t' ? "orders.tsv" : "orders.csv", separator, time);
        // The ratings alone (beside movies.csv, the catalogue would add the movies nobody rated).
        var expected = MovieLensReader.Read(dir.WriteBytes("ml/ratings.csv", File.ReadAllBytes(BundledRatings)));
        var actual = RatingFileReader.Read(path);
        AssertSameSet(expected, actual);
        Assert.Equal(MovieLensLayout.Delimited, actual.Layout);
        Assert.Equal(new RatingFileFormat
        {
            Delimiter = separator, UserColumn = "customer_id", ItemColumn = "SKU", RatingColumn = "Stars", TimestampColumn = "Created_At",
            Milliseconds = times == "milliseconds",
        }, actual.Format);
    }

    [Fact]
    public void Text_ids_are_kept_as_given_in_the_order_their_numbers_give()
    {
        using var dir = new TempFolder();
        var path = Rewrite(dir, "orders.csv", ',', t => t.ToString(CultureInfo.InvariantCulture), "u-", "sku-");
        var expected = MovieLensReader.Read(dir.WriteBytes("ml/ratings.csv", File.ReadAllBytes(BundledRatings)));
        var set = RatingFileReader.Read(path);
        Assert.Equal(expected.UserIds.Select(id => (object)$"u-{id}"), set.UserIds);
        Assert.Equal(expected.MovieIds.Select(id => (object)$"sku-{id}"), set.MovieIds);
        Assert.Equal(expected.UserOffsets, set.UserOffsets);
        Assert.Equal(expected.MovieColumn, set.MovieColumn);
        Assert.Equal(expected.Split.IsTestRow, set.Split.IsTestRow);
        Assert.Equal("sku-1", set.GetRatings("u-1")[0].MovieId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("u-")]
    public void Ranges_parsed_on_several_threads_give_the_one_thread_set(string prefix)
    {
        using var dir = new TempFolder();
        var path = Rewrite(dir, "orders.csv", ',', t => t.ToString(CultureInfo.InvariantCulture), prefix, prefix);
        var one = RatingFileReader.Read(path);
        var ranged = RatingFileReader.Read(path, options: new MovieLensReadOptions { ParallelMinimumBytes = 0, ParallelRanges = 3 });
        AssertSameSet(one, ranged);
    }

    [Fact]
    public void Named_columns_win_over_the_names_found_and_a_file_without_ratings_is_all_interactions()
    {
        using var dir = new TempFolder();
        var path = dir.Write("log.csv", "user,item,score,when,clicks", "1,10,4,5,2", "1,11,2,6,1", "2,10,5,7,9");
        var set = RatingFileReader.Read(path, new RatingFileFormat { RatingColumn = "clicks", NoTimestamp = true });
        Assert.Equal(new float[] { 2, 1, 9 }, set.RatingColumn);
        Assert.False(set.HasTimestamps);
        Assert.Equal("clicks", set.Format!.RatingColumn);
        Assert.Null(set.Format.TimestampColumn);

        var clicks = RatingFileReader.Read(dir.Write("clicks.csv", "visitor,product", "1,10", "1,11", "2,10"));
        Assert.Equal(new float[] { 1, 1, 1 }, clicks.RatingColumn);
        Assert.True(clicks.Format!.NoRating);
    }

    [Fact]
    public void A_click_log_counts_repeats_and_every_interaction_is_relevant()
    {
        using var dir = new TempFolder();
        var path = dir.Write("clicks.csv", "user,item,timestamp", "a,x,100", "a,y,200", "a,x,300", "b,x,50", "a,x,400");
        var set = RatingFileReader.Read(path, options: new MovieLensReadOptions { TestFraction = 0 });
        Assert.True(set.Feedback.IsImplicit);
        Assert.Equal(1, set.Feedback.RelevanceThreshold);
        var a = set.GetRatings("a");
        Assert.Equal(new object[] { "x", "y" }, a.Select(r => r.MovieId));
        Assert.Equal(new[] { 3f, 1f }, a.Select(r => r.Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(400), a[0].Time); // the latest of its clicks
        Assert.All(set.RatingColumn, r => Assert.True(set.Feedback.IsRelevant(r)));
    }

    [Fact]
    public void Stars_on_1_to_10_are_relevant_from_7_unless_told_and_a_scale_given_is_enforced()
    {
        using var dir = new TempFolder();
        var path = dir.Write("orders.csv", "customer,product,stars", "c1,p1,1", "c1,p2,7", "c2,p1,10", "c2,p2,6");
        var set = RatingFileReader.Read(path, options: new MovieLensReadOptions { TestFraction = 0 });
        Assert.Equal(new RatingScale(1, 10), set.Feedback.Scale);
        Assert.Equal(7, set.Feedback.RelevanceThreshold, 9);
        Assert.False(set.HasTimestamps);
        var told = RatingFileReader.Read(path, null, new MovieLensReadOptions { TestFraction = 0 }, new FeedbackOptions { RelevanceThreshold = 6 });
        Assert.Equal(6, told.Feedback.RelevanceThreshold);
        var off = Assert.IsType<MovieLensFormatException>(Refused.By("RatingOutOfRange", RefusalCategory.InvalidData,
            () => RatingFileReader.Read(path, null, null, new FeedbackOptions { Scale = new RatingScale(1, 5) })));
        Assert.Equal(3, off.LineNumber);
    }

    [Fact]
    public void Explicit_duplicates_are_refused_with_both_lines_or_kept_as_told()
    {
        using var dir = new TempFolder();
        var path = dir.Write("orders.csv", "customer,product,stars", "c1,p1,2", "c1,p2,4", "c1,p1,5");
        var twice = Assert.IsType<MovieLensFormatException>(Refused.By("DuplicateRating", RefusalCategory.InvalidData, () => RatingFileReader.Read(path)));
        Assert.Equal(4, twice.LineNumber);
        Assert.Contains("at line 2", twice.Problem);
        var last = RatingFileReader.Read(path, null, new MovieLensReadOptions { TestFraction = 0 }, new FeedbackOptions { Duplicates = DuplicatePolicy.KeepLast });
        Assert.Equal(new[] { 5f, 4f }, last.GetRatings("c1").Select(r => r.Value));
    }

    [Theory]
    [InlineData("a,b\n1,2\n", null, "No column is named for the user", ":1:")]
    [InlineData("user;item\n1;2\n", ',', "If the file uses another separator, give it with -Delimiter.", ":1:")]
    [InlineData("user,item\n1,2\n", null, "There is no column 'stars' (given as -RatingColumn).", ":1:")]
    [InlineData("user,item,user_id\n1,2,3\n", null, "One column is named for two roles", ":1:")]
    public void A_header_without_the_columns_is_refused_naming_them(string text, char? delimiter, string says, string line)
    {
        using var dir = new TempFolder();
        var path = dir.WriteBytes("f.csv", System.Text.Encoding.UTF8.GetBytes(text));
        var format = new RatingFileFormat
        {
            Delimiter = delimiter,
            RatingColumn = says.Contains("'stars'") ? "stars" : null,
            ItemColumn = says.Contains("two roles") ? "user_id" : null,
        };
        var e = Assert.Throws<MovieLensFormatException>(() => RatingFileReader.Read(path, format));
        Assert.Equal("ColumnNotFound", e.ErrorId);
        Assert.Contains(says, e.Message);
        Assert.Contains(path + line, e.Message);
    }

    [Theory]
    [InlineData("u1, ,4,5", "item is empty")]
    [InlineData("u1,i1,four,5", "rating 'four' is not a number")]
    [InlineData("u1,i1,4,yesterday", "time 'yesterday' is neither a whole number")]
    [InlineData("u1,i1,4,99999999999999999", "is beyond what a date can hold")]
    [InlineData("u1,i1,4", "Expected 4 fields (user, item, rating, time) but found 3")]
    public void A_bad_row_is_refused_with_its_file_and_line(string row, string says)
    {
        using var dir = new TempFolder();
        var path = dir.Write("f.csv", "user,item,rating,time", "u1,i0,3,1", row);
        var e = Assert.Throws<MovieLensFormatException>(() => RatingFileReader.Read(path));
        Assert.Equal("MalformedRow", e.ErrorId);
        Assert.Contains($"{path}:3: ", e.Message);
        Assert.Contains(says, e.Message);
    }

    [Fact]
    public void Milliseconds_are_found_for_the_whole_column_and_kept_as_seconds()
    {
        using var dir = new TempFolder();
        var set = RatingFileReader.Read(dir.Write("f.csv", "user,item,rating,ts", "1,1,4,1700000000123", "1,2,4,1700000005999", "2,1,3,0"));
        Assert.Equal(new long[] { 1_700_000_000, 1_700_000_005, 0 }, set.TimestampColumn);
        Assert.True(set.Format!.Milliseconds);
    }

    [Fact]
    public void A_folder_a_missing_file_and_an_empty_file_are_refused_by_name()
    {
        using var dir = new TempFolder();
        Assert.Equal("UnknownMovieLensLayout", Assert.Throws<MovieLensFormatException>(() => RatingFileReader.Read(dir.Path)).ErrorId);
        Assert.Equal("PathNotFound", Assert.Throws<MovieLensFormatException>(() => RatingFileReader.Read(Path.Combine(dir.Path, "no.csv"))).ErrorId);
        Assert.Equal("EmptyFile", Assert.Throws<MovieLensFormatException>(() => RatingFileReader.Read(dir.Write("e.csv"))).ErrorId);
        Assert.Equal("EmptyFile", Assert.Throws<MovieLensFormatException>(() => RatingFileReader.Read(dir.Write("h.csv", "user,item"))).ErrorId);
    }

    [Fact]
    public void An_item_table_names_the_items_and_its_unrated_items_are_left_out_with_a_warning()
    {
        using var dir = new TempFolder();
        var ratings = dir.Write("orders.csv", "customer,product,stars", "u1,sku-1,5", "u1,sku-2,3", "u2,sku-1,4");
        var items = dir.Write("items.csv", "sku,name,category", "sku-1,Red Mug,Kitchen|Gifts", "sku-2,\"Cup, Blue\",Kitchen", "sku-3,Never Rated,Toys");
        var warnings = new List<string>();
        var set = RatingFileReader.Read(ratings, new RatingFileFormat { ItemPath = items }, new MovieLensReadOptions { Warning = warnings.Add });
        Assert.Equal(2, set.MovieCount);
        Assert.Equal("Red Mug", set.GetMovie("sku-1")!.Title);
        Assert.Equal(["Kitchen", "Gifts"], set.GetMovie("sku-1")!.Genres);
        Assert.Equal("Cup, Blue", set.GetMovie("sku-2")!.Title);
        Assert.Contains(warnings, w => w.StartsWith("1 item(s) of items.csv were rated by no one"));
        Assert.Equal(items, set.Format!.ItemPath);

        var bare = RatingFileReader.Read(ratings);
        Assert.Equal("sku-2", bare.GetMovie("sku-2")!.Title);

        var twice = dir.Write("twice.csv", "item,title", "sku-1,A", "sku-1,B");
        var e = Assert.Throws<MovieLensFormatException>(() => RatingFileReader.Read(ratings, new RatingFileFormat { ItemPath = twice }));
        Assert.Equal("MalformedRow", e.ErrorId);
        Assert.StartsWith($"{twice}:3: Item 'sku-1' is listed twice (first at row 2)", e.Message);
        var noId = dir.Write("noid.csv", "name,price", "A,1");
        Assert.Equal("ColumnNotFound", Assert.Throws<MovieLensFormatException>(() => RatingFileReader.Read(ratings, new RatingFileFormat { ItemPath = noId })).ErrorId);
    }
}
