using System.Collections;
using System.Globalization;

namespace ContrastiveRec.Data;

/// <summary>
/// The ids of a set's users or of its movies, by dense index: whole numbers (ascending by value, as MovieLens ids
/// always were) or text kept exactly as given (ascending in natural order: "u-2" before "u-10"). An id is an
/// <see cref="object"/>: a boxed <see cref="int"/> or a <see cref="string"/>. Lookups are O(1) and accept either form
/// (a numeric table finds "31", a text table finds 31 as "31"). Immutable.
/// </summary>
public sealed class IdTable : IReadOnlyList<object>, IList<object>
{
    private readonly int[]? _numbers;
    private readonly string[]? _texts;
    private readonly Dictionary<int, int>? _numberIndex;
    private readonly Dictionary<string, int>? _textIndex;

    private IdTable(int[]? numbers, string[]? texts)
    {
        _numbers = numbers;
        _texts = texts;
        if (numbers is not null)
        {
            _numberIndex = new Dictionary<int, int>(numbers.Length);
            for (var i = 0; i < numbers.Length; i++) _numberIndex[numbers[i]] = i;
        }
        else
        {
            _textIndex = new Dictionary<string, int>(texts!.Length, StringComparer.Ordinal);
            for (var i = 0; i < texts.Length; i++) _textIndex[texts[i]] = i;
        }
    }

    /// <summary>Whole-number ids, already ascending and distinct (the caller's promise).</summary>
    public static IdTable OfNumbers(int[] ascending) => new(ascending ?? throw new ArgumentNullException(nameof(ascending)), null);

    /// <summary>Text ids, already in <see cref="CompareNatural"/> order and distinct (the caller's promise).</summary>
    public static IdTable OfTexts(string[] natural) => new(null, natural ?? throw new ArgumentNullException(nameof(natural)));

    /// <summary>
    /// The table of distinct texts in any order, with where each went: numeric when every text is the canonical
    /// decimal text of an int32 ("31", "-4"; not "007", "+3" or " 5"), else every id kept as text in natural order.
    /// <paramref name="indexOf"/>[i] is the dense index of <paramref name="distinctTexts"/>[i].
    /// </summary>
    public static IdTable FromTexts(IReadOnlyList<string> distinctTexts, out int[] indexOf)
    {
        ArgumentNullException.ThrowIfNull(distinctTexts);
        var n = distinctTexts.Count;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        indexOf = new int[n];
        var numbers = new int[n];
        var numeric = true;
        for (var i = 0; i < n && numeric; i++) numeric = TryCanonicalInt(distinctTexts[i], out numbers[i]);
        if (numeric)
        {
            Array.Sort(numbers, order);
            for (var d = 0; d < n; d++) indexOf[order[d]] = d;
            return OfNumbers(numbers);
        }
        var texts = new string[n];
        for (var i = 0; i < n; i++) texts[i] = distinctTexts[i];
        Array.Sort(texts, order, NaturalComparer.Instance);
        for (var d = 0; d < n; d++) indexOf[order[d]] = d;
        return OfTexts(texts);
    }

    /// <summary>Whether <paramref name="text"/> is exactly how an int32 is written: no sign but '-', no leading zeros, no spaces.</summary>
    public static bool TryCanonicalInt(string text, out int value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 11) return false;
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            && text[0] != '+' && text == value.ToString(CultureInfo.InvariantCulture);
    }

    public int Count => _numbers?.Length ?? _texts!.Length;

    /// <summary>True when the ids are text (not every id was a whole number).</summary>
    public bool IsText => _texts is not null;

    /// <summary>The id at a dense index: a boxed int, or the text as given.</summary>
    public object this[int index] => _numbers is not null ? _numbers[index] : _texts![index];

    /// <summary>The id's text, as a CSV cell writes it ("31", "u-17").</summary>
    public string TextAt(int index) => _numbers is not null ? _numbers[index].ToString(CultureInfo.InvariantCulture) : _texts![index];

    /// <summary>The whole-number ids (null for text ids), for the library's fast paths; never mutated.</summary>
    internal int[]? Numbers => _numbers;

    /// <summary>The text ids (null for numeric ids); never mutated.</summary>
    internal string[]? Texts => _texts;

    /// <summary>
    /// The dense index of an id given as a number (int, long, short, byte, a whole-valued double or decimal) or as
    /// text. False for any other value, and for an id that is not in the table.
    /// </summary>
    public bool TryGetIndex(object? id, out int index)
    {
        index = -1;
        if (_numbers is not null)
            return AsInt(id) is { } n && _numberIndex!.TryGetValue(n, out index);
        return AsText(id) is { } t && _textIndex!.TryGetValue(t, out index);
    }

    /// <summary>Whether both tables hold the same ids in the same order (and of the same kind).</summary>
    public bool SameIds(IdTable other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(this, other)) return true;
        if (_numbers is not null) return other._numbers is not null && _numbers.AsSpan().SequenceEqual(other._numbers);
        return other._texts is not null && _texts.AsSpan().SequenceEqual(other._texts);
    }

    /// <summary>A table of the ids at the given dense indices, in that order (which must keep the table's order).</summary>
    internal IdTable Subset(int[] ascendingIndices) => _numbers is not null
        ? OfNumbers(ascendingIndices.Select(i => _numbers[i]).ToArray())
        : OfTexts(ascendingIndices.Select(i => _texts![i]).ToArray());

    /// <summary>"1|2|3", "u-1|u-2" (a CSV cell), as <see cref="JoinedList{T}"/> writes a list.</summary>
    public override string ToString() => string.Join(JoinedList<object>.Separator, Enumerable.Range(0, Count).Select(TextAt));

    /// <summary>
    /// Natural order: runs of ASCII digits compare by value (leading zeros ignored), other characters ordinally; ties
    /// (such as "7" and "07") are broken ordinally, so the order is total and the same whatever the input order.
    /// </summary>
    public static int CompareNatural(string? a, string? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var si = i;
                while (si < a.Length && a[si] == '0') si++;
                var ei = si;
                while (ei < a.Length && char.IsAsciiDigit(a[ei])) ei++;
                var sj = j;
                while (sj < b.Length && b[sj] == '0') sj++;
                var ej = sj;
                while (ej < b.Length && char.IsAsciiDigit(b[ej])) ej++;
                if (ei - si != ej - sj) return (ei - si).CompareTo(ej - sj);
                var c = string.CompareOrdinal(a, si, b, sj, ei - si);
                if (c != 0) return c;
                i = ei;
                j = ej;
                continue;
            }
            if (a[i] != b[j]) return a[i].CompareTo(b[j]);
            i++;
            j++;
        }
        if (i < a.Length || j < b.Length) return i < a.Length ? 1 : -1;
        return string.CompareOrdinal(a, b);
    }

    private static int? AsInt(object? id) => id switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        short s => s,
        byte b => b,
        sbyte sb => sb,
        ushort us => us,
        uint ui when ui <= int.MaxValue => (int)ui,
        ulong ul when ul <= int.MaxValue => (int)ul,
        double d when d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
        float f when f == MathF.Floor(f) && f is >= int.MinValue and < int.MaxValue => (int)f,
        decimal m when m == decimal.Floor(m) && m is >= int.MinValue and <= int.MaxValue => (int)m,
        string t when int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) => v,
        _ => null,
    };

    private static string? AsText(object? id) => id switch
    {
        string t => t,
        int or long or short or byte or sbyte or ushort or uint or ulong => ((IFormattable)id).ToString(null, CultureInfo.InvariantCulture),
        double or float or decimal when AsInt(id) is { } n => n.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    public IEnumerator<object> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Read-only IList, so a JoinedList can wrap the table without copying it.
    object IList<object>.this[int index] { get => this[index]; set => throw ReadOnly(); }
    bool ICollection<object>.IsReadOnly => true;
    int IList<object>.IndexOf(object item) => TryGetIndex(item, out var i) && Equals(this[i], item) ? i : -1;
    bool ICollection<object>.Contains(object item) => ((IList<object>)this).IndexOf(item) >= 0;
    void ICollection<object>.CopyTo(object[] array, int arrayIndex)
    {
        for (var i = 0; i < Count; i++) array[arrayIndex + i] = this[i];
    }
    void IList<object>.Insert(int index, object item) => throw ReadOnly();
    void IList<object>.RemoveAt(int index) => throw ReadOnly();
    void ICollection<object>.Add(object item) => throw ReadOnly();
    void ICollection<object>.Clear() => throw ReadOnly();
    bool ICollection<object>.Remove(object item) => throw ReadOnly();
    private static NotSupportedException ReadOnly() => new("An id table is read-only.");

    /// <summary><see cref="CompareNatural"/> as a comparer.</summary>
    public sealed class NaturalComparer : IComparer<string>
    {
        public static NaturalComparer Instance { get; } = new();
        public int Compare(string? x, string? y) => CompareNatural(x, y);
    }
}
