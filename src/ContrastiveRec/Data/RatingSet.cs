using System.Collections.ObjectModel;

namespace ContrastiveRec.Data;

/// <summary>
/// A data set of ratings held in columns: one row per rating, grouped by user (CSR offsets), with dense user and movie
/// indices mapped to and from the data's own ids (<see cref="IdTable"/>: MovieLens numbers, or text), and a train/test split.
/// Immutable; <see cref="WithSplit"/> shares the columns with the new set.
/// </summary>
public sealed class RatingSet
{
    internal RatingSet(
        string source, MovieLensLayout layout,
        IdTable users, IdTable movies, string[] titles, int[] years, string[][] genres, int[] imdbIds, int[] tmdbIds,
        int[] userOffsets, int[] movieColumn, float[] ratingColumn, long[]? timestampColumn, int tagCount, Feedback? feedback = null)
    {
        Source = source;
        Layout = layout;
        Users = users;
        Movies = movies;
        TitleArray = titles;
        YearArray = years;
        GenreArray = genres;
        ImdbArray = imdbIds;
        TmdbArray = tmdbIds;
        UserOffsets = userOffsets;
        MovieColumn = movieColumn;
        RatingColumn = ratingColumn;
        TimestampColumn = timestampColumn ?? [];
        HasTimestamps = timestampColumn is not null;
        if (HasTimestamps && timestampColumn!.Length != ratingColumn.Length)
            throw new ArgumentException("Expected one timestamp per rating, or none.", nameof(timestampColumn));
        TagCount = tagCount;
        Feedback = feedback ?? Feedback.MovieLens;
        if (ratingColumn.Length > 0)
        {
            // One plain pass: LINQ's float Min and Max each take a slower NaN-aware pass (ratings are never NaN).
            float min = float.MaxValue, max = float.MinValue;
            foreach (var r in ratingColumn)
            {
                if (r < min) min = r;
                if (r > max) max = r;
            }
            (MinRating, MaxRating) = (min, max);
        }
        Split = new RatingSplit(SplitMethod.Random, 0, null, new bool[ratingColumn.Length], 0);
    }

    private RatingSet(RatingSet other, RatingSplit split)
    {
        Source = other.Source;
        Layout = other.Layout;
        Users = other.Users;
        Movies = other.Movies;
        TitleArray = other.TitleArray;
        YearArray = other.YearArray;
        GenreArray = other.GenreArray;
        ImdbArray = other.ImdbArray;
        TmdbArray = other.TmdbArray;
        UserOffsets = other.UserOffsets;
        MovieColumn = other.MovieColumn;
        RatingColumn = other.RatingColumn;
        TimestampColumn = other.TimestampColumn;
        HasTimestamps = other.HasTimestamps;
        TagCount = other.TagCount;
        Feedback = other.Feedback;
        MinRating = other.MinRating;
        MaxRating = other.MaxRating;
        Derivation = other.Derivation;
        Format = other.Format;
        Split = split;
    }

    /// <summary>How this set was derived from what <see cref="Source"/> holds (a train part, a subset of users), or
    /// null when it is the source's ratings as read; a derived set cannot be re-read from the source alone.</summary>
    public string? Derivation { get; private init; }

    /// <summary>How a file other than MovieLens was read (<see cref="RatingFileReader"/>), every column found; null for
    /// MovieLens files and for sets built from objects.</summary>
    public RatingFileFormat? Format { get; private init; }

    /// <summary>The folder or file the set was read from.</summary>
    public string Source { get; }
    public MovieLensLayout Layout { get; }
    public int UserCount => Users.Count;

    /// <summary>Movies in the catalogue (the movies file), including any rated movie it does not list.</summary>
    public int MovieCount => Movies.Count;
    public int RatingCount => RatingColumn.Length;
    public int TrainCount => Split.TrainCount;
    public int TestCount => Split.TestCount;
    public int TagCount { get; }
    public float MinRating { get; }
    public float MaxRating { get; }
    public RatingSplit Split { get; }

    /// <summary>What the ratings mean: their scale, the relevance threshold, implicit or explicit. Kept by every set
    /// derived from this one (splits, train parts, hold-outs) and recorded in model files.</summary>
    public Feedback Feedback { get; }

    /// <summary>Whether the ratings carry timestamps; without them a temporal split is refused (NoTimestamps).</summary>
    public bool HasTimestamps { get; }

    // Left out when a set is written to JSON inside another object (a model, a baseline): the counts summarise it, and
    // the ids of a large set are megabytes. (As the object itself, PowerShell's ConvertTo-Json still lists them.)

    /// <summary>The user id of each dense user index, ascending (boxed ints, or text in natural order; text "1|2|3",
    /// as a CSV cell).</summary>
    [Newtonsoft.Json.JsonIgnore]
    public IReadOnlyList<object> UserIds => new JoinedList<object>(Users);

    /// <summary>The movie (item) id of each dense movie index, ascending (text "1|2|3", as a CSV cell).</summary>
    [Newtonsoft.Json.JsonIgnore]
    public IReadOnlyList<object> MovieIds => new JoinedList<object>(Movies);

    // Columns for the library's own algorithms; never mutated after construction.
    internal IdTable Users { get; }
    internal IdTable Movies { get; }
    internal string[] TitleArray { get; private init; }
    internal int[] YearArray { get; private init; }
    internal string[][] GenreArray { get; private init; }
    internal int[] ImdbArray { get; }
    internal int[] TmdbArray { get; }

    /// <summary>Rows of user u are UserOffsets[u] .. UserOffsets[u+1]-1.</summary>
    internal int[] UserOffsets { get; }
    internal int[] MovieColumn { get; }
    internal float[] RatingColumn { get; }
    /// <summary>Unix seconds per row; empty when <see cref="HasTimestamps"/> is false.</summary>
    internal long[] TimestampColumn { get; }

    /// <summary>The dense index of a user id given as a number or as text (see <see cref="IdTable.TryGetIndex"/>).</summary>
    public bool TryGetUserIndex(object userId, out int index) => Users.TryGetIndex(userId, out index);

    /// <summary>The dense index of a user id.</summary>
    /// <exception cref="ContrastiveRecException">UnknownUser: the id is not one of this set's users.</exception>
    public int GetUserIndex(object userId) => Users.TryGetIndex(userId, out var index)
        ? index
        : throw new ContrastiveRecException("UnknownUser", RefusalCategory.ObjectNotFound, $"User {userId} is not among the {UserCount} users of {this}.",
            "Give the id of a user in the model's ratings, as the data names it (the set's UserIds).", userId);

    /// <summary>The dense index of a movie (item) id given as a number or as text.</summary>
    public bool TryGetMovieIndex(object movieId, out int index) => Movies.TryGetIndex(movieId, out index);

    /// <summary>The dense index of a movie (item) id.</summary>
    /// <exception cref="ContrastiveRecException">UnknownMovie: the id is not one of this set's movies.</exception>
    public int GetMovieIndex(object movieId) => Movies.TryGetIndex(movieId, out var index)
        ? index
        : throw new ContrastiveRecException("UnknownMovie", RefusalCategory.ObjectNotFound, $"Movie {movieId} is not among the {MovieCount} movies of {this}.",
            "Give the id of a movie in the model's ratings, as the data names it (the set's MovieIds; Tab completes -Movie).", movieId);

    /// <summary>The dense user index of every row (expanded from the CSR offsets).</summary>
    public int[] GetUserColumn()
    {
        var users = new int[RatingCount];
        for (var u = 0; u < UserCount; u++)
            Array.Fill(users, u, UserOffsets[u], UserOffsets[u + 1] - UserOffsets[u]);
        return users;
    }

    public Movie GetMovieAt(int index) => new(
        Movies[index], TitleArray[index], YearArray[index] == 0 ? null : YearArray[index], new JoinedList<string>(GenreArray[index]),
        ImdbArray[index] == 0 ? null : ImdbArray[index], TmdbArray[index] == 0 ? null : TmdbArray[index]);

    public Movie? GetMovie(object movieId) => TryGetMovieIndex(movieId, out var i) ? GetMovieAt(i) : null;

    /// <summary>A user's ratings in the order they are stored, with their split.</summary>
    public IReadOnlyList<Rating> GetRatings(object userId)
    {
        if (!TryGetUserIndex(userId, out var u)) return Array.Empty<Rating>();
        var user = Users[u];
        var list = new List<Rating>(UserOffsets[u + 1] - UserOffsets[u]);
        for (var r = UserOffsets[u]; r < UserOffsets[u + 1]; r++)
        {
            var m = MovieColumn[r];
            list.Add(new Rating(user, Movies[m], TitleArray[m], RatingColumn[r],
                HasTimestamps ? DateTimeOffset.FromUnixTimeSeconds(TimestampColumn[r]) : null, Split.IsTestRow[r]));
        }
        return list;
    }

    /// <summary>A user's train rating of a movie (dense indices), or null when it is not in the train part.</summary>
    internal float? TrainRating(int userIndex, int movieIndex)
    {
        for (var r = UserOffsets[userIndex]; r < UserOffsets[userIndex + 1]; r++)
            if (MovieColumn[r] == movieIndex) return Split.IsTestRow[r] ? null : RatingColumn[r];
        return null;
    }

    /// <summary>
    /// A new set holding only this set's train rows, split again per user: its test part is a validation part
    /// carved from the train part, so hyper-parameters can be chosen without ever seeing this set's test rows.
    /// </summary>
    public RatingSet TrainPart(double validationFraction, int seed, SplitMethod method = SplitDefaults.Method)
    {
        var keep = Split.IsTestRow;
        var n = TrainCount;
        var offsets = new int[UserCount + 1];
        var movies = new int[n];
        var ratings = new float[n];
        var times = HasTimestamps ? new long[n] : null;
        var w = 0;
        for (var u = 0; u < UserCount; u++)
        {
            for (var r = UserOffsets[u]; r < UserOffsets[u + 1]; r++)
            {
                if (keep[r]) continue;
                movies[w] = MovieColumn[r];
                ratings[w] = RatingColumn[r];
                if (times is not null) times[w] = TimestampColumn[r];
                w++;
            }
            offsets[u + 1] = w;
        }
        var train = new RatingSet(Source, Layout, Users, Movies, TitleArray, YearArray, GenreArray, ImdbArray, TmdbArray,
            offsets, movies, ratings, times, TagCount, Feedback) { Derivation = $"train part of ({Split})" };
        return train.WithSplit(method, validationFraction, seed);
    }

    /// <summary>
    /// Holds out a seeded random share of the users entirely, for measuring recommendations to people a model never
    /// saw: <c>Training</c> has the other users (with this set's split method and fraction, re-drawn with the seed),
    /// <c>Newcomers</c> the held-out users, each split per user into the ratings they would tell the model (train)
    /// and the ones left to find (test, <paramref name="newcomerTestFraction"/>). Both keep this set's whole movie
    /// catalogue, so movie indices mean the same in each.
    /// </summary>
    /// <exception cref="ContrastiveRecException">HoldOutUsersOutOfRange: the share is not above 0 and below 1, or leaves no
    /// users on one side.</exception>
    public UserHoldOut HoldOutUsers(double fraction, int seed, double newcomerTestFraction = SplitDefaults.NewcomerTestFraction)
    {
        if (double.IsNaN(fraction) || fraction <= 0 || fraction >= 1)
            throw HoldOutOutOfRange("The share of users to hold out must be above 0 and below 1.", fraction);
        var count = (int)Math.Round(UserCount * fraction, MidpointRounding.AwayFromZero);
        if (count < 1 || count >= UserCount)
            throw HoldOutOutOfRange($"Holding out {fraction:P0} of {UserCount} users leaves no users on one side.", fraction);
        var order = Enumerable.Range(0, UserCount).ToArray();
        new Random(seed).Shuffle(order);
        var held = order.Take(count).Order().ToArray();
        var kept = order.Skip(count).Order().ToArray();
        var training = SubsetUsers(kept).WithSplit(Split.Method, Split.TestFraction, seed);
        var newcomers = SubsetUsers(held).WithSplit(SplitMethod.Random, newcomerTestFraction, seed);
        return new UserHoldOut(training, newcomers, fraction, seed);
    }

    private static ContrastiveRecException HoldOutOutOfRange(string problem, double fraction) =>
        new("HoldOutUsersOutOfRange", RefusalCategory.InvalidArgument, problem,
            "Give -HoldOutUsers a share above 0 and below 1 that leaves users on both sides, such as 0.1.", fraction);

    /// <summary>The given users (dense indices, ascending) with all their ratings and the whole catalogue.</summary>
    private RatingSet SubsetUsers(int[] users)
    {
        var offsets = new int[users.Length + 1];
        for (var i = 0; i < users.Length; i++) offsets[i + 1] = offsets[i] + UserOffsets[users[i] + 1] - UserOffsets[users[i]];
        var n = offsets[^1];
        var movies = new int[n];
        var ratings = new float[n];
        var times = HasTimestamps ? new long[n] : null;
        for (var i = 0; i < users.Length; i++)
        {
            int from = UserOffsets[users[i]], len = UserOffsets[users[i] + 1] - from;
            Array.Copy(MovieColumn, from, movies, offsets[i], len);
            Array.Copy(RatingColumn, from, ratings, offsets[i], len);
            if (times is not null) Array.Copy(TimestampColumn, from, times, offsets[i], len);
        }
        return new RatingSet(Source, Layout, Users.Subset(users), Movies, TitleArray, YearArray,
            GenreArray, ImdbArray, TmdbArray, offsets, movies, ratings, times, TagCount, Feedback) { Derivation = $"{users.Length} of {UserCount} users" };
    }

    internal RatingSet WithFormat(RatingFileFormat format) => new(this, Split) { Format = format };

    /// <summary>The same ratings with these titles, years and categories (by movie index).</summary>
    internal RatingSet WithCatalogue(string[] titles, int[] years, string[][] genres) =>
        new(this, Split) { TitleArray = titles, YearArray = years, GenreArray = genres };

    /// <summary>The same ratings under another train/test split.</summary>
    public RatingSet WithSplit(SplitMethod method, double testFraction, int seed) =>
        new(this, RatingSplit.Create(this, method, testFraction, seed));

    /// <summary>The same ratings with the given rows held out as test (hand-made splits for tests).</summary>
    internal RatingSet WithTestRows(bool[] isTest)
    {
        if (isTest.Length != RatingCount) throw new ArgumentException($"Expected {RatingCount} flags, one per rating row.", nameof(isTest));
        return new(this, new RatingSplit(SplitMethod.Random, 0, null, (bool[])isTest.Clone(), isTest.Count(t => t)));
    }

    public override string ToString() =>
        $"RatingSet {Path.GetFileName(Source.TrimEnd(Path.DirectorySeparatorChar))}: {UserCount} users, {MovieCount} movies, {RatingCount} ratings ({TrainCount} train, {TestCount} test)";
}
