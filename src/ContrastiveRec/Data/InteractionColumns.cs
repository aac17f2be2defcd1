namespace ContrastiveRec.Data;

/// <summary>
/// The names a header (or an object's properties) is searched for when the user does not say which column holds what.
/// Names match ignoring case and any '_', '-', '.' or space ("customer_id" is "CustomerId"); the first name in each
/// list that the header has wins. One list for files and for objects from the pipeline.
/// </summary>
public static class InteractionColumns
{
    public static IReadOnlyList<string> UserNames { get; } =
        ["userId", "user", "uid", "customerId", "customer", "clientId", "client", "visitorId", "visitor", "memberId", "member",
         "accountId", "account", "reviewerId", "reviewer", "personId", "person", "sessionId", "session"];

    public static IReadOnlyList<string> ItemNames { get; } =
        ["itemId", "item", "iid", "movieId", "movie", "productId", "product", "sku", "articleId", "article", "bookId", "book",
         "isbn", "asin", "trackId", "track", "songId", "song", "contentId", "content", "objectId"];

    public static IReadOnlyList<string> RatingNames { get; } =
        ["rating", "ratings", "score", "stars", "star", "grade", "value", "preference", "weight"];

    public static IReadOnlyList<string> TimestampNames { get; } =
        ["timestamp", "time", "ts", "datetime", "date", "eventTime", "createdAt", "created", "when"];

    /// <summary>The index of the first of <paramref name="candidates"/> among <paramref name="names"/>, or -1.</summary>
    public static int Find(IReadOnlyList<string> names, IEnumerable<string> candidates)
    {
        var keys = names.Select(Key).ToArray();
        foreach (var candidate in candidates)
        {
            var i = Array.IndexOf(keys, Key(candidate));
            if (i >= 0) return i;
        }
        return -1;
    }

    /// <summary>The index of the column named <paramref name="name"/> (same matching), or -1.</summary>
    public static int Find(IReadOnlyList<string> names, string name) => Find(names, [name]);

    private static string Key(string name) =>
        string.Concat(name.Trim().Where(c => c is not ('_' or '-' or '.' or ' '))).ToLowerInvariant();
}
