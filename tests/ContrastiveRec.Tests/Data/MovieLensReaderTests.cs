using System.Text;
using ContrastiveRec.Data;
using Xunit;

namespace ContrastiveRec.Tests.Data;

public class MovieLensReaderTests
{
    private static readonly MovieLensReadOptions NoSplit = new() { TestFraction = 0 };

    private static RatingSet Read(string path) => MovieLensReader.Read(path, NoSplit);

    private static (int Movie, float Value, long Time)[] RatingsOf(RatingSet set, int userId) =>
        set.GetRatings(userId).Select(r => ((int)r.MovieId, r.Value, r.Time!.Value.ToUnixTimeSeconds())).ToArray();

    private static void AssertIndexMapping(RatingSet set, int[] userIds, int[] movieIds)
    {
        Assert.Equal(userIds.Cast<object>(), set.UserIds);
        Assert.Equal(movieIds.Cast<object>(), set.MovieIds);
        for (var i = 0; i < userIds.Length; i++)
        {
            Assert.True(set.TryGetUserIndex(userIds[i], out var u));
            Assert.Equal(i, u);
        }
        for (var i = 0; i < movieIds.Length; i++)
        {
            Assert.True(set.TryGetMovieIndex(movieIds[i], out var m));
            Assert.Equal(i, m);
            Assert.Equal(movieIds[i], set.GetMovieAt(i).MovieId);
        }
        Assert.False(set.TryGetUserIndex(userIds.Max() + 1, out _));
        Assert.False(set.TryGetMovieIndex(movieIds.Max() + 1, out _));
        Assert.Null(set.GetMovie(movieIds.Max() + 1));
        Assert.Empty(set.GetRatings(userIds.Max() + 1));
    }

    // ---- ml-latest layout (CSV with header) ----------------------------------------------------

    private static void WriteCsvRelease(TempFolder dir, string newline)
    {
        dir.WriteWith(newline, "ratings.csv",
            "userId,movieId,rating,timestamp",
            "2,20,5.0,800",
            "2,10,0.5,700",
            "7,30,4.5,1000",
            "7,10,3.0,900");
        dir.WriteWith(newline, "movies.csv",
            "movieId,title,genres",
            "10,\"Heat, Part One (1995)\",Action|Crime|Thriller",
            "20,\"The \"\"Quoted\"\" Movie, Again (2001)\",Comedy",
            "30,Toy Story (1995),Adventure|Animation",
            "40,Unrated Film,(no genres listed)");
        dir.WriteWith(newline, "links.csv",
            "movieId,imdbId,tmdbId",
            "10,0113277,949",
            "20,0000020,",
            "30,0114709,862");
        dir.WriteWith(newline, "tags.csv",
            "userId,movieId,tag,timestamp",
            "2,10,\"funny, very\",1",
            "7,30,classic,2",
            "7,10,\"said \"\"wow\"\"\",3");
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Reads_the_csv_layout_with_links_tags_and_quoted_titles(string newline)
    {
        using var dir = new TempFolder();
        WriteCsvRelease(dir, newline);
        var set = Read(dir.Path);

        Assert.Equal(MovieLensLayout.Csv, set.Layout);
        Assert.Equal(Path.GetFullPath(dir.Path), set.Source);
        Assert.Equal(2, set.UserCount);
        Assert.Equal(4, set.MovieCount); // movie 40 is listed but never rated
        Assert.Equal(4, set.RatingCount);
        Assert.Equal(3, set.TagCount);
        Assert.Equal(0.5f, set.MinRating);
        Assert.Equal(5.0f, set.MaxRating);
        AssertIndexMapping(set, new[] { 2, 7 }, new[] { 10, 20, 30, 40 });

        var heat = set.GetMovie(10)!;
        Assert.Equal(("Heat, Part One (1995)", 1995, 113277, 949), (heat.Title, heat.Year, heat.ImdbId, heat.TmdbId));
        Assert.Equal(new[] { "Action", "Crime", "Thriller" }, heat.Genres);
        var quoted = set.GetMovie(20)!;
        Assert.Equal("The \"Quoted\" Movie, Again (2001)", quoted.Title);
        Assert.Equal(2001, quoted.Year);
        Assert.Equal(20, quoted.ImdbId);
        Assert.Null(quoted.TmdbId); // empty tmdbId field
        var unrated = set.GetMovie(40)!;
        Assert.Equal("Unrated Film", unrated.Title);
        Assert.Null(unrated.Year);
        Assert.Empty(unrated.Genres);
        Assert.Null(unrated.ImdbId);

        Assert.Equal(new[] { (20, 5.0f, 800L), (10, 0.5f, 700L) }, RatingsOf(set, 2));
        Assert.Equal(new[] { (30, 4.5f, 1000L), (10, 3.0f, 900L) }, RatingsOf(set, 7));
        var first = set.GetRatings(7)[0];
        Assert.Equal(7, first.UserId);
        Assert.Equal("Toy Story (1995)", first.Title);
        Assert.False(first.IsTest);
    }

    [Fact]
    public void Takes_the_column_order_from_the_header()
    {
        using var dir = new TempFolder();
        dir.Write("ratings.csv", "timestamp,rating,movieId,userId", "500,4.0,3,9", "600,2.5,1,9");
        var set = Read(dir.Path);
        Assert.Equal(new[] { (3, 4.0f, 500L), (1, 2.5f, 600L) }, RatingsOf(set, 9));
    }

    [Fact]
    public void Reads_a_header_less_ratings_csv()
    {
        using var dir = new TempFolder();
        dir.Write("ratings.csv", "1,5,4.0,100", "1,6,3.5,200", "3,5,2.0,300");
        var set = Read(dir.Path);
        Assert.Equal(3, set.RatingCount); // the first row is a rating, not a header
        Assert.Equal(new[] { (5, 4.0f, 100L), (6, 3.5f, 200L) }, RatingsOf(set, 1));
    }

    [Fact]
    public void Reads_a_ratings_file_given_directly_and_finds_the_files_beside_it()
    {
        using var dir = new TempFolder();
        WriteCsvRelease(dir, "\n");
        var set = Read(Path.Combine(dir.Path, "ratings.csv"));
        Assert.Equal(4, set.RatingCount);
        Assert.Equal("Toy Story (1995)", set.GetMovie(30)!.Title);
        Assert.Equal(862, set.GetMovie(30)!.TmdbId);
    }

    [Fact]
    public void Without_a_movies_file_movies_are_the_rated_ids_with_empty_titles()
    {
        using var dir = new TempFolder();
        dir.Write("ratings.csv", "userId,movieId,rating,timestamp", "1,50,4.0,1", "1,8,3.0,2", "4,50,1.0,3");
        var set = Read(dir.Path);
        AssertIndexMapping(set, new[] { 1, 4 }, new[] { 8, 50 });
        var movie = set.GetMovie(50)!;
        Assert.Equal(string.Empty, movie.Title);
        Assert.Null(movie.Year);
        Assert.Empty(movie.Genres);
        Assert.Equal(string.Empty, set.GetRatings(4)[0].Title);
    }

    [Fact]
    public void Reads_any_other_csv_file_as_csv_ratings_without_movies()
    {
        using var dir = new TempFolder();
        WriteCsvRelease(dir, "\n");
        var other = dir.Write("my-ratings.csv", "userId,movieId,rating,timestamp", "3,30,2.0,5");
        var set = Read(other);
        Assert.Equal(1, set.RatingCount);
        Assert.Equal(string.Empty, set.GetMovie(30)!.Title);
    }

    // ---- ml-1m layout ("::" separated) ------------------------------------------------------------

    private static void WriteDatRatings(TempFolder dir) =>
        dir.Write("ratings.dat",
            "1::1193::5::978300760",
            "1::661::3::978302109",
            "2::1193::4::978298413",
            "10::3::1::978298000");

    [Fact]
    public void Reads_the_dat_layout_with_a_latin1_movies_file()
    {
        using var dir = new TempFolder();
        WriteDatRatings(dir);
        dir.WriteLatin1("movies.dat",
            "3::Some \"Quoted\" Film (1990)::Drama",
            "661::James and the Giant Peach (1996)::Animation|Children's|Musical",
            "1193::Café (1975)::Drama");
        Assert.Equal(0xE9, File.ReadAllBytes(Path.Combine(dir.Path, "movies.dat")).Single(b => b > 0x7F));

        var set = Read(dir.Path);
        Assert.Equal(MovieLensLayout.DoubleColon, set.Layout);
        AssertIndexMapping(set, new[] { 1, 2, 10 }, new[] { 3, 661, 1193 });
        Assert.Equal("Café (1975)", set.GetMovie(1193)!.Title);
        Assert.Equal(1975, set.GetMovie(1193)!.Year);
        Assert.Equal("Some \"Quoted\" Film (1990)", set.GetMovie(3)!.Title); // bare quotes stay literal
        Assert.Equal(new[] { "Animation", "Children's", "Musical" }, set.GetMovie(661)!.Genres);
        Assert.Equal(new[] { (1193, 5f, 978300760L), (661, 3f, 978302109L) }, RatingsOf(set, 1));
        Assert.Equal(new[] { (3, 1f, 978298000L) }, RatingsOf(set, 10));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_the_dat_layout_with_a_utf8_movies_file(bool byteOrderMark)
    {
        using var dir = new TempFolder();
        WriteDatRatings(dir);
        var text = "3::Ōkami (2010)::Drama\n661::Amélie (2001)::Comedy|Romance\n1193::Café (1975)::Drama\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        if (byteOrderMark) bytes = Encoding.UTF8.GetPreamble().Concat(bytes).ToArray();
        dir.WriteBytes("movies.dat", bytes);

        var set = Read(dir.Path);
        Assert.Equal("Ōkami (2010)", set.GetMovie(3)!.Title);
        Assert.Equal("Amélie (2001)", set.GetMovie(661)!.Title);
        Assert.Equal("Café (1975)", set.GetMovie(1193)!.Title);
        Assert.Equal(new[] { "Comedy", "Romance" }, set.GetMovie(661)!.Genres);
    }

    [Fact]
    public void Decodes_each_dat_title_on_its_own_when_a_utf8_file_holds_a_stray_latin1_line_and_says_so()
    {
        using var dir = new TempFolder();
        WriteDatRatings(dir);
        var bytes = Encoding.UTF8.GetBytes("3::Ōkami (2010)::Drama\n661::Amélie (2001)::Comedy|Romance\n")
            .Concat(Encoding.Latin1.GetBytes("1193::Café (1975)::Drama\n")).ToArray();
        dir.WriteBytes("movies.dat", bytes);

        var warnings = new List<string>();
        var set = MovieLensReader.Read(dir.Path, new MovieLensReadOptions { Warning = warnings.Add });
        Assert.Equal("Ōkami (2010)", set.GetMovie(3)!.Title);
        Assert.Equal("Amélie (2001)", set.GetMovie(661)!.Title);
        Assert.Equal("Café (1975)", set.GetMovie(1193)!.Title);
        var warning = Assert.Single(warnings);
        Assert.Contains("mixes encodings", warning);
        Assert.Contains("line 3", warning);

        // A file that is Latin-1 throughout (ml-1m) is read without a word.
        dir.WriteLatin1("movies.dat", "3::Some Film (1990)::Drama", "661::Amélie (2001)::Comedy", "1193::Café (1975)::Drama");
        warnings.Clear();
        Assert.Equal("Amélie (2001)", MovieLensReader.Read(dir.Path, new MovieLensReadOptions { Warning = warnings.Add }).GetMovie(661)!.Title);
        Assert.Empty(warnings);
    }

    // ---- ml-100k layout (u.data / u.item) ---------------------------------------------------------

    private const string Flags = "|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0";

    private static string Item(string head, params int[] genres)
    {
        var flags = new string[19];
        Array.Fill(flags, "0");
        foreach (var g in genres) flags[g] = "1";
        return head + "|" + string.Join("|", flags);
    }

    private static void WriteTabRelease(TempFolder dir)
    {
        // Not grouped by user, as in ml-100k.
        dir.Write("u.data",
            "196\t242\t3\t881250949",
            "186\t302\t3\t891717742",
            "22\t377\t1\t878887116",
            "196\t302\t4\t881251000",
            "186\t242\t5\t891717800");
        dir.WriteLatin1("u.item",
            Item("242|Kolya (1996)|24-Jan-1997||http://us.imdb.com/M/title-exact?Kolya%20(1996)", 5),
            Item("302|L.A. Confidential (1997)|01-Jan-1997||http://us.imdb.com/M/title-exact?L%2EA%2E+Confidential+(1997)", 6, 10, 13, 16),
            Item("377|Café Noir|01-Jan-1994||", 4, 8));
    }

    [Fact]
    public void Reads_the_tab_layout_with_the_fixed_genre_order()
    {
        using var dir = new TempFolder();
        WriteTabRelease(dir);
        var set = Read(dir.Path);

        Assert.Equal(MovieLensLayout.Tab, set.Layout);
        AssertIndexMapping(set, new[] { 22, 186, 196 }, new[] { 242, 302, 377 });
        Assert.Equal(5, set.RatingCount);
        // Within a user the file order is kept.
        Assert.Equal(new[] { (242, 3f, 881250949L), (302, 4f, 881251000L) }, RatingsOf(set, 196));
        Assert.Equal(new[] { (302, 3f, 891717742L), (242, 5f, 891717800L) }, RatingsOf(set, 186));
        Assert.Equal(new[] { (377, 1f, 878887116L) }, RatingsOf(set, 22));

        Assert.Equal("Kolya (1996)", set.GetMovie(242)!.Title);
        Assert.Equal(1996, set.GetMovie(242)!.Year); // from the title, not the release date
        Assert.Equal(new[] { "Comedy" }, set.GetMovie(242)!.Genres);
        Assert.Equal(new[] { "Crime", "Film-Noir", "Mystery", "Thriller" }, set.GetMovie(302)!.Genres);
        var cafe = set.GetMovie(377)!;
        Assert.Equal("Café Noir", cafe.Title);
        Assert.Equal(1994, cafe.Year); // no year in the title: the release date's
        Assert.Equal(new[] { "Children", "Drama" }, cafe.Genres);
    }

    [Fact]
    public void Reads_the_tab_layout_with_genre_names_from_u_genre()
    {
        using var dir = new TempFolder();
        WriteTabRelease(dir);
        var names = new[] { "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
            "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western" };
        dir.WriteWith("\r\n", "u.genre", names.Select((n, i) => $"{n}|{i}").Append("").ToArray());
        var set = Read(dir.Path);
        Assert.Equal(new[] { "Children's", "Drama" }, set.GetMovie(377)!.Genres);
        Assert.Equal(new[] { "Comedy" }, set.GetMovie(242)!.Genres);
    }

    [Fact]
    public void Reads_a_header_less_movies_csv_with_a_byte_order_mark()
    {
        using var dir = new TempFolder();
        dir.Write("ratings.csv", "1,5,4.0,100");
        dir.WriteBytes("movies.csv", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("5,Amélie (2001),Comedy\n")).ToArray());
        var set = Read(dir.Path);
        var movie = set.GetMovieAt(Assert.Single(set.MovieIds.Select((_, i) => i)));
        Assert.Equal((5, "Amélie (2001)", 2001), (movie.MovieId, movie.Title, movie.Year));
    }

    [Fact]
    public void Reads_u_data_given_directly()
    {
        using var dir = new TempFolder();
        WriteTabRelease(dir);
        var set = Read(Path.Combine(dir.Path, "u.data"));
        Assert.Equal(MovieLensLayout.Tab, set.Layout);
        Assert.Equal("Kolya (1996)", set.GetMovie(242)!.Title);
    }

    // ---- bad input -------------------------------------------------------------------------------

    private static MovieLensFormatException Fails(string path, MovieLensErrorKind kind, string file, long line)
    {
        var e = Assert.Throws<MovieLensFormatException>(() => Read(path));
        Assert.Equal(kind, e.Kind);
        Assert.Equal(Path.GetFullPath(file), Path.GetFullPath(e.FilePath));
        Assert.Equal(line, e.LineNumber);
        Assert.StartsWith(line > 0 ? $"{e.FilePath}:{line}: " : $"{e.FilePath}: ", e.Message);
        // The shell shows the problem with where it is, and the remedy apart; the id and category follow the kind.
        Assert.StartsWith(line > 0 ? $"{e.FilePath}:{line}: " : $"{e.FilePath}: ", e.Problem);
        Assert.DoesNotContain(e.Remedy, e.Problem);
        Assert.Equal(e.FilePath, e.Target);
        var (id, category) = kind switch
        {
            MovieLensErrorKind.PathNotFound => ("PathNotFound", RefusalCategory.ObjectNotFound),
            MovieLensErrorKind.UnknownLayout => ("UnknownMovieLensLayout", RefusalCategory.InvalidArgument),
            MovieLensErrorKind.MalformedRow => ("MalformedRow", RefusalCategory.ParserError),
            MovieLensErrorKind.EmptyFile => ("EmptyFile", RefusalCategory.InvalidData),
            _ => (kind.ToString(), RefusalCategory.InvalidData), // RatingOutOfRange, DuplicateRating
        };
        Assert.Equal((id, category), (e.ErrorId, e.Category));
        return e;
    }

    [Fact]
    public void A_missing_path_is_PathNotFound()
    {
        using var dir = new TempFolder();
        var missing = Path.Combine(dir.Path, "nope");
        Fails(missing, MovieLensErrorKind.PathNotFound, missing, 0);
    }

    [Fact]
    public void A_folder_or_file_of_no_known_layout_is_UnknownLayout()
    {
        using var dir = new TempFolder();
        var notes = dir.Write("notes.txt", "hello");
        dir.Write("movies.csv", "movieId,title,genres", "1,A (1999),Drama");
        Fails(dir.Path, MovieLensErrorKind.UnknownLayout, dir.Path, 0);
        Fails(notes, MovieLensErrorKind.UnknownLayout, notes, 0);
    }

    public static TheoryData<string, string[], MovieLensErrorKind, long> BadRatings => new()
    {
        // file, lines, kind, line number (the header is line 1; blank lines count)
        { "ratings.csv", new[] { "userId,movieId,rating,timestamp", "1,1,4.0,10", "1,2,4.0" }, MovieLensErrorKind.MalformedRow, 3 },
        { "ratings.csv", new[] { "userId,movieId,rating,timestamp", "1,1,4.0,10,99" }, MovieLensErrorKind.MalformedRow, 2 },
        { "ratings.csv", new[] { "userId,movieId,rating,timestamp", "1,1,4.0,10", "1,x2,4.0,10" }, MovieLensErrorKind.MalformedRow, 3 },
        { "ratings.csv", new[] { "userId,movieId,rating,timestamp", "1,1,good,10" }, MovieLensErrorKind.MalformedRow, 2 },
        { "ratings.csv", new[] { "userId,movieId,rating,timestamp", "1,1,4.0,yesterday" }, MovieLensErrorKind.MalformedRow, 2 },
        { "ratings.csv", new[] { "userId,movieId,rating,timestamp", "1,1,4.0,10", "", "", "1,2,4.0,ten" }, MovieLensErrorKind.MalformedRow, 5 },
        { "ratings.csv", new[] { "userId,movieId,rating,timestamp", "1,1,4.0,10", "1,2,5.5,10" }, MovieLensErrorKind.RatingOutOfRange, 3 },
        { "ratings.csv", new[] { "userId,movieId,rating,timestamp", "1,1,0,10" }, MovieLensErrorKind.RatingOutOfRange, 2 },
        { "ratings.csv", new[] { "userId,movieId,rating,timestamp", "", "1,1,0.4,10" }, MovieLensErrorKind.RatingOutOfRange, 3 },
        { "ratings.csv", new[] { "userId,movieId,rating,timestamp", "1,1,4.0,10", "1,2,4.0,10", "1,1,3.0,20" }, MovieLensErrorKind.DuplicateRating, 4 },
        { "ratings.csv", new[] { "userId,movieId,rating,timestamp" }, MovieLensErrorKind.EmptyFile, 2 },
        { "ratings.csv", new[] { "userId,movieId,rating,timestamp", "1,1,\"4.0\n\",10", "1,2,4.0,10", "1,1,4.0,11" }, MovieLensErrorKind.DuplicateRating, 5 },
        { "ratings.csv", new[] { "userId,movieId,rating,timestamp", "1,1,\"4.0\n\n\",10", "", "1,1,4.0,11" }, MovieLensErrorKind.DuplicateRating, 6 },
        { "ratings.csv", new[] { "userId,movieId,rating,timestamp", "1,1,4.0,\"10\"", "1,2,4.0,\"1\n1\"", "1,3,4.0,12", "1,1,4.0,13" }, MovieLensErrorKind.MalformedRow, 3 },
        { "ratings.csv", new[] { "userId,movieId,rating,timestamp", "", "" }, MovieLensErrorKind.EmptyFile, 2 },
        // Header-less: a bad first row is a bad row, not a header.
        { "ratings.csv", new[] { "1,x,4.0,10", "1,2,4.0,10" }, MovieLensErrorKind.MalformedRow, 1 },
        { "ratings.csv", new[] { "u1,1,4.0,10", "1,2,4.0,10" }, MovieLensErrorKind.MalformedRow, 1 },
        { "ratings.csv", new[] { "\"\",1,4.0,10", "1,2,4.0,10" }, MovieLensErrorKind.MalformedRow, 1 },
        { "ratings.dat", new[] { "1::1::4::10", "1::2::4" }, MovieLensErrorKind.MalformedRow, 2 },
        { "ratings.dat", new[] { "userId::movieId::rating::timestamp", "1::2::4::10" }, MovieLensErrorKind.MalformedRow, 1 },
        { "ratings.dat", new[] { "1::1::4::10", "", "1::2::6::10" }, MovieLensErrorKind.RatingOutOfRange, 3 },
        { "u.data", new[] { "1\t1\t4\t10", "1\t2\t4 10" }, MovieLensErrorKind.MalformedRow, 2 },
        // Duplicates in a file not grouped by user: the second occurrence is named.
        { "u.data", new[] { "5\t1\t4\t10", "2\t1\t4\t10", "5\t2\t4\t10", "2\t3\t4\t10", "", "5\t1\t2\t11", "2\t9\t1\t12" }, MovieLensErrorKind.DuplicateRating, 6 },
        { "u.data", new[] { "5\t7\t4\t10", "2\t7\t4\t10", "5\t2\t4\t10", "2\t3\t4\t10", "2\t7\t2\t11" }, MovieLensErrorKind.DuplicateRating, 5 },
    };

    [Fact]
    public void A_movies_or_tags_file_given_as_the_ratings_is_named_for_what_it_is()
    {
        using var dir = new TempFolder();
        dir.WriteWith("\n", "ratings.csv", ["userId,movieId,rating,timestamp", "1,1,4.0,10"]);
        var movies = dir.WriteWith("\n", "movies.csv", ["movieId,title,genres", "1,Toy Story (1995),Animation"]);
        var byName = Assert.Throws<MovieLensFormatException>(() => MovieLensReader.Read(movies));
        Assert.Equal(MovieLensErrorKind.UnknownLayout, byName.Kind);
        Assert.Contains("'movies.csv' is one of a MovieLens set's other files, not its ratings", byName.Message);

        var renamed = dir.WriteWith("\n", "mine.csv", ["userId,movieId,tag,timestamp", "1,1,funny,10"]);
        var byHeader = Assert.Throws<MovieLensFormatException>(() => MovieLensReader.Read(renamed));
        Assert.Equal(MovieLensErrorKind.UnknownLayout, byHeader.Kind);
        Assert.Equal(1, byHeader.LineNumber);
        Assert.Contains("(userId,movieId,tag,timestamp) is not that of a ratings file", byHeader.Message);
        Assert.Equal(1, MovieLensReader.Read(dir.Path).RatingCount); // the folder still reads
    }

    [Fact]
    public void A_compressed_or_binary_ratings_file_is_named_for_what_it_is()
    {
        using var dir = new TempFolder();
        var text = System.Text.Encoding.UTF8.GetBytes("userId,movieId,rating,timestamp\n1,1,4.0,10\n");
        var gz = Path.Combine(dir.Path, "gz.csv");
        using (var file = File.Create(gz))
        using (var zip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Optimal))
            zip.Write(text);
        var compressed = Assert.Throws<MovieLensFormatException>(() => MovieLensReader.Read(gz));
        Assert.Equal(MovieLensErrorKind.UnknownLayout, compressed.Kind);
        Assert.Contains("gzip-compressed, not text", compressed.Message);

        var binary = Path.Combine(dir.Path, "binary.csv");
        File.WriteAllBytes(binary, Enumerable.Range(0, 2000).Select(i => (byte)(i * 7 % 32)).ToArray());
        Assert.Contains("is binary, not text", Assert.Throws<MovieLensFormatException>(() => MovieLensReader.Read(binary)).Message);
    }

    [Fact]
    public void Doubtful_input_is_said_out_loud_and_clean_data_gives_no_warning()
    {
        using var dir = new TempFolder();
        dir.WriteWith("\n", "ratings.csv", ["userId,movieId,rating,timestamp", "0,1,4.0,10", "1,1,4.0,10", "1,99,3.0,11"]);
        dir.WriteWith("\n", "movies.csv", ["movieId,title,genres", "1,Toy Story (1995),Animation", "2,Caf\uFFFD (2001),Drama"]);
        dir.WriteWith("\n", "u.data", ["1\t1\t4\t10"]);
        var warnings = new List<string>();
        var set = MovieLensReader.Read(dir.Path, new MovieLensReadOptions { Warning = warnings.Add });
        Assert.Equal(3, set.RatingCount); // read all the same
        Assert.Contains(warnings, w => w.Contains("holds ratings.csv and u.data; ratings.csv was read"));
        Assert.Contains(warnings, w => w.StartsWith("1 user id(s) are 0 or below", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("1 rated movie(s) are not in movies.csv, such as 99"));
        Assert.Contains(warnings, w => w.Contains("1 title(s) hold bytes that are not valid"));
        Assert.Equal(4, warnings.Count);

        var none = new List<string>();
        MovieLensReader.Read(TestPaths.BundledData, new MovieLensReadOptions { Warning = none.Add });
        Assert.Empty(none);
    }

    [Fact]
    public void A_control_character_in_a_bad_field_is_shown_not_swallowed()
    {
        using var dir = new TempFolder();
        var file = dir.WriteWith("\n", "ratings.csv", ["userId,movieId,rating,timestamp", "1,1,4.0,10", "1,2\0,4.0,10"]);
        var e = Assert.Throws<MovieLensFormatException>(() => MovieLensReader.Read(file));
        Assert.Contains("movieId '2\\u0000' is not a whole number", e.Message);
        Assert.False(e.Message.Contains('\0'), "a raw NUL in the message");
    }

    [Theory]
    [InlineData("\uFEFF", "\\uFEFF")] // a byte-order mark pasted inside a field
    [InlineData("\u200B", "\\u200B")] // a zero-width space
    [InlineData("\u00A0", "\\u00A0")] // a no-break space
    public void An_invisible_character_in_a_bad_field_is_shown_escaped(string invisible, string shown)
    {
        using var dir = new TempFolder();
        var file = dir.WriteWith("\n", "ratings.csv", ["userId,movieId,rating,timestamp", "1,1,4.0,10", $"1,2,4.0{invisible},10"]);
        var e = Assert.Throws<MovieLensFormatException>(() => MovieLensReader.Read(file));
        Assert.Contains($"rating '4.0{shown}' is not a number", e.Message);
        Assert.DoesNotContain(invisible, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_too_large_for_its_column_is_out_of_range_not_a_non_number()
    {
        using var dir = new TempFolder();
        var file = dir.WriteWith("\n", "ratings.csv", ["userId,movieId,rating,timestamp", "1,1,4.0,10", "2147483648,2,4.0,10"]);
        var tooLarge = Assert.Throws<MovieLensFormatException>(() => MovieLensReader.Read(file));
        Assert.Equal(MovieLensErrorKind.MalformedRow, tooLarge.Kind);
        Assert.Equal(3, tooLarge.LineNumber);
        Assert.Contains("userId '2147483648' is out of range: it must be from -2,147,483,648 to 2,147,483,647", tooLarge.Message);

        var word = dir.WriteWith("\n", "ratings.csv", ["userId,movieId,rating,timestamp", "1,1,4.0,10", "1,x2,4.0,10"]);
        Assert.Contains("movieId 'x2' is not a whole number", Assert.Throws<MovieLensFormatException>(() => MovieLensReader.Read(word)).Message);
    }

    [Fact]
    public void A_number_of_millions_of_digits_is_out_of_range_at_once_and_its_message_stays_short()
    {
        // A big-integer parse of such a field took minutes (quadratic); its length alone says it is out of range.
        using var dir = new TempFolder();
        var file = dir.WriteWith("\n", "ratings.csv", ["userId,movieId,rating,timestamp", "1,1,4.0,10", "1,2,5.0," + new string('7', 3_000_000)]);
        var e = Assert.Throws<MovieLensFormatException>(() => MovieLensReader.Read(file));
        Assert.Equal(MovieLensErrorKind.MalformedRow, e.Kind);
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("is out of range", e.Message);
        Assert.True(e.Message.Length < 400, $"a message of {e.Message.Length} characters");
        var digitsThenWord = dir.WriteWith("\n", "ratings.csv", ["userId,movieId,rating,timestamp", "1," + new string('7', 3_000_000) + "x,4.0,10"]);
        Assert.Contains("is not a whole number", Assert.Throws<MovieLensFormatException>(() => MovieLensReader.Read(digitsThenWord)).Message);
    }

    [Theory]
    [MemberData(nameof(BadRatings))]
    public void Bad_ratings_name_the_kind_file_and_line(string name, string[] lines, MovieLensErrorKind kind, long line)
    {
        foreach (var newline in new[] { "\n", "\r\n" })
        {
            using var dir = new TempFolder();
            var file = dir.WriteWith(newline, name, lines);
            Fails(dir.Path, kind, file, line);
            Fails(file, kind, file, line);
        }
    }

    [Theory]
    [InlineData("ratings.csv")]
    [InlineData("ratings.dat")]
    [InlineData("u.data")]
    public void An_empty_ratings_file_is_EmptyFile(string name)
    {
        using var dir = new TempFolder();
        var file = dir.WriteBytes(name, Array.Empty<byte>());
        Fails(dir.Path, MovieLensErrorKind.EmptyFile, file, 1);
    }

    [Fact]
    public void A_duplicate_names_the_later_line_and_the_earlier_one()
    {
        using var dir = new TempFolder();
        var file = dir.Write("ratings.csv", "userId,movieId,rating,timestamp", "3,8,4.0,1", "1,8,4.0,1", "3,9,4.0,1", "3,8,1.0,2");
        var e = Fails(dir.Path, MovieLensErrorKind.DuplicateRating, file, 5);
        Assert.Contains("movie 8 at line 2", e.Message);
    }

    public static TheoryData<string, string[], MovieLensErrorKind, long> BadMovies => new()
    {
        { "movies.csv", new[] { "movieId,title,genres", "1,A (1999),Drama", "2,B (2000)" }, MovieLensErrorKind.MalformedRow, 3 },
        { "movies.csv", new[] { "movieId,title,genres", "1,A (1999),Drama", "", "two,B (2000),Drama" }, MovieLensErrorKind.MalformedRow, 4 },
        { "movies.csv", new[] { "movieId,title,genres", "1,A (1999),Drama", "1,B (2000),Drama" }, MovieLensErrorKind.MalformedRow, 3 },
        { "movies.csv", new[] { "movieId,title,genres" }, MovieLensErrorKind.EmptyFile, 2 },
        // A quoted title spanning two lines: the next row is still counted by physical line.
        { "movies.csv", new[] { "movieId,title,genres", "1,\"Two\nLines (1999)\",Drama", "2,B (2000),Drama", "3,C (2001)" }, MovieLensErrorKind.MalformedRow, 5 },
        { "movies.csv", new[] { "movieId,title,genres", "1,A (1999),Drama", "", "2,\"B\nC (2000)\"" }, MovieLensErrorKind.MalformedRow, 4 },
        { "movies.csv", new[] { "x1,A (1999),Drama", "2,B (2000),Drama" }, MovieLensErrorKind.MalformedRow, 1 },
        { "links.csv", new[] { "x1,0114709,862", "2,0113497,8844" }, MovieLensErrorKind.MalformedRow, 1 },
        { "links.csv", new[] { "movieId,imdbId,tmdbId", "1,0114709" }, MovieLensErrorKind.MalformedRow, 2 },
        { "links.csv", new[] { "movieId,imdbId,tmdbId", "1,tt0114709,862" }, MovieLensErrorKind.MalformedRow, 2 },
    };

    [Theory]
    [MemberData(nameof(BadMovies))]
    public void Bad_catalogue_files_name_the_kind_file_and_line(string name, string[] lines, MovieLensErrorKind kind, long line)
    {
        using var dir = new TempFolder();
        dir.Write("ratings.csv", "userId,movieId,rating,timestamp", "1,1,4.0,10");
        var file = dir.Write(name, lines);
        Fails(dir.Path, kind, file, line);
    }

    [Fact]
    public void A_malformed_u_item_row_names_u_item()
    {
        using var dir = new TempFolder();
        dir.Write("u.data", "1\t1\t4\t10");
        var file = dir.WriteLatin1("u.item", Item("1|A (1999)|01-Jan-1999||", 8), "2|B (2000)");
        Fails(dir.Path, MovieLensErrorKind.MalformedRow, file, 2);
    }

    [Fact]
    public void An_empty_movies_file_is_EmptyFile()
    {
        using var dir = new TempFolder();
        dir.Write("ratings.csv", "userId,movieId,rating,timestamp", "1,1,4.0,10");
        var file = dir.WriteBytes("movies.csv", Array.Empty<byte>());
        Fails(dir.Path, MovieLensErrorKind.EmptyFile, file, 1);
    }

    [Fact]
    public void Plain_decimals_read_as_the_invariant_float_parser_reads_them()
    {
        var rng = new Random(3);
        var texts = new List<string> { "0", "5", "0.5", "4.5", "3.50", "0000001", "1.000000", "9999999", "0.000001" };
        for (var i = 0; i < 20_000; i++)
        {
            var whole = rng.Next(1, 5);
            var digits = string.Concat(Enumerable.Range(0, rng.Next(whole, 8)).Select(_ => (char)('0' + rng.Next(10))));
            texts.Add(digits.Length == whole ? digits : digits[..whole] + "." + digits[whole..]);
        }
        foreach (var text in texts)
        {
            Assert.True(MovieLensReader.TryPlainDecimal(Encoding.ASCII.GetBytes(text), out var value), text);
            Assert.Equal(float.Parse(text, System.Globalization.CultureInfo.InvariantCulture), value);
        }
        foreach (var other in new[] { "", ".5", "5.", "-1", "+1", " 1", "1e1", "12345678", "1.2345678", "1,5", "½" })
            Assert.False(MovieLensReader.TryPlainDecimal(Encoding.UTF8.GetBytes(other), out _), other);
    }

    [Fact]
    public void Ids_far_apart_get_dense_indices_in_ascending_order()
    {
        using var dir = new TempFolder();
        dir.Write("ratings.csv", "userId,movieId,rating,timestamp",
            "2000000000,-3,4.0,1", "2000000000,1999999999,3.0,2", "-7,5,2.0,3", "5,-3,1.0,4");
        var set = Read(dir.Path);
        AssertIndexMapping(set, new[] { -7, 5, 2000000000 }, new[] { -3, 5, 1999999999 });
        Assert.Equal(new[] { (-3, 4.0f, 1L), (1999999999, 3.0f, 2L) }, RatingsOf(set, 2000000000));
    }
}
