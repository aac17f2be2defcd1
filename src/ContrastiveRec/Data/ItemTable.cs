using System.Globalization;

namespace ContrastiveRec.Data;

/// <summary>
/// Names for the items of a set that is not MovieLens: each item's id, a title and categories (the genres of data that
/// is not movies), read from a file with a header (CSV, TSV, ';' or '|' separated) or given as rows. Applied to a set,
/// recommendations, cluster top items and the report show the titles; an item the table lacks keeps its id as title,
/// and a table's item that nobody rated is left out (no model can rank it). One item per row.
/// </summary>
public sealed class ItemTable
{
    public static IReadOnlyList<string> TitleNames { get; } = ["title", "name", "itemName", "productName", "label", "displayName"];
    public static IReadOnlyList<string> CategoryNames { get; } = ["genres", "genre", "categories", "category", "tags", "department", "type"];

    private readonly Dictionary<string, (string Title, string[] Categories, long Line)> _items = new(StringComparer.Ordinal);

    private ItemTable(string source) => Source = source;

    /// <summary>The file read, or "the pipeline".</summary>
    public string Source { get; }
    public int Count => _items.Count;

    /// <summary>Reads an item table. <paramref name="itemColumn"/>, <paramref name="titleColumn"/> and
    /// <paramref name="categoryColumn"/> name columns; null: found from the header (<see cref="InteractionFields.ItemNames"/>,
    /// <see cref="TitleNames"/>, <see cref="CategoryNames"/>). Categories are separated by '|' (or ';').</summary>
    /// <exception cref="MovieLensFormatException">PathNotFound, EmptyFile, ColumnNotFound, MalformedRow (a row without
    /// an id, an item listed twice), with the file and line.</exception>
    public static ItemTable Read(string path, string? itemColumn = null, string? titleColumn = null, string? categoryColumn = null,
        char? delimiter = null, CancellationToken ct = default)
    {
        if (!File.Exists(path))
            throw new MovieLensFormatException(MovieLensErrorKind.PathNotFound, path, 0, "No such item table.", "Check the path given as -ItemPath.");
        if (new FileInfo(path).Length == 0)
            throw new MovieLensFormatException(MovieLensErrorKind.EmptyFile, path, 1, "The item table is empty.", "Give a file with a header and one row per item.");
        var separator = delimiter ?? RatingFileReader.DetectDelimiter(path);
        using var reader = MovieLensReader.OpenDelimited(path, separator);
        if (!reader.Read())
            throw new MovieLensFormatException(MovieLensErrorKind.EmptyFile, path, 1, "The item table is empty.", "Give a file with a header and one row per item.");
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray();
        int Column(string? given, IReadOnlyList<string> candidates, string what, bool required)
        {
            var i = given is null ? InteractionFields.IndexOf(names, candidates) : InteractionFields.IndexOf(names, given);
            if (i < 0 && (required || given is not null))
                throw new MovieLensFormatException(MovieLensErrorKind.ColumnNotFound, path, 1,
                    $"{(given is null ? $"No column of the item table is named for the {what}" : $"The item table has no column '{given}'")}; its columns are {string.Join(", ", names.Take(12).Select(n => $"'{n}'"))}.",
                    $"Give the item table a header naming its columns, such as itemId,title,categories (the names taken are listed in about_ContrastiveRec_Data).");
            return i;
        }
        var id = Column(itemColumn, InteractionFields.ItemNames, "item", true);
        var title = Column(titleColumn, TitleNames, "title", false);
        var categories = Column(categoryColumn, CategoryNames, "categories", false);
        var table = new ItemTable(Path.GetFullPath(path));
        while (reader.Read())
        {
            if ((reader.LineNumber & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            var line = reader.LineNumber;
            if (reader.FieldCount != names.Length)
                throw MovieLensReader.Malformed(path, line, $"Expected {names.Length} fields, as the header has, but found {reader.FieldCount}.");
            table.Add(reader.GetString(id), title < 0 ? null : reader.GetString(title), categories < 0 ? null : reader.GetString(categories), line, path);
        }
        return table;
    }

    /// <summary>A table from rows given one at a time (ConvertTo-RatingSet -ItemTable): id, title, categories.</summary>
    public static ItemTable FromRows(IEnumerable<(object? Id, string? Title, string? Categories)> rows)
    {
        var table = new ItemTable("the pipeline");
        long n = 0;
        foreach (var (id, title, categories) in rows) table.Add(id is null ? "" : Convert.ToString(id, CultureInfo.InvariantCulture)!, title, categories, ++n, "the item table");
        return table;
    }

    private void Add(string id, string? title, string? categories, long line, string path)
    {
        id = id.Trim();
        if (id.Length == 0) throw MovieLensReader.Malformed(path, line, "The item id is empty: every row of the item table needs one.");
        var parts = string.IsNullOrWhiteSpace(categories) || categories == "(no genres listed)"
            ? Array.Empty<string>()
            : categories.Split(categories.Contains('|') ? '|' : ';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(string.Intern).ToArray();
        if (!_items.TryAdd(id, (string.IsNullOrWhiteSpace(title) ? id : title.Trim(), parts, line)))
            throw MovieLensReader.Malformed(path, line, $"Item '{id}' is listed twice (first at row {_items[id].Line}).");
    }

    /// <summary>The set with this table's titles and categories (each item's id as its title when the table lacks it).
    /// <paramref name="unrated"/> is told how many of the table's items no one rated.</summary>
    public RatingSet ApplyTo(RatingSet set, Action<int>? unrated = null)
    {
        var m = set.MovieCount;
        var titles = new string[m];
        var years = new int[m];
        var genres = new string[m][];
        var found = 0;
        for (var i = 0; i < m; i++)
        {
            var key = set.Movies.TextAt(i);
            if (_items.TryGetValue(key, out var item))
            {
                found++;
                titles[i] = item.Title;
                genres[i] = item.Categories;
                years[i] = MovieLensReader.YearOf(item.Title);
            }
            else
            {
                titles[i] = key;
                genres[i] = Array.Empty<string>();
            }
        }
        if (found < Count) unrated?.Invoke(Count - found);
        return set.WithCatalogue(titles, years, genres);
    }

    /// <summary>The set with each item's id as its title (a set read without an item table).</summary>
    internal static RatingSet IdsAsTitles(RatingSet set) => new ItemTable("none").ApplyTo(set);
}
