using System.Text;

namespace ContrastiveRec.Data;

/// <summary>
/// The ids of one column of a generic ratings file as they are parsed: each distinct text gets a code, in the order
/// first seen. One book per range of the file (each range is parsed on its own thread); <see cref="Merge"/> then gives
/// the whole file one table and rewrites each range's codes into it, so <see cref="RatingColumns.UserTexts"/> and
/// <see cref="RatingColumns.MovieTexts"/> hold every id once, and the assembler decides whether they are numbers.
/// </summary>
internal sealed class KeyBook
{
    /// <summary>Longer ids are refused: no real id is this long, and a field that is must be a misread file.</summary>
    internal const int MaxIdLength = 256;

    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public KeyBook() => _lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();

    public List<string> Texts { get; } = new();

    /// <summary>The code of an id given as UTF-8 bytes (surrounding spaces trimmed); a new id gets the next code.</summary>
    public int Code(ReadOnlySpan<byte> field, string path, long line, string column)
    {
        field = field.Trim((byte)' ');
        if (field.IsEmpty) throw MovieLensReader.Malformed(path, line, $"{column} is empty: every row needs an id.");
        if (field.Length > MaxIdLength * 4)
            throw MovieLensReader.Malformed(path, line, $"{column} is {field.Length:N0} bytes long; ids are at most {MaxIdLength} characters.");
        // An id's chars are at most its bytes; small ids (nearly all) stay on the stack, sized to the id, since a
        // stackalloc is zeroed on every call.
        Span<char> chars = field.Length <= 64 ? stackalloc char[field.Length] : new char[field.Length];
        int count;
        try
        {
            count = StrictUtf8.GetChars(field, chars);
        }
        catch (DecoderFallbackException)
        {
            throw MovieLensReader.Malformed(path, line, $"{column} holds bytes that are not UTF-8.");
        }
        if (count > MaxIdLength)
            throw MovieLensReader.Malformed(path, line, $"{column} is {count:N0} characters long; ids are at most {MaxIdLength}.");
        return Code(chars[..count]);
    }

    public int Code(ReadOnlySpan<char> id)
    {
        if (_lookup.TryGetValue(id, out var code)) return code;
        var text = id.ToString();
        code = Texts.Count;
        _codes.Add(text, code);
        Texts.Add(text);
        return code;
    }

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    /// <summary>One table of users and one of movies for the whole file, in range order then first-seen order, and
    /// every range's rows (still where their writer put them) rewritten to its codes.</summary>
    public static void Merge(RatingColumns columns, (RatingColumns.Writer Rows, KeyBook Users, KeyBook Movies)[] parts)
    {
        columns.UserTexts = MergeColumn(columns.Users, parts.Select(p => (p.Rows, p.Users)).ToArray());
        columns.MovieTexts = MergeColumn(columns.Movies, parts.Select(p => (p.Rows, p.Movies)).ToArray());
    }

    private static string[] MergeColumn(int[] column, (RatingColumns.Writer Rows, KeyBook Book)[] parts)
    {
        if (parts.Length == 1) return parts[0].Book.Texts.ToArray();
        var all = new KeyBook();
        foreach (var (rows, book) in parts)
        {
            var remap = book.Texts.Select(t => all.Code(t)).ToArray();
            var rowSpan = column.AsSpan(rows.Start, rows.Count);
            for (var i = 0; i < rowSpan.Length; i++) rowSpan[i] = remap[rowSpan[i]];
        }
        return all.Texts.ToArray();
    }
}
