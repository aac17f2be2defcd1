using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;

namespace ContrastiveRec.Data;

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
        var catalogue = files.MoviesPath is null ? new MovieCatalogue() : ReadMovies(files);
        if (files.LinksPath is not null) ReadLinks(files.LinksPath, catalogue);
        var tags = files.TagsPath is null ? 0 : CountRows(files.TagsPath, files.Layout);
        options.CancellationToken.ThrowIfCancellationRequested();
        var set = RatingSetAssembler.Assemble(Path.GetFullPath(path), files, ratings, catalogue, tags);
        if (options.Warning is { } warn) foreach (var doubt in Doubts(path, files, set, catalogue)) warn(doubt);
        return set.WithSplit(options.SplitMethod, options.TestFraction, options.Seed);
    }

    /// <summary>What a careful reader would want to hear about a set that read without error.</summary>
    private static IEnumerable<string> Doubts(string path, MovieLensFiles files, RatingSet set, MovieCatalogue catalogue)
    {
        if (catalogue.Latin1Lines.Count > 0 && catalogue.Utf8Titles > 0)
            yield return $"{Path.GetFileName(files.MoviesPath)} mixes encodings: {catalogue.Utf8Titles:N0} title(s) are UTF-8 and {catalogue.Latin1Lines.Count:N0} are not, so they were read as Latin-1 (line {string.Join(", ", catalogue.Latin1Lines.Take(5))}). Check those titles, and re-save the file as UTF-8.";
        if (Directory.Exists(path) && MovieLensFiles.RatingsFilesIn(path) is { Length: > 1 } layouts)
            yield return $"The folder holds {string.Join(" and ", layouts)}; {Path.GetFileName(files.RatingsPath)} was read. Point -Path at the file you mean.";
        var users = set.Users.Numbers!.TakeWhile(id => id <= 0).Count(); // MovieLens ids are numbers, sorted ascending
        if (users > 0)
            yield return $"{users:N0} user id(s) are 0 or below (MovieLens ids start at 1), such as {set.Users[0]}: the file may not be MovieLens data.";
        var movies = set.Movies.Numbers!.TakeWhile(id => id <= 0).Count();
        if (movies > 0)
            yield return $"{movies:N0} movie id(s) are 0 or below (MovieLens ids start at 1), such as {set.Movies[0]}: the file may not be MovieLens data.";
        if (files.MoviesPath is not null)
        {
            var missing = Enumerable.Range(0, set.MovieCount).Where(m => set.TitleArray[m].Length == 0).ToArray();
            if (missing.Length > 0)
                yield return $"{missing.Length:N0} rated movie(s) are not in {Path.GetFileName(files.MoviesPath)}, such as {string.Join(", ", missing.Take(5).Select(m => set.Movies[m]))}: they have no title or genres.";
        }
        var garbled = set.TitleArray.Count(t => t.Contains('\uFFFD'));
        if (garbled > 0)
            yield return $"{garbled:N0} title(s) hold bytes that are not valid in the file's encoding (shown as \uFFFD), such as '{set.TitleArray.First(t => t.Contains('\uFFFD'))}': re-save the movies file as UTF-8.";
    }

    // ---- movies, links, tags -------------------------------------------------------------------

    private static MovieCatalogue ReadMovies(MovieLensFiles files)
    {
        var path = files.MoviesPath!;
        if (new FileInfo(path).Length == 0) throw Empty(path, 1, "The movies file is empty.");
        var encoding = files.Layout == MovieLensLayout.Csv ? Encoding.UTF8 : DetectEncoding(path);
        using var reader = Open(path, files.Layout, ratings: false, encoding);
        var genreNames = files.Layout == MovieLensLayout.Tab ? ReadGenreNames(files.GenresPath) : null;
        var catalogue = new MovieCatalogue();
        var first = true;
        while (reader.Read())
        {
            var line = reader.LineNumber;
            var isHeader = first && files.Layout == MovieLensLayout.Csv && IsHeader(reader, "movieId", "title", "genres");
            first = false;
            if (isHeader) continue;
            int id;
            string title;
            string[] genres;
            int year;
            if (files.Layout == MovieLensLayout.Tab)
            {
                if (reader.FieldCount < 5)
                    throw Malformed(path, line, $"Expected at least 5 '|'-separated fields (movie id|title|release date|video release date|IMDb URL|genre flags) but found {reader.FieldCount}.");
                id = ParseInt(reader.GetSpan(0), path, line, "movie id");
                title = TitleOf(reader, encoding, line, catalogue);
                var flags = new List<string>();
                for (var g = 5; g < reader.FieldCount && g - 5 < genreNames!.Length; g++)
                    if (reader.GetSpan(g).SequenceEqual("1"u8)) flags.Add(genreNames[g - 5]);
                genres = flags.ToArray();
                year = YearOf(title);
                if (year == 0 && DateTime.TryParseExact(reader.GetString(2), "dd-MMM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var released))
                    year = released.Year;
            }
            else
            {
                if (reader.FieldCount != 3)
                    throw Malformed(path, line, $"Expected 3 fields (movieId, title, genres) but found {reader.FieldCount}.");
                id = ParseInt(reader.GetSpan(0), path, line, "movieId");
                title = files.Layout == MovieLensLayout.Csv ? reader.GetString(1) : TitleOf(reader, encoding, line, catalogue);
                genres = SplitGenres(reader.GetString(2));
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

    private static void ReadLinks(string path, MovieCatalogue catalogue)
    {
        using var reader = Open(path, MovieLensLayout.Csv, ratings: false, Encoding.UTF8);
        var first = true;
        while (reader.Read())
        {
            var line = reader.LineNumber;
            var isHeader = first && IsHeader(reader, "movieId", "imdbId", "tmdbId");
            first = false;
            if (isHeader) continue;
            if (reader.FieldCount != 3)
                throw Malformed(path, line, $"Expected 3 fields (movieId, imdbId, tmdbId) but found {reader.FieldCount}.");
            var id = ParseInt(reader.GetSpan(0), path, line, "movieId");
            var imdb = reader.GetSpan(1).IsEmpty ? 0 : ParseInt(reader.GetSpan(1), path, line, "imdbId");
            var tmdb = reader.GetSpan(2).IsEmpty ? 0 : ParseInt(reader.GetSpan(2), path, line, "tmdbId");
            catalogue.Links[id] = (imdb, tmdb);
        }
    }

    private static int CountRows(string path, MovieLensLayout layout)
    {
        if (new FileInfo(path).Length == 0) return 0;
        using var reader = Open(path, layout, ratings: false, Encoding.UTF8);
        var rows = 0;
        var header = false;
        while (reader.Read())
        {
            if (rows == 0 && layout == MovieLensLayout.Csv) header = IsHeader(reader, "userId", "movieId", "tag", "timestamp");
            rows++;
        }
        return header ? rows - 1 : rows;
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

    // A .dat file that is not UTF-8 throughout is read as Latin-1, which maps each byte to one char, so the title's own
    // bytes are recovered and decoded on their own: UTF-8 when they are valid UTF-8, else Latin-1 (ml-1m's encoding).
    // One stray Latin-1 byte in a UTF-8 file then garbles nothing, instead of every accented title of the file.
    private static string TitleOf(CsvReader reader, Encoding encoding, long line, MovieCatalogue catalogue) =>
        encoding == Encoding.UTF8 ? reader.GetString(1) : DecodeTitle(Encoding.Latin1.GetBytes(reader.GetString(1)), line, catalogue);

    private static string DecodeTitle(ReadOnlySpan<byte> field, long line, MovieCatalogue catalogue)
    {
        if (!field.ContainsAnyExceptInRange((byte)0, (byte)0x7F)) return Encoding.ASCII.GetString(field);
        try
        {
            var title = StrictUtf8.GetString(field);
            catalogue.Utf8Titles++;
            return title;
        }
        catch (DecoderFallbackException)
        {
            catalogue.Latin1Lines.Add(line);
            return Encoding.Latin1.GetString(field);
        }
    }

    // ml-1m's movies.dat is Latin-1; later .dat releases are UTF-8. Strict UTF-8 decoding tells them apart.
    private static Encoding DetectEncoding(string path)
    {
        try
        {
            StrictUtf8.GetCharCount(File.ReadAllBytes(path));
            return Encoding.UTF8;
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1;
        }
    }

    // ---- parsing helpers --------------------------------------------------------------------------

    /// <summary>A CsvHelper reader for one file of a layout: "::" goes through a separator stream, and only
    /// the CSV layout quotes fields (ml-1m titles hold bare quotes that must stay literal).</summary>
    private static CsvReader Open(string path, MovieLensLayout layout, bool ratings, Encoding encoding)
    {
        var options = ReaderOptions(layout, encoding);
        if (layout == MovieLensLayout.DoubleColon)
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return CsvReader.Create(new CsvSeparatorStream(file, "::", CsvSeparatorStream.DefaultReplacement, false), options, false);
        }
        options = options with { Separator = layout == MovieLensLayout.Csv ? ',' : ratings ? '\t' : '|' };
        return CsvReader.FromFile(path, options);
    }

    private static CsvReaderOptions ReaderOptions(MovieLensLayout layout, Encoding encoding) => new()
    {
        HasHeader = false, // headers are recognised by content, so header-less files work too
        Mode = layout == MovieLensLayout.Csv ? CsvMode.Rfc4180 : CsvMode.NoEscape,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        DetectSeparatorHint = false,
        Encoding = encoding,
        BufferSize = 1 << 16,
    };

    // A header names its columns; a first row that merely fails to parse is a bad row, not a header to skip.
    private static bool IsHeader(string[] record, params string[] names) =>
        record.Any(f => names.Contains(f.Trim(), StringComparer.OrdinalIgnoreCase));

    private static bool IsHeader(CsvReader reader, params string[] names) =>
        IsHeader(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray(), names);

    // Plain digits (all MovieLens numbers) are parsed inline: the general parsers (signs, spaces, exponents) cost more
    // than reading the CSV itself. Anything else goes to them, so what is accepted and every message stay theirs.
    private static int ParseInt(ReadOnlySpan<byte> field, string path, long line, string name) =>
        TryDigits(field, 9, out var d) ? (int)d
        : HasNoNul(field) && int.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
        : throw NotANumber(field, path, line, name, int.MinValue, int.MaxValue);

    private static long ParseLong(ReadOnlySpan<byte> field, string path, long line, string name) =>
        TryDigits(field, 18, out var d) ? d
        : HasNoNul(field) && long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
        : throw NotANumber(field, path, line, name, long.MinValue, long.MaxValue);

    // .NET's number parsers ignore trailing NUL characters ("2\0" parses as 2): a NUL is never part of a number here.
    private static bool HasNoNul(ReadOnlySpan<byte> field) => !field.Contains((byte)0);

    // A whole number too large for its column is not "not a whole number": say which bound it passes.
    // A field longer than any number of its column is out of range or not a number without parsing it: a big-integer
    // parse of millions of digits takes minutes (quadratic), and such a field must cost no more than reading it.
    private static MovieLensFormatException NotANumber(ReadOnlySpan<byte> field, string path, long line, string name, long min, long max) =>
        HasNoNul(field) && IsWhole(field.Trim((byte)' '))
            ? Malformed(path, line, string.Create(CultureInfo.InvariantCulture,
                $"{name} '{Shorten(field)}' is out of range: it must be from {min:N0} to {max:N0}."))
            : Malformed(path, line, $"{name} '{Shorten(field)}' is not a whole number.");

    private static float ParseRating(ReadOnlySpan<byte> field, string path, long line)
    {
        if (!TryPlainDecimal(field, out var v)
            && (!HasNoNul(field) || !float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out v) || !float.IsFinite(v)))
            throw Malformed(path, line, $"rating '{Shorten(field)}' is not a number.");
        if (!Rating.IsOnScale(v))
            throw new MovieLensFormatException(MovieLensErrorKind.RatingOutOfRange, path, line,
                $"rating {Shorten(field)} is outside the MovieLens scale 0.5 to 5.", "Fix or remove that row.");
        return v;
    }

    /// <summary>Any finite number (a generic file's ratings are on its own scale).</summary>
    private static float ParseNumber(ReadOnlySpan<byte> field, string path, long line, string name)
    {
        field = field.Trim((byte)' ');
        if (TryPlainDecimal(field, out var v)) return v;
        if (HasNoNul(field) && float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && float.IsFinite(v)) return v;
        throw Malformed(path, line, $"{name} '{Shorten(field)}' is not a number.");
    }


    /// <summary>A generic file's time: a whole number (Unix seconds, or milliseconds: the reader decides for the whole
    /// column once it is read) or an ISO 8601 date, in seconds. A number no date can hold is refused here, with its line.</summary>
    private static long ParseTime(ReadOnlySpan<byte> field, string path, long line, string name)
    {
        field = field.Trim((byte)' ');
        if (TryDigits(field, 18, out var d) || HasNoNul(field) && long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out d))
            return d is >= Rating.EarliestTime * 1000 and <= Rating.LatestTime * 1000 ? d
                : throw Malformed(path, line, $"{name} {Shorten(field)} is beyond what a date can hold, in seconds or milliseconds since 1970.");
        Span<char> chars = stackalloc char[64];
        if (field.Length <= chars.Length && Encoding.UTF8.TryGetChars(field, chars, out var n)
            && DateTimeOffset.TryParse(chars[..n], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            return date.ToUnixTimeSeconds();
        throw Malformed(path, line,
            $"{name} '{Shorten(field)}' is neither a whole number (Unix seconds or milliseconds) nor a date such as 2024-03-01 or 2024-03-01T12:30:00Z.");
    }

    /// <summary>1 to <paramref name="most"/> ASCII digits, nothing else.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called per field from the first row: skip the slow first tier
    private static bool TryDigits(ReadOnlySpan<byte> field, int most, out long value)
    {
        value = 0;
        if (field.IsEmpty || field.Length > most) return false;
        foreach (var b in field)
        {
            var digit = (uint)(b - '0');
            if (digit > 9) return false;
            value = value * 10 + digit;
        }
        return true;
    }

    /// <summary>"d", "d.d" and the like with at most 7 digits in all: n / 10^k with both exact in a float, so the one
    /// correctly rounded division gives the very value float.Parse does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryPlainDecimal(ReadOnlySpan<byte> field, out float value)
    {
        value = 0;
        var point = field.IndexOf((byte)'.');
        var whole = point < 0 ? field : field[..point];
        var fraction = point < 0 ? ReadOnlySpan<byte>.Empty : field[(point + 1)..];
        if (whole.IsEmpty || point >= 0 && fraction.IsEmpty || whole.Length + fraction.Length > 7) return false;
        if (!TryDigits(whole, 7, out var n)) return false;
        if (!fraction.IsEmpty)
        {
            if (!TryDigits(fraction, 7, out var f)) return false;
            n = n * Pow10[fraction.Length] + f;
        }
        value = (float)n / Pow10[fraction.Length];
        return true;
    }

    private static readonly int[] Pow10 = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000 };

    // An optional sign, then digits only (any length: whether it fits is not asked here).
    private static bool IsWhole(ReadOnlySpan<byte> field)
    {
        if (!field.IsEmpty && field[0] is (byte)'+' or (byte)'-') field = field[1..];
        return !field.IsEmpty && !field.ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }

    private static string Shorten(ReadOnlySpan<byte> field)
    {
        if (field.Length > 160) field = field[..160]; // only the start is shown
        var s = Encoding.UTF8.GetString(field);
        if (s.Length > 40) s = s[..40] + "…";
        return VisibleText.Of(s);
    }

    internal static MovieLensFormatException Malformed(string path, long line, string problem) =>
        new(MovieLensErrorKind.MalformedRow, path, line, problem, "Fix or remove that line.");

    /// <summary>A timestamp no date can hold: milliseconds (or microseconds) where seconds belong, most often.</summary>
    internal static MovieLensFormatException TimestampOutOfRange(string path, long line, long seconds) =>
        new(MovieLensErrorKind.TimestampOutOfRange, path, line,
            string.Create(CultureInfo.InvariantCulture,
                $"timestamp {seconds} is not a date: as Unix seconds it lies outside the years 1 to 9999 (is it in milliseconds?)."),
            "Give timestamps in Unix seconds (divide milliseconds by 1000), or fix that line.");

    private static MovieLensFormatException Empty(string path, long line, string problem) =>
        new(MovieLensErrorKind.EmptyFile, path, line, problem, "Check that the file was copied whole.");
}
