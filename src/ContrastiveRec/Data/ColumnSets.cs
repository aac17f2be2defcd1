namespace ContrastiveRec.Data;

/// <summary>A RatingSet from columns in memory, through the readers' own assembler (ids, grouping, the feedback
/// options): for tests and core callers until the generic readers land. Row r is "line" r + 1 of <c>source</c>.</summary>
internal static class ColumnSets
{
    /// <param name="times">Unix seconds per row, or null for data without timestamps.</param>
    public static RatingSet Of(string source, int[] users, int[] movies, float[] ratings, long[]? times, FeedbackOptions? feedback = null)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(ratings);
        if (movies.Length != users.Length || ratings.Length != users.Length || (times is not null && times.Length != users.Length))
            throw new ArgumentException("Every column needs one value per row.");
        var raw = new RatingColumns(users.Length) { HasTimes = times is not null };
        var rows = raw.WriterAt(0, users.Length);
        for (var r = 0; r < users.Length; r++) rows.Add(users[r], movies[r], ratings[r], times?[r] ?? 0, r + 1);
        raw.Gather([rows]);
        var files = new MovieLensFiles(MovieLensLayout.Csv, source, null, null, null, null);
        return RatingSetAssembler.Assemble(source, files, raw, new MovieCatalogue(), 0, feedback ?? new FeedbackOptions());
    }
}
