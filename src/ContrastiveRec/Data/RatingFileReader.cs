using System.Text;

namespace ContrastiveRec.Data;

/// <summary>
/// Reads any delimited ratings or interaction file (CSV, TSV, ';' or '|' separated, with a header) into a
/// <see cref="RatingSet"/>, on the MovieLens reader's own path from bytes to columns (the same parallel ranges, the same
/// errors with file and line): ids are kept as text (numbers when every id is one), ratings on any scale, no rating
/// column for implicit feedback, times as Unix seconds, milliseconds or ISO 8601 dates, or none.
/// </summary>
public static class RatingFileReader
{
    /// <param name="feedback">What the ratings mean (scale, relevance threshold, duplicates); a file read without a
    /// rating column is implicit whatever this says.</param>
    public static RatingSet Read(string path, RatingFileFormat? format = null, MovieLensReadOptions? options = null, FeedbackOptions? feedback = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        format ??= new RatingFileFormat();
        options ??= new MovieLensReadOptions();
        if (Directory.Exists(path))
            throw new MovieLensFormatException(MovieLensErrorKind.UnknownLayout, path, 0, "This is a folder; Import-RatingSet reads one file.",
                "Name the ratings or interactions file itself, or read a MovieLens folder with Import-MovieLens.");
        if (!File.Exists(path))
            throw new MovieLensFormatException(MovieLensErrorKind.PathNotFound, path, 0, "No such file.", "Check the path.");
        if (new FileInfo(path).Length == 0)
            throw new MovieLensFormatException(MovieLensErrorKind.EmptyFile, path, 1, "The file is empty.", "Check that the file was copied whole.");

        RatingColumns columns;
        RatingFileFormat resolved;
        if (ParquetRatingReader.IsParquet(path))
            columns = ParquetRatingReader.Read(path, options, names => Columns(names, format, path, null), out resolved);
        else
        {
            var delimiter = format.Delimiter ?? DetectDelimiter(path);
            resolved = format with { Delimiter = delimiter };
            var shape = new MovieLensReader.RatingShape(MovieLensLayout.Delimited, delimiter, Quoted: true, Generic: true, names =>
            {
                (var fields, resolved) = Columns(names, format with { Delimiter = delimiter }, path, delimiter);
                return fields;
            });
            columns = MovieLensReader.ReadRatings(path, shape, options);
        }
        options.CancellationToken.ThrowIfCancellationRequested();
        resolved = resolved with { Milliseconds = resolved.TimestampColumn is null ? null : ToSeconds(columns) };
        columns.HasTimes = resolved.TimestampColumn is not null;
        feedback ??= new FeedbackOptions();
        if (resolved.NoRating) feedback = feedback with { IsImplicit = true };
        var set = RatingSetAssembler.Assemble(Path.GetFullPath(path),
            new MovieLensFiles(MovieLensLayout.Delimited, path, null, null, null, null), columns, new MovieCatalogue(), 0, feedback);
        if (format.ItemPath is { } items)
        {
            var itemsPath = Path.GetFullPath(items);
            resolved = resolved with { ItemPath = itemsPath };
            set = ItemTable.Read(itemsPath, ct: options.CancellationToken).ApplyTo(set, unrated =>
                options.Warning?.Invoke($"{unrated:N0} item(s) of {Path.GetFileName(itemsPath)} were rated by no one in {Path.GetFileName(path)}: they are left out, since no model can rank them."));
        }
        else set = ItemTable.IdsAsTitles(set);
        return set.WithFormat(resolved).WithSplit(options.SplitMethod, options.TestFraction, options.Seed);
    }

    /// <summary>Milliseconds when any time is beyond what a date can hold in seconds: then every time is divided.</summary>
    private static bool ToSeconds(RatingColumns columns)
    {
        var times = columns.Times.AsSpan(0, columns.Count);
        var milliseconds = false;
        foreach (var t in times)
            if (t is > Rating.LatestTime or < Rating.EarliestTime) { milliseconds = true; break; }
        if (milliseconds) foreach (ref var t in times) t = Math.DivRem(t, 1000L) is var (q, r) && r < 0 ? q - 1 : q;
        return milliseconds;
    }

    /// <summary>The fields of each row from the header's names and what the user named; the header is required.</summary>
    private static (MovieLensReader.RatingFields Fields, RatingFileFormat Resolved) Columns(string[] names, RatingFileFormat format, string path,
        char? delimiter)
    {
        int Named(string? given, IReadOnlyList<string> candidates, string parameter, string what, bool required)
        {
            if (given is not null)
            {
                var i = InteractionFields.IndexOf(names, given);
                return i >= 0 ? i : throw ColumnNotFound(path, names, delimiter, $"There is no column '{given}' (given as -{parameter}).",
                    $"Give -{parameter} one of the header's names.");
            }
            var found = InteractionFields.IndexOf(names, candidates);
            if (found < 0 && required)
                throw ColumnNotFound(path, names, delimiter, $"No column is named for the {what} (looked for {string.Join(", ", candidates.Take(6))}, ...).",
                    $"Name it with -{parameter}; if the file has no header, add one as its first line.");
            return found;
        }
        var user = Named(format.UserColumn, InteractionFields.UserNames, "UserColumn", "user", true);
        var item = Named(format.ItemColumn, InteractionFields.ItemNames, "ItemColumn", "item", true);
        var rating = format.NoRating ? -1 : Named(format.RatingColumn, InteractionFields.RatingNames, "RatingColumn", "rating", false);
        var time = format.NoTimestamp ? -1 : Named(format.TimestampColumn, InteractionFields.TimestampNames, "TimestampColumn", "time", false);
        var used = new[] { user, item, rating, time }.Where(i => i >= 0).ToArray();
        if (used.Distinct().Count() != used.Length)
            throw ColumnNotFound(path, names, delimiter, "One column is named for two roles (user, item, rating, time).",
                "Name a different column for each with -UserColumn, -ItemColumn, -RatingColumn and -TimestampColumn.");
        string? Name(int i) => i < 0 ? null : names[i].Trim();
        var resolved = format with
        {
            UserColumn = Name(user), ItemColumn = Name(item), RatingColumn = Name(rating), TimestampColumn = Name(time),
            NoRating = rating < 0, NoTimestamp = time < 0,
        };
        return (new MovieLensReader.RatingFields(user, item, rating, time, names.Length)
        {
            UserName = Name(user)!, MovieName = Name(item)!, RatingName = Name(rating) ?? "rating", TimeName = Name(time) ?? "timestamp",
        }, resolved);
    }

    private static MovieLensFormatException ColumnNotFound(string path, string[] names, char? delimiter, string problem, string remedy) =>
        new(MovieLensErrorKind.ColumnNotFound, path, delimiter is null ? 0 : 1,
            $"{problem} {(delimiter is { } d ? $"The header, split at {(d == '\t' ? "tabs" : $"'{d}'")}," : "The file")} has {names.Length} column(s): {string.Join(", ", names.Take(12).Select(n => $"'{n}'"))}.",
            names.Length == 1 && delimiter is not null ? $"{remedy} If the file uses another separator, give it with -Delimiter." : remedy);

    private static readonly char[] Candidates = [',', '\t', ';', '|'];

    /// <summary>The separator the header line uses most (outside quotes); ',' when it uses none.</summary>
    internal static char DetectDelimiter(string path)
    {
        Span<byte> head = stackalloc byte[1 << 16];
        int read;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
            read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var line = head[..read];
        var end = line.IndexOf((byte)'\n');
        if (end >= 0) line = line[..end];
        var counts = new int[Candidates.Length];
        var quoted = false;
        foreach (var b in line)
        {
            if (b == '"') quoted = !quoted;
            else if (!quoted && Array.IndexOf(Candidates, (char)b) is var i and >= 0) counts[i]++;
        }
        var best = 0;
        for (var i = 1; i < counts.Length; i++) if (counts[i] > counts[best]) best = i;
        return counts[best] == 0 && Path.GetExtension(path).Equals(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : Candidates[best];
    }
}
