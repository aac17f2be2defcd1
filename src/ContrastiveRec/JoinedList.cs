using System.Collections.ObjectModel;
using System.Globalization;

namespace ContrastiveRec;

/// <summary>
/// A read-only list whose text is its items joined by '|' (MovieLens's genre separator), invariant culture.
/// </summary>
/// <remarks>
/// PowerShell's Export-Csv and ConvertTo-Csv write a property as its value's ToString(), so an array came out as
/// "System.String[]". A list that says its items keeps a script's <c>$r.Genres -contains 'Drama'</c>, indexing and
/// JSON arrays working. A types-file member could not do this: it shadows the .NET property, so the script would
/// see the joined string instead of the list.
/// </remarks>
public sealed class JoinedList<T> : ReadOnlyCollection<T>
{
    public const string Separator = "|";

    private readonly Func<T, string>? _format;

    /// <summary>Wraps <paramref name="items"/> without copying; <paramref name="format"/> writes one item (default: its invariant text).</summary>
    public JoinedList(IList<T> items, Func<T, string>? format = null) : base(items) => _format = format;

    public static JoinedList<T> Empty { get; } = new(Array.Empty<T>());

    public override string ToString() =>
        string.Join(Separator, this.Select(item => _format is not null ? _format(item)
            : item is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : item?.ToString()));
}
