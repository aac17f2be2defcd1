using System.Globalization;

namespace ContrastiveRec.Data;

/// <summary>
/// Which fields of an interaction (a row, an object) hold the user, the item (movie), the rating and the time, and how
/// their values are read. One home for files (Import-RatingSet's columns) and objects (ConvertTo-RatingSet's
/// properties): when the user does not name a field, the first of the names below that the data has is taken, matching
/// names ignoring case and any '_', '-', '.' or space ("customer_id" is "CustomerId").
/// </summary>
/// <param name="Rating">Null when the data has no rating: implicit feedback, every interaction relevant.</param>
/// <param name="Timestamp">Null when the data has no time: the set then has no timestamps.</param>
public sealed record InteractionFields(string User, string Item, string? Rating, string? Timestamp)
{
    /// <summary>Names taken for the user, in order of preference.</summary>
    public static IReadOnlyList<string> UserNames { get; } =
        ["userId", "user", "uid", "customerId", "customer", "clientId", "client", "visitorId", "visitor", "memberId", "member",
         "accountId", "account", "reviewerId", "reviewer", "personId", "person", "sessionId", "session"];

    /// <summary>Names taken for the item (the movie, for MovieLens), in order of preference.</summary>
    public static IReadOnlyList<string> ItemNames { get; } =
        ["itemId", "item", "iid", "movieId", "movie", "productId", "product", "sku", "articleId", "article", "bookId", "book",
         "isbn", "asin", "trackId", "track", "songId", "song", "contentId", "content", "objectId"];

    /// <summary>Names taken for the rating, in order of preference; data with none of them is implicit feedback.</summary>
    public static IReadOnlyList<string> RatingNames { get; } =
        ["rating", "ratings", "score", "stars", "star", "grade", "value", "preference", "weight"];

    /// <summary>Names taken for the time, in order of preference.</summary>
    public static IReadOnlyList<string> TimestampNames { get; } =
        ["timestamp", "time", "ts", "datetime", "date", "eventTime", "createdAt", "created", "when"];

    /// <summary>
    /// The fields of data whose rows have <paramref name="names"/>: each one given is kept as given, each one not given
    /// is the first default name present (as the data spells it). No rating field (or <paramref name="noRating"/>)
    /// means implicit feedback.
    /// </summary>
    /// <exception cref="ContrastiveRecException">MissingProperty: no user or item field is given or found.</exception>
    public static InteractionFields Find(IReadOnlyCollection<string> names, string? user = null, string? item = null, string? rating = null,
        string? timestamp = null, bool noRating = false)
    {
        ArgumentNullException.ThrowIfNull(names);
        var list = names.ToList();
        string? FirstPresent(IReadOnlyList<string> candidates) => IndexOf(list, candidates) is var i and >= 0 ? list[i] : null;
        string Required(string? given, IReadOnlyList<string> defaults, string role, string parameter) =>
            given ?? FirstPresent(defaults) ?? throw new ContrastiveRecException("MissingProperty", RefusalCategory.InvalidData,
                $"The first object has no {role} property: it has {Describe(names)}, and none is one of the names taken for the {role} ({string.Join(", ", defaults.Take(8))}, ...).",
                $"Name the {role} property with {parameter}.", names);
        return new(Required(user, UserNames, "user", "-UserProperty"), Required(item, ItemNames, "item", "-ItemProperty"),
            noRating ? null : rating ?? FirstPresent(RatingNames), timestamp ?? FirstPresent(TimestampNames));
    }

    /// <summary>The index of the first of <paramref name="candidates"/> among <paramref name="names"/> (matched as the
    /// class says), or -1.</summary>
    public static int IndexOf(IReadOnlyList<string> names, IEnumerable<string> candidates)
    {
        var keys = names.Select(Key).ToArray();
        foreach (var candidate in candidates)
        {
            var i = Array.IndexOf(keys, Key(candidate));
            if (i >= 0) return i;
        }
        return -1;
    }

    /// <summary>The index of the field named <paramref name="name"/> (same matching), or -1.</summary>
    public static int IndexOf(IReadOnlyList<string> names, string name) => IndexOf(names, [name]);

    private static string Key(string name) =>
        string.Concat(name.Trim().Where(c => c is not ('_' or '-' or '.' or ' '))).ToLowerInvariant();

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
    public static bool TryTimestamp(object? value, out long seconds) =>
        TryTimestamp(value, out seconds, out var milliseconds) && !milliseconds;

    /// <summary>As <see cref="TryTimestamp(object?, out long)"/>, but a whole number beyond what a date holds in seconds
    /// and within it in milliseconds is taken, as milliseconds (<paramref name="milliseconds"/>; <paramref name="time"/>
    /// is then as given): the caller decides for the whole column, as the file reader does.</summary>
    public static bool TryTimestamp(object? value, out long time, out bool milliseconds)
    {
        time = 0;
        milliseconds = false;
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
        if (whole is not { } w) return false;
        if (w is < MinSeconds or > MaxSeconds)
        {
            if (value is DateTime or DateTimeOffset or string || w < MinSeconds * 1000 || w > MaxSeconds * 1000) return false;
            milliseconds = true;
        }
        time = w;
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
