using ContrastiveRec.Data;

namespace ContrastiveRec.Pairs;

/// <summary>
/// Turns the train ratings into (anchor, positive, negative) user triplets, one per kept train interaction.
/// Per-movie liker and disliker lists are built once (and sorted once when ranking), so each pick is O(1).
/// </summary>
public static class TripletMiner
{
    public static TripletSet Mine(RatingSet set, PairStrategy strategy, int seed, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(strategy);
        strategy = strategy.On(set); // on the set's scale; refused on implicit data
        var lists = MovieLists.Build(set, strategy);
        ct.ThrowIfCancellationRequested();

        var movieCol = set.MovieColumn;
        var ratingCol = set.RatingColumn;
        var isTest = set.Split.IsTestRow;
        var offsets = set.UserOffsets;
        var rank = strategy.NormalizeRatings;
        var coDisliker = strategy.NegativeRule == NegativeRule.CoDisliker;
        var sampled = strategy.NegativeRule == NegativeRule.Sampled;
        var rng = new Random(seed);

        var capacity = lists.TrainRowsKept;
        var anchor = new int[capacity];
        var positive = new int[capacity];
        var negative = new int[capacity];
        var movie = new int[capacity];
        int count = 0, neutral = 0, noPositive = 0, noNegative = 0;
        var liked = new List<int>();
        var disliked = new List<int>();

        for (var u = 0; u < set.UserCount; u++)
        {
            if ((u & 255) == 0) ct.ThrowIfCancellationRequested();
            int start = offsets[u], end = offsets[u + 1];
            if (coDisliker)
            {
                // The anchor's own kept likes and dislikes, to draw the other movie from.
                liked.Clear();
                disliked.Clear();
                for (var r = start; r < end; r++)
                {
                    if (isTest[r] || !lists.Kept[movieCol[r]]) continue;
                    if (strategy.IsLike(ratingCol[r])) liked.Add(r);
                    else if (strategy.IsDislike(ratingCol[r])) disliked.Add(r);
                }
            }
            for (var r = start; r < end; r++)
            {
                if (isTest[r]) continue;
                var m = movieCol[r];
                if (!lists.Kept[m]) continue;
                var rating = ratingCol[r];
                var likes = strategy.IsLike(rating);
                if (!likes && (sampled || !strategy.IsDislike(rating))) // sampled negatives pair likes only
                {
                    neutral++;
                    continue;
                }
                var own = lists.Position[r];
                int p, n;
                if (likes)
                {
                    p = Pick(lists.Likers, m, own, rank, rng);
                    if (p < 0) { noPositive++; continue; }
                    n = sampled ? PickNonUser(lists.Raters!, m, u, set.UserCount, rng)
                        : coDisliker ? PickFromOther(lists.Dislikers, disliked, lists, movieCol, rank, rng) : Pick(lists.Dislikers, m, -1, rank, rng);
                }
                else
                {
                    p = coDisliker ? PickFromOther(lists.Likers, liked, lists, movieCol, rank, rng) : Pick(lists.Dislikers, m, own, rank, rng);
                    if (p < 0) { noPositive++; continue; }
                    n = coDisliker ? Pick(lists.Dislikers, m, own, rank, rng) : Pick(lists.Likers, m, -1, rank, rng);
                }
                if (n < 0) { noNegative++; continue; }
                anchor[count] = u;
                positive[count] = p;
                negative[count] = n;
                movie[count] = m;
                count++;
            }
        }

        Array.Resize(ref anchor, count);
        Array.Resize(ref positive, count);
        Array.Resize(ref negative, count);
        Array.Resize(ref movie, count);
        var stats = new MiningStatistics
        {
            MoviesRated = lists.MoviesRated,
            MoviesKept = lists.MoviesKept,
            TrainRowsKept = lists.TrainRowsKept,
            TestRowsKept = lists.TestRowsKept,
            Triplets = count,
            NeutralRating = neutral,
            NoPositive = noPositive,
            NoNegative = noNegative,
        };
        return new TripletSet(anchor, positive, negative, movie, stats, strategy, seed);
    }

    /// <summary>Counts what the movie filter keeps, without mining (for the README table and previews).</summary>
    public static MiningStatistics Measure(RatingSet set, PairStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(strategy);
        strategy = strategy.On(set); // on the set's scale; refused on implicit data
        var lists = MovieLists.Build(set, strategy);
        return new MiningStatistics
        {
            MoviesRated = lists.MoviesRated,
            MoviesKept = lists.MoviesKept,
            TrainRowsKept = lists.TrainRowsKept,
            TestRowsKept = lists.TestRowsKept,
        };
    }

    /// <summary>Which movies (by dense index) the strategy's filter keeps: the movies its model is trained and,
    /// under the study's protocol, recommended and evaluated on.</summary>
    public static bool[] KeptMovies(RatingSet set, PairStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(strategy);
        strategy = strategy.On(set); // on the set's scale; refused on implicit data
        return MovieLists.Build(set, strategy).Kept;
    }

    // One user of movie m's list, never the one at position `own` (the anchor itself): the list head when
    // ranking (lists are sorted most extreme first), else uniform. -1 when no one else is there.
    private static int Pick(Csr list, int m, int own, bool rank, Random rng)
    {
        int start = list.Offsets[m], n = list.Offsets[m + 1] - start - (own >= 0 ? 1 : 0);
        if (n <= 0) return -1;
        var i = rank ? 0 : rng.Next(n);
        if (own >= 0 && i >= own) i++;
        return list.Users[start + i];
    }

    // CoDisliker rule: a random one of the anchor's own kept rows (likes or dislikes), then someone else on that movie.
    private static int PickFromOther(Csr list, List<int> ownRows, MovieLists lists, int[] movieCol, bool rank, Random rng)
    {
        if (ownRows.Count == 0) return -1;
        var r = ownRows[rng.Next(ownRows.Count)];
        return Pick(list, movieCol[r], lists.Position[r], rank, rng);
    }

    // Sampled rule: a user drawn uniformly among all, redrawn while it has a train row of movie m (or is the anchor).
    // A movie nearly everyone used may leave none after a few draws: -1 then, counted as no negative.
    private static int PickNonUser(Csr raters, int m, int anchor, int users, Random rng)
    {
        var list = raters.Users.AsSpan(raters.Offsets[m], raters.Offsets[m + 1] - raters.Offsets[m]);
        for (var attempt = 0; attempt < 32; attempt++)
        {
            var v = rng.Next(users);
            if (v != anchor && list.BinarySearch(v) < 0) return v;
        }
        return -1;
    }

    /// <summary>Users of each movie in CSR form.</summary>
    internal sealed class Csr
    {
        public required int[] Offsets;
        public required int[] Users;
    }

    /// <summary>Per-movie likers and dislikers among train rows of kept movies, and where each row sits in its list.</summary>
    internal sealed class MovieLists
    {
        public required bool[] Kept;
        public required Csr Likers;
        public required Csr Dislikers;

        /// <summary>Sampled rule only: every train user of each kept movie, in ascending user order (to draw negatives
        /// outside it); null for the other rules.</summary>
        public Csr? Raters;

        /// <summary>For a kept like/dislike train row, its index within its movie's liker or disliker list; else -1.</summary>
        public required int[] Position;
        public int MoviesRated, MoviesKept, TrainRowsKept, TestRowsKept;

        public static MovieLists Build(RatingSet set, PairStrategy s)
        {
            int movies = set.MovieCount, rows = set.RatingCount;
            var sampled = s.NegativeRule == NegativeRule.Sampled; // no dislikers needed: negatives are drawn
            var movieCol = set.MovieColumn;
            var ratingCol = set.RatingColumn;
            var isTest = set.Split.IsTestRow;
            var likeCount = new int[movies];
            var dislikeCount = new int[movies];
            var trainCount = new int[movies];
            var sum = new double[movies];
            for (var r = 0; r < rows; r++)
            {
                if (isTest[r]) continue;
                var m = movieCol[r];
                var v = ratingCol[r];
                trainCount[m]++;
                sum[m] += v;
                if (s.IsLike(v)) likeCount[m]++;
                else if (s.IsDislike(v)) dislikeCount[m]++;
            }

            var kept = new bool[movies];
            var result = new MovieLists
            {
                Kept = kept,
                Likers = new Csr { Offsets = new int[movies + 1], Users = Array.Empty<int>() },
                Dislikers = new Csr { Offsets = new int[movies + 1], Users = Array.Empty<int>() },
                Position = new int[rows],
            };
            for (var m = 0; m < movies; m++)
            {
                if (trainCount[m] > 0) result.MoviesRated++;
                kept[m] = trainCount[m] > 0 && likeCount[m] >= s.MinLikers && (sampled || dislikeCount[m] >= s.MinDislikers)
                          && (s.PopularityThreshold is not { } limit || likeCount[m] <= limit);
                if (kept[m]) result.MoviesKept++;
                result.Likers.Offsets[m + 1] = result.Likers.Offsets[m] + (kept[m] ? likeCount[m] : 0);
                result.Dislikers.Offsets[m + 1] = result.Dislikers.Offsets[m] + (kept[m] ? dislikeCount[m] : 0);
            }
            result.Likers.Users = new int[result.Likers.Offsets[movies]];
            result.Dislikers.Users = new int[result.Dislikers.Offsets[movies]];
            var likerScore = new float[result.Likers.Users.Length];
            var dislikerScore = new float[result.Dislikers.Users.Length];
            var likerRow = new int[result.Likers.Users.Length];
            var dislikerRow = new int[result.Dislikers.Users.Length];

            // Fill in user order, so each movie's list starts sorted by user index (the tie order).
            var nextLiker = (int[])result.Likers.Offsets.Clone();
            var nextDisliker = (int[])result.Dislikers.Offsets.Clone();
            Array.Fill(result.Position, -1);
            var offsets = set.UserOffsets;
            for (var u = 0; u < set.UserCount; u++)
            {
                for (var r = offsets[u]; r < offsets[u + 1]; r++)
                {
                    var m = movieCol[r];
                    if (!kept[m]) continue;
                    if (isTest[r])
                    {
                        result.TestRowsKept++;
                        continue;
                    }
                    result.TrainRowsKept++;
                    var v = ratingCol[r];
                    // Centred on the movie's mean train rating; the sign flip makes "most extreme" ascending for both lists.
                    var centred = (float)(v - sum[m] / trainCount[m]);
                    if (s.IsLike(v))
                    {
                        var i = nextLiker[m]++;
                        result.Likers.Users[i] = u;
                        likerScore[i] = -centred;
                        likerRow[i] = r;
                    }
                    else if (s.IsDislike(v))
                    {
                        var i = nextDisliker[m]++;
                        result.Dislikers.Users[i] = u;
                        dislikerScore[i] = centred;
                        dislikerRow[i] = r;
                    }
                }
            }

            if (sampled) result.Raters = RatersOf(set, kept, trainCount);
            if (s.NormalizeRatings)
            {
                SortByScore(result.Likers, likerScore, likerRow);
                SortByScore(result.Dislikers, dislikerScore, dislikerRow);
            }
            for (var i = 0; i < likerRow.Length; i++) result.Position[likerRow[i]] = i - result.Likers.Offsets[movieCol[likerRow[i]]];
            for (var i = 0; i < dislikerRow.Length; i++) result.Position[dislikerRow[i]] = i - result.Dislikers.Offsets[movieCol[dislikerRow[i]]];
            return result;
        }

        // Every train user of each kept movie, filled in user order, so each list is ascending.
        private static Csr RatersOf(RatingSet set, bool[] kept, int[] trainCount)
        {
            var offsets = new int[kept.Length + 1];
            for (var m = 0; m < kept.Length; m++) offsets[m + 1] = offsets[m] + (kept[m] ? trainCount[m] : 0);
            var users = new int[offsets[^1]];
            var next = (int[])offsets.Clone();
            var movieCol = set.MovieColumn;
            var isTest = set.Split.IsTestRow;
            for (var u = 0; u < set.UserCount; u++)
                for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
                    if (!isTest[r] && kept[movieCol[r]]) users[next[movieCol[r]]++] = u;
            return new Csr { Offsets = offsets, Users = users };
        }

        // Most extreme first (ascending score), ties by user index. (Score, User) is unique within a movie,
        // so the order is total; users and rows are permuted alongside.
        private static void SortByScore(Csr list, float[] score, int[] row)
        {
            var keys = new (float Score, int User)[list.Users.Length];
            var rowsByKey = (int[])row.Clone();
            for (var i = 0; i < keys.Length; i++) keys[i] = (score[i], list.Users[i]);
            for (var m = 0; m + 1 < list.Offsets.Length; m++)
            {
                int start = list.Offsets[m], n = list.Offsets[m + 1] - start;
                if (n > 1) Array.Sort(keys, rowsByKey, start, n);
            }
            for (var i = 0; i < keys.Length; i++)
            {
                list.Users[i] = keys[i].User;
                row[i] = rowsByKey[i];
            }
        }
    }
}
