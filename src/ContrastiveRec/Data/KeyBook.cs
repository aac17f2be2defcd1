using System.Numerics;
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

    // The last id's bytes and code: a file grouped by user repeats each user's id row after row, and is then
    // coded without decoding or hashing.
    private byte[] _last = new byte[64];
    private int _lastLength = -1, _lastCode;

    /// <summary>The code of an id given as UTF-8 bytes (surrounding spaces trimmed); a new id gets the next code.</summary>
    public int Code(ReadOnlySpan<byte> field, string path, long line, string column)
    {
        field = field.Trim((byte)' ');
        if (field.IsEmpty) throw MovieLensReader.Malformed(path, line, $"{column} is empty: every row needs an id.");
        if (field.Length > MaxIdLength * 4)
            throw MovieLensReader.Malformed(path, line, $"{column} is {field.Length:N0} bytes long; ids are at most {MaxIdLength} characters.");
        if (field.Length == _lastLength && field.SequenceEqual(_last.AsSpan(0, _lastLength))) return _lastCode;
        if (Canonical(field, out var number)) return Remember(field, CodeOf(number));
        // An id's chars are at most its bytes; small ids (nearly all) stay on the stack, sized to the id, since a
        // stackalloc is zeroed on every call.
        Span<char> chars = field.Length <= 64 ? stackalloc char[field.Length] : new char[field.Length];
        int count;
        if (System.Text.Ascii.ToUtf16(field, chars, out count) != System.Buffers.OperationStatus.Done)
        {
            try
            {
                count = StrictUtf8.GetChars(field, chars);
            }
            catch (DecoderFallbackException)
            {
                throw MovieLensReader.Malformed(path, line, $"{column} holds bytes that are not UTF-8.");
            }
        }
        if (count > MaxIdLength)
            throw MovieLensReader.Malformed(path, line, $"{column} is {count:N0} characters long; ids are at most {MaxIdLength}.");
        return Remember(field, Code(chars[..count]));
    }

    private int Remember(ReadOnlySpan<byte> field, int code)
    {
        if (field.Length <= _last.Length)
        {
            field.CopyTo(_last);
            (_lastLength, _lastCode) = (field.Length, code);
        }
        return code;
    }

    // Whole numbers in canonical digits ("31", not "031" or "+31"): most files' ids, looked up by value rather than by
    // hashing their text. Both the byte and the char paths use it, so one id gets one code either way.
    private readonly Dictionary<int, int> _numbers = new();

    private static bool Canonical<T>(ReadOnlySpan<T> digits, out int value) where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 9 || (digits.Length > 1 && digits[0] == T.CreateTruncating('0'))) return false;
        foreach (var c in digits)
        {
            var digit = uint.CreateTruncating(c) - '0';
            if (digit > 9) return false;
            value = value * 10 + (int)digit;
        }
        return true;
    }

    private int CodeOf(int number)
    {
        if (_numbers.TryGetValue(number, out var code)) return code;
        code = Texts.Count;
        _numbers.Add(number, code);
        Texts.Add(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return code;
    }

    /// <summary>The code of a whole-number id (a Parquet integer column beside a text one).</summary>
    public int Code(int number) => number >= 0 ? CodeOf(number) : Code(number.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public int Code(ReadOnlySpan<char> id)
    {
        if (Canonical(id, out var number)) return CodeOf(number);
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
        if (parts.All(p => ReferenceEquals(p.Book, parts[0].Book))) return parts[0].Book.Texts.ToArray();
        var all = new KeyBook();
        var remaps = new Dictionary<KeyBook, int[]>(ReferenceEqualityComparer.Instance); // parts may share a book (a thread's)
        foreach (var (rows, book) in parts)
        {
            if (!remaps.TryGetValue(book, out var remap)) remaps[book] = remap = book.Texts.Select(t => all.Code(t)).ToArray();
            var rowSpan = column.AsSpan(rows.Start, rows.Count);
            for (var i = 0; i < rowSpan.Length; i++) rowSpan[i] = remap[rowSpan[i]];
        }
        return all.Texts.ToArray();
    }
}
