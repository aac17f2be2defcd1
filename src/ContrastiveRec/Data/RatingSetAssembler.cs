namespace ContrastiveRec.Data;

/// <summary>Turns raw columns (file order, MovieLens ids or codes into texts) into a RatingSet: dense ids, rows grouped by
/// user, no duplicates (refused, or collapsed as the feedback options say: <see cref="FeedbackRows"/>). The one path from
/// rows read to a set, for every reader.</summary>
internal static class RatingSetAssembler
{
    /// <summary>How MovieLens files are read: their scale, refused duplicates.</summary>
    internal static readonly FeedbackOptions MovieLensFeedback = new() { Scale = RatingScale.MovieLens };

    // Ids up to this bound are mapped through a flat array rather than a dictionary (MovieLens ids stay far below it).
    private const int FlatMapLimit = 1 << 25;

    public static RatingSet Assemble(string source, MovieLensFiles files, RatingColumns raw, MovieCatalogue catalogue, int tagCount,
        FeedbackOptions? feedback = null) =>
        Assemble(source, files.Layout, files.RatingsPath, raw, catalogue, tagCount, feedback);

    /// <summary>Assembles rows whose <see cref="RatingColumns.Users"/> and <see cref="RatingColumns.Movies"/> are ids, or, when
    /// <see cref="RatingColumns.UserTexts"/> / <see cref="RatingColumns.MovieTexts"/> are set, codes into those texts.
    /// <paramref name="origin"/> names the rows' origin in errors (a file, or the pipeline).</summary>
    /// <param name="feedback">What the ratings mean; null for a MovieLens file, whose reader has already checked each
    /// rating and timestamp. Otherwise each row is checked here (ratings on a given scale, timestamps that are dates).</param>
    public static RatingSet Assemble(string source, MovieLensLayout layout, string origin, RatingColumns raw, MovieCatalogue catalogue, int tagCount,
        FeedbackOptions? feedback = null)
    {
        var n = raw.Count;
        if (feedback is not null) FeedbackRows.Check(origin, raw, feedback);
        feedback ??= MovieLensFeedback;
        // Text codes become dense indices first (the table decides numeric or text, and the order); the grouping below
        // then works on those indices as it works on MovieLens ids.
        var userTable = raw.UserTexts is { } userTexts ? Recode(userTexts, raw.Users, n) : null;
        IdTable? movieTable = null;
        if (raw.MovieTexts is { } movieTexts)
        {
            if (catalogue.Ids.Count > 0) throw new InvalidOperationException("A catalogue of MovieLens ids cannot name text-coded movies.");
            movieTable = Recode(movieTexts, raw.Movies, n);
        }

        // Users: dense indices in ascending id order; rows grouped by user (stable, so file order is kept within a user).
        int[] userIds, offsets;
        int[]? permutation = null; // new row -> file row, only when the file was not already grouped by user
        if (IsNonDecreasing(raw.Users, n))
            (userIds, offsets) = Runs(raw.Users, n); // every MovieLens CSV: one pass
        else
        {
            userIds = DistinctSorted(raw.Users, n);
            var userMap = IdMap.Create(userIds);
            offsets = new int[userIds.Length + 1];
            for (var r = 0; r < n; r++) offsets[userMap[raw.Users[r]] + 1]++;
            for (var u = 0; u < userIds.Length; u++) offsets[u + 1] += offsets[u];
            permutation = new int[n];
            var next = (int[])offsets.Clone();
            for (var r = 0; r < n; r++) permutation[next[userMap[raw.Users[r]]]++] = r;
            Permute(ref raw.Movies, permutation);
            Permute(ref raw.Ratings, permutation);
            if (raw.HasTimes) Permute(ref raw.Times, permutation);
        }
        raw.Users = Array.Empty<int>(); // the offsets replace it

        // Movies: the catalogue plus any rated movie it lacks, in ascending id order.
        var movieIds = DistinctSorted(raw.Movies, n, catalogue.Ids);
        var movieMap = IdMap.Create(movieIds);
        var movies = raw.Movies;
        for (var r = 0; r < n; r++) movies[r] = movieMap[movies[r]];
        var users = userTable ?? IdTable.OfNumbers(userIds);
        var movieIdTable = movieTable ?? IdTable.OfNumbers(movieIds);

        var ratings = raw.Ratings;
        long[]? times = raw.HasTimes ? raw.Times : null;
        if (feedback.IsImplicit || feedback.Duplicates != DuplicatePolicy.Refuse)
            (offsets, movies, ratings, times) = FeedbackRows.Collapse(offsets, movies, ratings, times, feedback);
        else
            CheckNoDuplicates(origin, offsets, movies, movieIdTable, row => raw.LineOf(permutation is null ? row : permutation[row]));

        var m = movieIdTable.Count;
        var titles = new string[m];
        var years = new int[m];
        var genres = new string[m][];
        var imdb = new int[m];
        var tmdb = new int[m];
        // Movies named by text codes come with no movies file: each one's id is its title until an item table names it.
        if (movieTable is not null)
            for (var i = 0; i < m; i++) titles[i] = movieTable.TextAt(i);
        else
            Array.Fill(titles, string.Empty);
        Array.Fill(genres, Array.Empty<string>());
        for (var i = 0; i < catalogue.Ids.Count; i++)
        {
            var j = movieMap[catalogue.Ids[i]];
            titles[j] = catalogue.Titles[i];
            years[j] = catalogue.Years[i];
            genres[j] = catalogue.Genres[i];
        }
        foreach (var (id, (im, tm)) in catalogue.Links)
        {
            if (!movieMap.TryGet(id, out var j)) continue;
            imdb[j] = im;
            tmdb[j] = tm;
        }

        return new RatingSet(source, layout, users, movieIdTable, titles, years, genres, imdb, tmdb,
            offsets, movies, ratings, times, tagCount,
            ReferenceEquals(feedback, MovieLensFeedback) ? Feedback.MovieLens : FeedbackRows.Resolve(feedback, ratings));
    }

    /// <summary>The table of the texts, and each row's code replaced by its dense index in it.</summary>
    private static IdTable Recode(string[] texts, int[] codes, int n)
    {
        var table = IdTable.FromTexts(texts, out var indexOf);
        for (var r = 0; r < n; r++) codes[r] = indexOf[codes[r]];
        return table;
    }

    /// <summary>Refuses the first (user, movie) pair given twice, in input order, naming both lines. Linear: each user's
    /// rows are checked against a stamp per movie (the user's number), not sorted.</summary>
    private static void CheckNoDuplicates(string path, int[] offsets, int[] movies, IdTable movieIds, Func<int, long> lineOf)
    {
        int[]? owner = null; // owner[m] = u + 1 when user u has a row of movie m
        for (var u = 0; u + 1 < offsets.Length; u++)
        {
            int start = offsets[u], end = offsets[u + 1];
            var increasing = true;
            for (var r = start + 1; r < end && increasing; r++) increasing = movies[r] > movies[r - 1];
            if (increasing) continue; // MovieLens files list a user's movies in ascending order
            owner ??= new int[movieIds.Count];
            for (var r = start; r < end; r++)
            {
                var m = movies[r];
                if (owner[m] != u + 1)
                {
                    owner[m] = u + 1;
                    continue;
                }
                var first = start;
                while (movies[first] != m) first++;
                throw new MovieLensFormatException(MovieLensErrorKind.DuplicateRating, path, lineOf(r),
                    $"This user already rated movie {movieIds[m]} at line {lineOf(first)}.",
                    "Each (user, movie) pair may appear once: remove one of the two rows (Import-RatingSet and ConvertTo-RatingSet can keep the last or the mean: -Duplicates).");
            }
        }
    }

    /// <summary>The distinct values of a non-decreasing column and where each one's run starts (plus the end).</summary>
    private static (int[] Values, int[] Starts) Runs(int[] values, int n)
    {
        var distinct = new List<int>();
        var starts = new List<int>();
        for (var r = 0; r < n; r++)
        {
            if (r > 0 && values[r] == values[r - 1]) continue;
            distinct.Add(values[r]);
            starts.Add(r);
        }
        starts.Add(n);
        return (distinct.ToArray(), starts.ToArray());
    }

    private static bool IsNonDecreasing(int[] values, int n)
    {
        for (var i = 1; i < n; i++) if (values[i] < values[i - 1]) return false;
        return true;
    }

    private static int[] DistinctSorted(int[] values, int n, IReadOnlyCollection<int>? more = null)
    {
        more ??= Array.Empty<int>();
        if (n + more.Count == 0) return Array.Empty<int>();
        int min = int.MaxValue, max = int.MinValue;
        for (var i = 0; i < n; i++)
        {
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }
        foreach (var v in more)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if ((long)max - min < FlatMapLimit)
        {
            // Ids in a narrow band (all MovieLens ids) are marked in a flat table: no hashing per row.
            var seen = new bool[max - min + 1];
            for (var i = 0; i < n; i++) seen[values[i] - min] = true;
            foreach (var v in more) seen[v - min] = true;
            var ids = new List<int>();
            for (var i = 0; i < seen.Length; i++)
                if (seen[i]) ids.Add(min + i);
            return ids.ToArray();
        }
        var set = new HashSet<int>();
        var last = int.MinValue;
        var any = false;
        for (var i = 0; i < n; i++)
        {
            var v = values[i];
            if (any && v == last) continue; // grouped files repeat ids in runs
            set.Add(v);
            last = v;
            any = true;
        }
        set.UnionWith(more);
        var sorted = set.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private static void Permute<T>(ref T[] column, int[] permutation)
    {
        var result = new T[column.Length];
        for (var i = 0; i < permutation.Length; i++) result[i] = column[permutation[i]];
        column = result;
    }

    /// <summary>MovieLens id to dense index: a flat array for small ids, a dictionary otherwise.</summary>
    private sealed class IdMap
    {
        private readonly int[]? _flat;
        private readonly Dictionary<int, int>? _dict;

        private IdMap(int[]? flat, Dictionary<int, int>? dict)
        {
            _flat = flat;
            _dict = dict;
        }

        public static IdMap Create(int[] sortedIds)
        {
            if (sortedIds.Length > 0 && sortedIds[0] >= 0 && sortedIds[^1] < FlatMapLimit)
            {
                var flat = new int[sortedIds[^1] + 1];
                Array.Fill(flat, -1);
                for (var i = 0; i < sortedIds.Length; i++) flat[sortedIds[i]] = i;
                return new IdMap(flat, null);
            }
            var dict = new Dictionary<int, int>(sortedIds.Length);
            for (var i = 0; i < sortedIds.Length; i++) dict[sortedIds[i]] = i;
            return new IdMap(null, dict);
        }

        public int this[int id] => _flat is not null ? _flat[id] : _dict![id];

        public bool TryGet(int id, out int index)
        {
            if (_flat is not null)
            {
                index = id >= 0 && id < _flat.Length ? _flat[id] : -1;
                return index >= 0;
            }
            return _dict!.TryGetValue(id, out index);
        }
    }
}
