using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;

namespace ContrastiveRec.Data;

/// <summary>Options for reading a MovieLens release.</summary>
public sealed class MovieLensReadOptions
{
    /// <summary>Share of each user's ratings held out as test (the study: 0.05).</summary>
    public double TestFraction { get; init; } = 0.05;
    public int Seed { get; init; } = 42;
    public SplitMethod SplitMethod { get; init; } = SplitMethod.Random;
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Called on the reading thread with (bytes read, total bytes) of the ratings file.</summary>
    public Action<long, long>? Progress { get; init; }
}

/// <summary>Reads any MovieLens layout into a <see cref="RatingSet"/> in one pass, with no per-rating objects.</summary>
public static partial class MovieLensReader
{
    private const int ProgressEvery = 1 << 16;
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    // The fixed ml-100k genre order, used when u.genre is absent.
    private static readonly string[] Ml100kGenres =
    {
        "unknown", "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    };

    public static RatingSet Read(string path, MovieLensReadOptions? options = null)
    {
        options ??= new MovieLensReadOptions();
        var files = MovieLensFiles.Locate(path);
        var ratings = ReadRatings(files, options);
        var catalogue = files.MoviesPath is null ? new Catalogue() : ReadMovies(files);
        if (files.LinksPath is not null) ReadLinks(files.LinksPath, catalogue);
        var tags = files.TagsPath is null ? 0 : CountRows(files.TagsPath, files.Layout);
        options.CancellationToken.ThrowIfCancellationRequested();
        var set = RatingSetAssembler.Assemble(Path.GetFullPath(path), files, ratings, catalogue, tags);
        return set.WithSplit(options.SplitMethod, options.TestFraction, options.Seed);
    }

    // ---- ratings ---------------------------------------------------------------------------------

    private static RatingColumns ReadRatings(MovieLensFiles files, MovieLensReadOptions options)
    {
        var path = files.RatingsPath;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var total = stream.Length;
        if (total == 0) throw Empty(path, 1, "The ratings file is empty.");
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        using var parser = new CsvParser(text, ConfigFor(files.Layout, ratings: true));

        var columns = new RatingColumns(EstimateRows(path, total));
        int userField = 0, movieField = 1, ratingField = 2, timeField = 3;
        var expectedFields = files.Layout == MovieLensLayout.Csv ? 4 : 4;
        var first = true;
        var token = options.CancellationToken;
        long lastLine = 0;
        while (parser.Read())
        {
            var line = StartLine(parser, ref lastLine);
            if (first)
            {
                first = false;
                if (files.Layout == MovieLensLayout.Csv && IsHeader(parser.Record!, "userId", "movieId", "rating", "timestamp"))
                {
                    // A header: take the column order from its names.
                    var header = parser.Record!;
                    userField = FieldOf(header, "userId", 0);
                    movieField = FieldOf(header, "movieId", 1);
                    ratingField = FieldOf(header, "rating", 2);
                    timeField = FieldOf(header, "timestamp", 3);
                    expectedFields = header.Length;
                    continue;
                }
            }
            if (parser.Count != expectedFields)
                throw Malformed(path, line, $"Expected {expectedFields} fields (userId, movieId, rating, timestamp) but found {parser.Count}.");
            var user = ParseInt(parser[userField], path, line, "userId");
            var movie = ParseInt(parser[movieField], path, line, "movieId");
            var rating = ParseRating(parser[ratingField], path, line);
            var time = ParseLong(parser[timeField], path, line, "timestamp");
            columns.Add(user, movie, rating, time, line);
            if ((columns.Count & (ProgressEvery - 1)) == 0)
            {
                token.ThrowIfCancellationRequested();
                options.Progress?.Invoke(stream.Position, total);
            }
        }
        if (columns.Count == 0)
            throw Empty(path, first ? 1 : 2, first ? "The ratings file has no rows." : "The ratings file has a header but no ratings.");
        options.Progress?.Invoke(total, total);
        columns.Trim();
        return columns;
    }

    // RawRow is the record's last physical line; a quoted field may span lines, so count back to its
    // first. Only records that did not start right after the previous one need the raw text.
    private static long StartLine(CsvParser parser, ref long lastLine)
    {
        var end = parser.RawRow;
        var start = end == lastLine + 1 ? end : end - parser.RawRecord.AsSpan().TrimEnd("\r\n").Count('\n');
        lastLine = end;
        return start;
    }

    // A header names its columns; a first row that merely fails to parse is a bad row, not a header to skip.
    private static bool IsHeader(string[] record, params string[] names) =>
        record.Any(f => names.Contains(f.Trim(), StringComparer.OrdinalIgnoreCase));

    private static int FieldOf(string[] header, string name, int fallback)
    {
        var i = Array.FindIndex(header, h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));
        return i >= 0 ? i : fallback;
    }

    // Sizes the columns from the first 64 KiB's bytes per line, a little generously, so they are
    // neither grown (copied) nor much oversized before the final trim.
    private static int EstimateRows(string path, long bytes)
    {
        var sample = new byte[(int)Math.Min(bytes, 1 << 16)];
        using (var f = File.OpenRead(path)) f.ReadExactly(sample);
        var lines = Math.Max(1, sample.AsSpan().Count((byte)'\n'));
        var estimate = bytes * 1.05 * lines / sample.Length + 1024;
        return (int)Math.Min(Array.MaxLength, estimate);
    }

    // ---- movies, links, tags -------------------------------------------------------------------

    internal sealed class Catalogue
    {
        public readonly List<int> Ids = new();
        public readonly List<string> Titles = new();
        public readonly List<int> Years = new();
        public readonly List<string[]> Genres = new();
        public readonly Dictionary<int, (int Imdb, int Tmdb)> Links = new();
        public readonly Dictionary<int, long> LineOf = new();
    }

    private static Catalogue ReadMovies(MovieLensFiles files)
    {
        var path = files.MoviesPath!;
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0) throw Empty(path, 1, "The movies file is empty.");
        // GetString keeps a byte order mark, which would then stick to the first movie id.
        var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        var encoding = bom > 0 || files.Layout == MovieLensLayout.Csv ? Encoding.UTF8 : DetectEncoding(bytes);
        using var text = new StringReader(encoding.GetString(bytes, bom, bytes.Length - bom));
        using var parser = new CsvParser(text, ConfigFor(files.Layout, ratings: false));
        var genreNames = files.Layout == MovieLensLayout.Tab ? ReadGenreNames(files.GenresPath) : null;
        var catalogue = new Catalogue();
        var first = true;
        long lastLine = 0;
        while (parser.Read())
        {
            var line = StartLine(parser, ref lastLine);
            if (first && files.Layout == MovieLensLayout.Csv && IsHeader(parser.Record!, "movieId", "title", "genres"))
            {
                first = false;
                continue;
            }
            first = false;
            int id;
            string title;
            string[] genres;
            var year = 0;
            if (files.Layout == MovieLensLayout.Tab)
            {
                if (parser.Count < 5)
                    throw Malformed(path, line, $"Expected at least 5 '|'-separated fields (movie id|title|release date|video release date|IMDb URL|genre flags) but found {parser.Count}.");
                id = ParseInt(parser[0], path, line, "movie id");
                title = parser[1];
                var flags = new List<string>();
                for (var g = 5; g < parser.Count && g - 5 < genreNames!.Length; g++)
                    if (parser[g] == "1") flags.Add(genreNames[g - 5]);
                genres = flags.ToArray();
                year = YearOf(title);
                if (year == 0 && DateTime.TryParseExact(parser[2], "dd-MMM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var released))
                    year = released.Year;
            }
            else
            {
                if (parser.Count != 3)
                    throw Malformed(path, line, $"Expected 3 fields (movieId, title, genres) but found {parser.Count}.");
                id = ParseInt(parser[0], path, line, "movieId");
                title = parser[1];
                genres = SplitGenres(parser[2]);
                year = YearOf(title);
            }
            if (!catalogue.LineOf.TryAdd(id, line))
                throw new MovieLensFormatException(MovieLensErrorKind.MalformedRow, path, line,
                    $"Movie {id} is listed twice (first at line {catalogue.LineOf[id]}).", "Remove one of the two rows.");
            catalogue.Ids.Add(id);
            catalogue.Titles.Add(title.Trim());
            catalogue.Years.Add(year);
            catalogue.Genres.Add(genres);
        }
        if (catalogue.Ids.Count == 0) throw Empty(path, first ? 1 : 2, "The movies file has no movies.");
        return catalogue;
    }

    private static void ReadLinks(string path, Catalogue catalogue)
    {
        using var text = new StreamReader(path, Encoding.UTF8);
        using var parser = new CsvParser(text, ConfigFor(MovieLensLayout.Csv, ratings: false));
        var first = true;
        long lastLine = 0;
        while (parser.Read())
        {
            var line = StartLine(parser, ref lastLine);
            if (first)
            {
                first = false;
                if (IsHeader(parser.Record!, "movieId", "imdbId", "tmdbId")) continue;
            }
            if (parser.Count != 3)
                throw Malformed(path, line, $"Expected 3 fields (movieId, imdbId, tmdbId) but found {parser.Count}.");
            var id = ParseInt(parser[0], path, line, "movieId");
            var imdb = parser[1].Length == 0 ? 0 : ParseInt(parser[1], path, line, "imdbId");
            var tmdb = parser[2].Length == 0 ? 0 : ParseInt(parser[2], path, line, "tmdbId");
            catalogue.Links[id] = (imdb, tmdb);
        }
    }

    private static int CountRows(string path, MovieLensLayout layout)
    {
        using var text = new StreamReader(path, Encoding.UTF8);
        using var parser = new CsvParser(text, ConfigFor(layout, ratings: false));
        var rows = 0;
        while (parser.Read()) rows++;
        return layout == MovieLensLayout.Csv && rows > 0 ? rows - 1 : rows;
    }

    private static string[] ReadGenreNames(string? path)
    {
        if (path is null) return Ml100kGenres;
        var names = new SortedDictionary<int, string>();
        foreach (var raw in File.ReadAllLines(path, Encoding.Latin1))
        {
            var parts = raw.Split('|');
            if (parts.Length == 2 && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) names[i] = parts[0];
        }
        return names.Count == 0 ? Ml100kGenres : names.Values.ToArray();
    }

    internal static string[] SplitGenres(string field) =>
        field.Length == 0 || field == "(no genres listed)" ? Array.Empty<string>() : field.Split('|').Select(string.Intern).ToArray();

    internal static int YearOf(string title)
    {
        var m = YearPattern().Match(title);
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"\((\d{4})(?:[–-]\d{0,4})?\)\s*$")]
    private static partial Regex YearPattern();

    // ml-1m's movies.dat is Latin-1; later .dat releases are UTF-8. Strict UTF-8 decoding tells them apart.
    private static Encoding DetectEncoding(byte[] bytes)
    {
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return Encoding.UTF8;
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1;
        }
    }

    // ---- parsing helpers --------------------------------------------------------------------------

    private static CsvConfiguration ConfigFor(MovieLensLayout layout, bool ratings) => new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = false, // headers are recognised by content, so header-less CSV files work too
        Delimiter = layout switch
        {
            MovieLensLayout.Csv => ",",
            MovieLensLayout.DoubleColon => "::",
            _ => ratings ? "\t" : "|",
        },
        // Only the CSV layout quotes fields; ml-1m titles contain bare quotes that must stay literal.
        Mode = layout == MovieLensLayout.Csv ? CsvMode.RFC4180 : CsvMode.NoEscape,
        IgnoreBlankLines = true,
        BadDataFound = null,
        CacheFields = ratings,
        BufferSize = 1 << 16,
    };

    private static int ParseInt(string field, string path, long line, string name) =>
        int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Malformed(path, line, $"{name} '{Shorten(field)}' is not a whole number.");

    private static long ParseLong(string field, string path, long line, string name) =>
        long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Malformed(path, line, $"{name} '{Shorten(field)}' is not a whole number.");

    private static float ParseRating(string field, string path, long line)
    {
        if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !float.IsFinite(v))
            throw Malformed(path, line, $"rating '{Shorten(field)}' is not a number.");
        if (v < 0.5f || v > 5f)
            throw new MovieLensFormatException(MovieLensErrorKind.RatingOutOfRange, path, line,
                $"rating {field} is outside the MovieLens scale 0.5 to 5.", "Fix or remove that row.");
        return v;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    internal static MovieLensFormatException Malformed(string path, long line, string problem) =>
        new(MovieLensErrorKind.MalformedRow, path, line, problem, "Fix or remove that line.");

    private static MovieLensFormatException Empty(string path, long line, string problem) =>
        new(MovieLensErrorKind.EmptyFile, path, line, problem, "Check that the file was copied whole.");
}
