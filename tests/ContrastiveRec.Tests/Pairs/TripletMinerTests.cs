using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using Xunit;
using Xunit.Abstractions;

namespace ContrastiveRec.Tests.Pairs;

public class TripletMinerTests : IDisposable
{
    private readonly TestRatings _files = new();
    private readonly ITestOutputHelper _out;

    public TripletMinerTests(ITestOutputHelper output) => _out = output;

    public void Dispose() => _files.Dispose();

    // Users 1-5 become dense 0-4. Movie 30 has no disliker, so it is always dropped.
    private RatingSet Tiny() => _files.Write(new (int, int, double)[]
    {
        (1, 10, 5.0), (1, 20, 1.0),
        (2, 10, 4.0), (2, 20, 4.5),
        (3, 10, 4.5), (3, 20, 4.5), (3, 30, 5.0),
        (4, 10, 1.0), (4, 20, 5.0),
        (5, 10, 2.0), (5, 20, 3.0),
    });

    private static PairStrategy Loose(int preset) => PairStrategy.FromPreset(preset) with { MinLikers = 1, MinDislikers = 1 };

    private static (int, int, int, int)[] Rows(TripletSet t) =>
        Enumerable.Range(0, t.Count).Select(i => (t.Anchor[i], t.Positive[i], t.Negative[i], t.Movie[i])).ToArray();

    [Fact]
    public void Ranked_preset_3_picks_the_most_extreme_other_user()
    {
        var set = Tiny();
        set.TryGetMovieIndex(10, out var a);
        set.TryGetMovieIndex(20, out var b);
        var t = TripletMiner.Mine(set, Loose(3), seed: 1);
        // (anchor, positive, negative, movie): likers of A rank 0 > 2 > 1, dislikers 3 < 4; likers of B 3 > 1 = 2 (tie: lower index), dislikers 0 < 4.
        Assert.Equal(new[]
        {
            (0, 2, 3, a), (0, 4, 3, b),
            (1, 0, 3, a), (1, 3, 0, b),
            (2, 0, 3, a), (2, 3, 0, b),
            (3, 4, 0, a), (3, 1, 0, b),
            (4, 3, 0, a), (4, 0, 3, b),
        }, Rows(t));
        Assert.Equal(new MiningStatistics { MoviesRated = 3, MoviesKept = 2, TrainRowsKept = 10, TestRowsKept = 0, Triplets = 10 }, t.Statistics);
    }

    [Fact]
    public void Ranked_preset_4_skips_neutral_ratings_and_lonely_dislikers()
    {
        var set = Tiny();
        set.TryGetMovieIndex(10, out var a);
        set.TryGetMovieIndex(20, out var b);
        var t = TripletMiner.Mine(set, Loose(4), seed: 1);
        // User 5's 3.0 on B is neutral at 4/3; user 1 is then B's only disliker, so has no positive there.
        Assert.Equal(new[]
        {
            (0, 2, 3, a),
            (1, 0, 3, a), (1, 3, 0, b),
            (2, 0, 3, a), (2, 3, 0, b),
            (3, 4, 0, a), (3, 1, 0, b),
            (4, 3, 0, a),
        }, Rows(t));
        Assert.Equal(new MiningStatistics { MoviesRated = 3, MoviesKept = 2, TrainRowsKept = 10, Triplets = 8, NeutralRating = 1, NoPositive = 1 }, t.Statistics);
    }

    [Fact]
    public void Ranked_codisliker_rule_draws_the_negative_from_a_movie_the_anchor_disliked()
    {
        var set = Tiny();
        set.TryGetMovieIndex(10, out var a);
        set.TryGetMovieIndex(20, out var b);
        var t = TripletMiner.Mine(set, Loose(3) with { NegativeRule = NegativeRule.CoDisliker }, seed: 1);
        // Every user has at most one kept like and one kept dislike elsewhere, so even the movie draw is forced.
        Assert.Equal(new[] { (0, 2, 4, a), (0, 2, 4, b), (3, 1, 4, a), (3, 1, 4, b) }, Rows(t));
        Assert.Equal(new MiningStatistics { MoviesRated = 3, MoviesKept = 2, TrainRowsKept = 10, Triplets = 4, NoPositive = 2, NoNegative = 4 }, t.Statistics);
    }

    [Fact]
    public void Popularity_and_minimums_filter_movies()
    {
        var set = Tiny();
        Assert.Equal(0, TripletMiner.Mine(set, Loose(3) with { PopularityThreshold = 2 }, 1).Statistics.MoviesKept);
        Assert.Equal(2, TripletMiner.Mine(set, Loose(3) with { PopularityThreshold = 3 }, 1).Statistics.MoviesKept);
        Assert.Equal(3, TripletMiner.Mine(set, Loose(3) with { MinDislikers = 0 }, 1).Statistics.MoviesKept);
        var strict = TripletMiner.Mine(set, Loose(3) with { MinDislikers = 3 }, 1);
        Assert.Equal((0, 0, 0), (strict.Statistics.MoviesKept, strict.Statistics.TrainRowsKept, strict.Count));
    }

    [Fact]
    public void Random_picks_cover_every_candidate_and_never_the_anchor()
    {
        var set = Tiny();
        set.TryGetMovieIndex(10, out var a);
        var positives = new HashSet<int>();
        var negatives = new HashSet<int>();
        for (var seed = 0; seed < 40; seed++)
        {
            var t = TripletMiner.Mine(set, Loose(1), seed);
            var i = Array.FindIndex(t.Anchor, (x) => x == 0);
            Assert.Equal(a, t.Movie[i]);
            positives.Add(t.Positive[i]);
            negatives.Add(t.Negative[i]);
        }
        Assert.Equal(new HashSet<int> { 1, 2 }, positives); // the other likers of A
        Assert.Equal(new HashSet<int> { 3, 4 }, negatives); // A's dislikers
    }

    public static TheoryData<int, NegativeRule> AllStrategies()
    {
        var data = new TheoryData<int, NegativeRule>();
        for (var p = 1; p <= 4; p++)
        {
            data.Add(p, NegativeRule.Disagree);
            data.Add(p, NegativeRule.CoDisliker);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllStrategies))]
    public void Every_triplet_on_the_bundled_set_obeys_its_rule(int preset, NegativeRule rule)
    {
        var set = Bundled.Value;
        var s = PairStrategy.FromPreset(preset) with { NegativeRule = rule };
        var t = TripletMiner.Mine(set, s, seed: 3);
        var oracle = new Oracle(set, s);
        Assert.True(t.Count > 1000);
        var st = t.Statistics;
        Assert.Equal(oracle.TrainRowsKept, st.TrainRowsKept);
        Assert.Equal(oracle.TestRowsKept, st.TestRowsKept);
        Assert.Equal(oracle.KeptMovies.Count, st.MoviesKept);
        Assert.Equal(st.TrainRowsKept, st.Triplets + st.NeutralRating + st.NoPositive + st.NoNegative);
        Assert.Equal(st.Triplets, t.Count);

        var seen = new HashSet<(int, int)>();
        for (var i = 0; i < t.Count; i++)
        {
            int u = t.Anchor[i], p = t.Positive[i], n = t.Negative[i], m = t.Movie[i];
            Assert.True(seen.Add((u, m)), "one triplet per interaction");
            Assert.Contains(m, oracle.KeptMovies);
            Assert.True(oracle.Train.TryGetValue((u, m), out var r), "anchor's row must be a train row");
            Assert.NotEqual(u, p);
            Assert.NotEqual(u, n);
            var likes = s.IsLike(r);
            Assert.True(likes || s.IsDislike(r));
            if (rule == NegativeRule.Disagree)
            {
                Assert.Equal(likes, oracle.Likes(p, m));
                Assert.Equal(!likes, oracle.Dislikes(p, m));
                Assert.Equal(!likes, oracle.Likes(n, m));
                Assert.Equal(likes, oracle.Dislikes(n, m));
            }
            else if (likes)
            {
                Assert.True(oracle.Likes(p, m));
                Assert.True(oracle.SharesKept(u, n, like: false), "negative co-dislikes a movie with the anchor");
            }
            else
            {
                Assert.True(oracle.Dislikes(n, m));
                Assert.True(oracle.SharesKept(u, p, like: true), "positive co-likes a movie with the anchor");
            }
        }
        _out.WriteLine($"{s}: {st}");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Ranked_presets_match_a_naive_oracle_on_the_bundled_set(int preset)
    {
        var set = Bundled.Value;
        var s = PairStrategy.FromPreset(preset);
        var t = TripletMiner.Mine(set, s, seed: 1);
        var oracle = new Oracle(set, s);
        var expected = new List<(int, int, int, int)>();
        var users = set.GetUserColumn();
        for (var r = 0; r < set.RatingCount; r++)
        {
            int u = users[r], m = set.MovieColumn[r];
            if (set.Split.IsTest(r) || !oracle.KeptMovies.Contains(m)) continue;
            var v = set.RatingColumn[r];
            var byRating = oracle.Raters(m); // train raters of m, highest rating first, then by user index
            if (s.IsLike(v))
            {
                var p = byRating.Where(x => x.User != u && s.IsLike(x.Rating)).Select(x => x.User).DefaultIfEmpty(-1).First();
                var n = byRating.Where(x => s.IsDislike(x.Rating)).OrderBy(x => x.Rating).ThenBy(x => x.User).Select(x => x.User).DefaultIfEmpty(-1).First();
                if (p >= 0 && n >= 0) expected.Add((u, p, n, m));
            }
            else if (s.IsDislike(v))
            {
                var p = byRating.Where(x => x.User != u && s.IsDislike(x.Rating)).OrderBy(x => x.Rating).ThenBy(x => x.User).Select(x => x.User).DefaultIfEmpty(-1).First();
                var n = byRating.Where(x => s.IsLike(x.Rating)).Select(x => x.User).DefaultIfEmpty(-1).First();
                if (p >= 0 && n >= 0) expected.Add((u, p, n, m));
            }
        }
        Assert.Equal(expected, Rows(t));
    }

    [Fact]
    public void Only_train_rows_are_mined()
    {
        var set = Bundled.Value;
        var test = new HashSet<(int, int)>();
        var users = set.GetUserColumn();
        for (var r = 0; r < set.RatingCount; r++)
            if (set.Split.IsTest(r)) test.Add((users[r], set.MovieColumn[r]));
        foreach (var preset in new[] { 1, 3 })
        {
            var t = TripletMiner.Mine(set, PairStrategy.FromPreset(preset), 5);
            for (var i = 0; i < t.Count; i++) Assert.DoesNotContain((t.Anchor[i], t.Movie[i]), test);
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_triplets_and_another_seed_differs()
    {
        var set = Bundled.Value;
        var s = PairStrategy.FromPreset(1);
        var a = TripletMiner.Mine(set, s, 11);
        var b = TripletMiner.Mine(set, s, 11);
        var c = TripletMiner.Mine(set, s, 12);
        Assert.Equal(Rows(a), Rows(b));
        Assert.Equal(a.Anchor, c.Anchor); // the same interactions...
        Assert.NotEqual(a.Positive, c.Positive); // ...with other picks
        Assert.NotEqual(a.Negative, c.Negative);
    }

    [Fact]
    public void Mining_strategy_1_on_the_bundled_set_is_cancellable()
    {
        // Its speed is a benchmark (bench/: mining), not a timed test.
        var set = Bundled.Value;
        var t = TripletMiner.Mine(set, PairStrategy.FromPreset(1), 1);
        Assert.Equal(t.Statistics.Triplets, t.Count);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => TripletMiner.Mine(set, PairStrategy.FromPreset(1), 1, cts.Token));
    }

    [Fact]
    public void Measure_reports_the_filter_sizes_that_mining_reports()
    {
        var set = Bundled.Value;
        for (var p = 1; p <= 4; p++)
        {
            var s = PairStrategy.FromPreset(p);
            var mined = TripletMiner.Mine(set, s, 1).Statistics;
            var measured = TripletMiner.Measure(set, s);
            Assert.Equal((mined.MoviesRated, mined.MoviesKept, mined.TrainRowsKept, mined.TestRowsKept),
                (measured.MoviesRated, measured.MoviesKept, measured.TrainRowsKept, measured.TestRowsKept));
            _out.WriteLine($"Strategy {p}: train {measured.TrainRowsKept}, test {measured.TestRowsKept}, movies {measured.MoviesKept}");
        }
    }

    [Fact]
    public void Crossed_thresholds_are_refused()
    {
        var e = Refused.By("InvalidPairStrategy", RefusalCategory.InvalidArgument, () => TripletMiner.Mine(Tiny(), new PairStrategy { LikeThreshold = 3, DislikeThreshold = 4 }, 1));
        Assert.Equal("DislikeThreshold", e.Target);
    }

    internal static readonly Lazy<RatingSet> Bundled = new(() => MovieLensReader.Read(TestPaths.BundledData));

    /// <summary>Plain dictionaries and LINQ over the rows: slow and obviously right.</summary>
    private sealed class Oracle
    {
        public readonly Dictionary<(int User, int Movie), float> Train = new();
        public readonly HashSet<int> KeptMovies = new();
        public readonly int TrainRowsKept, TestRowsKept;
        private readonly PairStrategy _s;
        private readonly Dictionary<int, List<(int User, float Rating)>> _raters = new();

        public Oracle(RatingSet set, PairStrategy s)
        {
            _s = s;
            var users = set.GetUserColumn();
            for (var r = 0; r < set.RatingCount; r++)
            {
                if (set.Split.IsTest(r)) continue;
                Train[(users[r], set.MovieColumn[r])] = set.RatingColumn[r];
                if (!_raters.TryGetValue(set.MovieColumn[r], out var list)) _raters[set.MovieColumn[r]] = list = new();
                list.Add((users[r], set.RatingColumn[r]));
            }
            foreach (var (m, list) in _raters)
            {
                int likers = list.Count(x => s.IsLike(x.Rating)), dislikers = list.Count(x => s.IsDislike(x.Rating));
                if (likers >= s.MinLikers && dislikers >= s.MinDislikers && (s.PopularityThreshold is null || likers <= s.PopularityThreshold))
                    KeptMovies.Add(m);
            }
            for (var r = 0; r < set.RatingCount; r++)
                if (KeptMovies.Contains(set.MovieColumn[r]))
                {
                    if (set.Split.IsTest(r)) TestRowsKept++;
                    else TrainRowsKept++;
                }
        }

        public List<(int User, float Rating)> Raters(int m) =>
            _raters[m].OrderByDescending(x => x.Rating).ThenBy(x => x.User).ToList();

        public bool Likes(int u, int m) => Train.TryGetValue((u, m), out var r) && _s.IsLike(r);
        public bool Dislikes(int u, int m) => Train.TryGetValue((u, m), out var r) && _s.IsDislike(r);

        public bool SharesKept(int a, int b, bool like) => KeptMovies.Any(m => like ? Likes(a, m) && Likes(b, m) : Dislikes(a, m) && Dislikes(b, m));
    }
}
