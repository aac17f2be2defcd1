using System.Globalization;

namespace ContrastiveRec.Data;

/// <summary>
/// Which fields of an interaction (a row, an object) hold the user, the item (movie), the rating and the time, and how
/// their values are read. The default names are found case-insensitively among the first row's names, in the order
/// listed (userId before user); readers and cmdlets take them from here, one place.
/// </summary>
/// <param name="Timestamp">Null when the data has no time: every row then gets time 0.</param>
public sealed record InteractionFields(string User, string Item, string Rating, string? Timestamp)
{
    /// <summary>Names taken for the user, in order of preference.</summary>
    public static IReadOnlyList<string> UserNames { get; } =
        ["userId", "user_id", "user", "customer", "customer_id", "customerId", "visitor", "visitorid", "member"];

    /// <summary>Names taken for the item (the movie, for MovieLens), in order of preference.</summary>
    public static IReadOnlyList<string> ItemNames { get; } =
        ["movieId", "movie_id", "itemId", "item_id", "item", "product", "product_id", "productId", "sku", "article"];

    /// <summary>Names taken for the rating, in order of preference.</summary>
    public static IReadOnlyList<string> RatingNames { get; } = ["rating", "score", "stars", "value"];

    /// <summary>Names taken for the time, in order of preference.</summary>
    public static IReadOnlyList<string> TimestampNames { get; } = ["timestamp", "time", "date", "datetime", "created_at"];

    /// <summary>
    /// The fields of data whose rows have <paramref name="names"/>: each one given is kept as given, each one not given
    /// is the first default name present (as the data spells it).
    /// </summary>
    /// <exception cref="ContrastiveRecException">MissingProperty: no user, item or rating field is given or found.</exception>
    public static InteractionFields Find(IReadOnlyCollection<string> names, string? user = null, string? item = null, string? rating = null,
        string? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        string Required(string? given, IReadOnlyList<string> defaults, string role, string parameter) =>
            given ?? FirstPresent(names, defaults) ?? throw new ContrastiveRecException("MissingProperty", RefusalCategory.InvalidData,
                $"The first object has no {role} property: it has {Describe(names)}, and none is one of the names taken for the {role} ({string.Join(", ", defaults)}).",
                $"Name the {role} property with {parameter}.", names);
        return new(Required(user, UserNames, "user", "-UserProperty"), Required(item, ItemNames, "item", "-ItemProperty"),
            Required(rating, RatingNames, "rating", "-RatingProperty"), timestamp ?? FirstPresent(names, TimestampNames));
    }

    private static string? FirstPresent(IReadOnlyCollection<string> names, IReadOnlyList<string> candidates)
    {
        foreach (var candidate in candidates)
            foreach (var name in names)
                if (string.Equals(name, candidate, StringComparison.OrdinalIgnoreCase)) return name;
        return null;
    }

    private static string Describe(IReadOnlyCollection<string> names) =>
        names.Count == 0 ? "no properties" : string.Join(", ", names.Take(12).Select(n => $"'{n}'")) + (names.Count > 12 ? ", ..." : "");

    // ---- values ---------------------------------------------------------------------------------

    /// <summary>An id's text: text as given, a whole number (of any numeric type) in invariant digits, a fractional
    /// number or another formattable value as its invariant text; null for an empty or unsupported value.</summary>
    public static string? IdText(object? value) => value switch
    {
        null or DBNull => null,
        string s => s.Length == 0 ? null : s,
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        float f when f == MathF.Floor(f) && Math.Abs(f) < 1e15 => ((long)f).ToString(CultureInfo.InvariantCulture),
        decimal m when m == decimal.Floor(m) => decimal.Truncate(m).ToString(CultureInfo.InvariantCulture),
        char c => c.ToString(),
        Guid g => g.ToString(),
        IFormattable f and (IConvertible or Guid) => f.ToString(null, CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>A rating: any number, or text that is a number in invariant culture ("4.5"); finite.</summary>
    public static bool TryRating(object? value, out float rating)
    {
        rating = value switch
        {
            float f => f,
            double d => (float)d,
            decimal m => (float)m,
            int or long or short or byte or sbyte or ushort or uint or ulong => Convert.ToSingle(value, CultureInfo.InvariantCulture),
            string s when float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => float.NaN,
        };
        return float.IsFinite(rating);
    }

    /// <summary>Seconds since 1970-01-01 UTC that a date can hold (years 1 to 9999).</summary>
    public const long MinSeconds = -62_135_596_800, MaxSeconds = 253_402_300_799;

    /// <summary>
    /// A time in Unix seconds: a whole number is seconds already; a DateTime (a local or unspecified one is taken as
    /// UTC, as a date column without a zone is), a DateTimeOffset, or ISO 8601 text ("2024-03-01", "2024-03-01T12:00:00Z")
    /// is converted. False for anything else, and for seconds outside what a date can hold.
    /// </summary>
    public static bool TryTimestamp(object? value, out long seconds)
    {
        seconds = 0;
        long? whole = value switch
        {
            int or long or short or byte or sbyte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            ulong u when u <= long.MaxValue => (long)u,
            double d when d == Math.Floor(d) && Math.Abs(d) < 9e18 => (long)d,
            decimal m when m == decimal.Floor(m) && Math.Abs(m) < 9e18m => (long)m,
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)).ToUnixTimeSeconds(),
            DateTimeOffset dto => dto.ToUnixTimeSeconds(),
            string s => FromText(s.Trim()),
            _ => null,
        };
        if (whole is not { } w || w < MinSeconds || w > MaxSeconds) return false;
        seconds = w;
        return true;
    }

    private static long? FromText(string s)
    {
        if (s.Length == 0) return null;
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        // ISO 8601 only (a date first, year-month-day): "03/04/2024" means different days in different places.
        if (s.Length < 10 || !char.IsAsciiDigit(s[0]) || s[4] != '-' || s[7] != '-') return null;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUnixTimeSeconds() : null;
    }
}
