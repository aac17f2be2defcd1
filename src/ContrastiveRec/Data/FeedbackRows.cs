namespace ContrastiveRec.Data;

/// <summary>What <see cref="RatingSetAssembler"/> does with rows as the <see cref="FeedbackOptions"/> say: checks them
/// (ratings on a given scale, timestamps that are dates) and collapses a (user, item) pair given more than once.</summary>
internal static class FeedbackRows
{
    /// <summary>Refuses, with its line, the first rating off a given scale (explicit data) and the first timestamp that
    /// is no date (milliseconds taken for seconds).</summary>
    public static void Check(string path, RatingColumns raw, FeedbackOptions feedback)
    {
        var scale = feedback.IsImplicit ? null : feedback.Scale;
        for (var r = 0; r < raw.Count; r++)
        {
            if (!feedback.IsImplicit && !float.IsFinite(raw.Ratings[r]))
                throw MovieLensReader.Malformed(path, raw.LineOf(r), "the rating is not a finite number.");
            if (scale is not null && !scale.Contains(raw.Ratings[r]))
                throw new MovieLensFormatException(MovieLensErrorKind.RatingOutOfRange, path, raw.LineOf(r),
                    FormattableString.Invariant($"rating {raw.Ratings[r]} is outside the scale {scale}."),
                    "Fix or remove that row, or give the scale the data is on.");
            if (raw.HasTimes && !Rating.IsDate(raw.Times[r]))
                throw MovieLensReader.TimestampOutOfRange(path, raw.LineOf(r), raw.Times[r]);
        }
    }

    /// <summary>The set's feedback: the options resolved against the ratings kept (counts, for implicit data).</summary>
    public static Feedback Resolve(FeedbackOptions feedback, float[] ratings)
    {
        float lowest = ratings.Length == 0 ? 0 : float.MaxValue, highest = ratings.Length == 0 ? 0 : float.MinValue;
        foreach (var r in ratings)
        {
            if (r < lowest) lowest = r;
            if (r > highest) highest = r;
        }
        return feedback.Resolve(lowest, highest);
    }

    /// <summary>
    /// One row per (user, item), at the place of the pair's first row so that a user's rows keep their input order:
    /// implicit data gets the number of rows as its rating (each row an interaction) and the latest timestamp;
    /// explicit data the last row's rating and time (KeepLast) or the mean rating and the latest time (Mean).
    /// </summary>
    public static (int[] Offsets, int[] Movies, float[] Ratings, long[]? Times) Collapse(
        int[] offsets, int[] movies, float[] ratings, long[]? times, FeedbackOptions feedback)
    {
        var users = offsets.Length - 1;
        var outOffsets = new int[offsets.Length];
        var w = 0;
        var order = new int[16];
        for (var u = 0; u < users; u++)
        {
            int start = offsets[u], n = offsets[u + 1] - start;
            if (order.Length < n) order = new int[Math.Max(n, order.Length * 2)];
            for (var i = 0; i < n; i++) order[i] = start + i;
            // By item, then input order: each pair's rows are a run with its first and last row at the ends.
            Array.Sort(order, 0, n, Comparer<int>.Create((a, b) => movies[a] != movies[b] ? movies[a].CompareTo(movies[b]) : a.CompareTo(b)));
            var runs = new List<(int First, int Movie, float Rating, long Time)>();
            for (var i = 0; i < n;)
            {
                var j = i + 1;
                while (j < n && movies[order[j]] == movies[order[i]]) j++;
                int first = order[i], last = order[j - 1], count = j - i;
                long time = 0;
                if (times is not null)
                {
                    time = times[last];
                    if (feedback.IsImplicit || feedback.Duplicates == DuplicatePolicy.Mean)
                        for (var k = i; k < j; k++) time = Math.Max(time, times[order[k]]);
                }
                float rating;
                if (feedback.IsImplicit) rating = count;
                else if (feedback.Duplicates == DuplicatePolicy.KeepLast || count == 1) rating = ratings[last];
                else
                {
                    double sum = 0;
                    for (var k = i; k < j; k++) sum += ratings[order[k]];
                    rating = (float)(sum / count);
                }
                runs.Add((first, movies[first], rating, time));
                i = j;
            }
            runs.Sort((a, b) => a.First.CompareTo(b.First));
            // Rows only move down (w <= start), and this user's rows were read into runs before any is written.
            foreach (var (_, movie, rating, time) in runs)
            {
                movies[w] = movie;
                ratings[w] = rating;
                if (times is not null) times[w] = time;
                w++;
            }
            outOffsets[u + 1] = w;
        }
        if (w == movies.Length) return (outOffsets, movies, ratings, times);
        return (outOffsets, movies[..w], ratings[..w], times?[..w]);
    }
}
