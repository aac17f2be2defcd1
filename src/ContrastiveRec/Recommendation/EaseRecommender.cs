using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ContrastiveRec.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// EASE^R (Steck 2019): a closed-form item-item model over all train ratings as implicit feedback, with a zero
/// diagonal. With fewer users than movies (ml-latest-small) the same scores come from the users x users form of the
/// inverse (Woodbury), which is far cheaper; otherwise the movies x movies form: the item Gram G = X'X accumulated
/// sparsely (<see cref="ItemGram"/>), P = (G + lambda I)^-1 by Cholesky in float64, B = -P / diag(P) kept in float32,
/// and users scored from their train movies block by block, never all at once.
/// </summary>
/// <remarks>
/// The movies form costs about <see cref="FactorisationBytesPerCell"/> bytes per cell of the K x K matrix at its peak
/// (G, its factor and the inverse), so a catalogue larger than the memory budget allows keeps only its most-rated
/// movies that fit (<see cref="CapWasAutomatic"/>); the others are never recommended.
/// </remarks>
public sealed partial class EaseRecommender : MovieScoringRecommender, IFoldsInNewcomers, IDescribesItself, ISimilarMovies
{
    public const double DefaultLambda = 100;
    public const int DefaultMinMovieRatings = 1;

    /// <summary>Peak bytes per cell of the K x K matrix: G, its Cholesky factor and the inverse (float64, 8 each).</summary>
    internal const int FactorisationBytesPerCell = 24;

    private const int TileWidth = 8; // B's columns per tile: one Vector256 of floats

    private readonly int[] _kept;    // dense movie index of each EASE column, ascending
    private readonly int[] _column;  // EASE column of each dense movie, or -1
    private readonly float[]? _scores; // users form: [users, movies] of the train users
    private readonly float[]? _tiles;  // movies form: B by tiles of TileWidth columns, [tile][row][TileWidth]

    // What folding in a newcomer needs in the users form: X, K^-1 and diag(P).
    private readonly (Tensor X, Tensor KInverse, Tensor DiagP)? _foldIn;

    public EaseRecommender(RatingSet set, double lambda = DefaultLambda, int minMovieRatings = DefaultMinMovieRatings, bool? viaUsers = null,
        Action<BaselineBuildProgress>? progress = null, CancellationToken ct = default)
        : this(set, lambda, minMovieRatings, viaUsers, BaselineSettings.DefaultMemoryBudget, progress, ct)
    {
    }

    /// <param name="memoryBudget">Bytes the item-item matrices may take (tests shrink it to force the cap).</param>
    /// <param name="sweep">Kept between the builds of a lambda sweep on this set (see <see cref="EaseGram"/>).</param>
    internal EaseRecommender(RatingSet set, double lambda, int minMovieRatings, bool? viaUsers, long memoryBudget,
        Action<BaselineBuildProgress>? progress = null, CancellationToken ct = default, EaseGram? sweep = null) : base(set)
    {
        if (!(lambda > 0) || !double.IsFinite(lambda))
            throw BaselineSettings.Invalid("Lambda must be a positive number.", $"-Lambda a positive number, such as {DefaultLambda}", lambda);
        if (minMovieRatings < 0) throw BaselineSettings.Invalid("MinMovieRatings must be 0 or more.", "-MinMovieRatings 0 or more", minMovieRatings);
        Lambda = lambda;
        MinMovieRatings = minMovieRatings;
        MemoryBudget = memoryBudget;
        var counts = new int[set.MovieCount];
        for (var r = 0; r < set.RatingCount; r++) if (!set.Split.IsTestRow[r]) counts[set.MovieColumn[r]]++;
        var kept = Enumerable.Range(0, set.MovieCount).Where(m => counts[m] >= minMovieRatings).ToArray();
        int users = set.UserCount, train = set.TrainCount;
        // A model of no movies recommends nothing, and its recall would read as 0 %: refused, saying how many there are.
        if (kept.Length == 0 && train > 0)
            throw new ContrastiveRecException("NothingToLearn", RefusalCategory.InvalidData,
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"No movie has {minMovieRatings:N0} train ratings (the most-rated has {counts.Max():N0}): EASE would keep no movies and recommend nothing."),
                $"Give -MinMovieRatings {counts.Max():N0} or less.", minMovieRatings);

        UsedUserForm = viaUsers ?? (users < kept.Length && UsersFormBytes(users, kept.Length, set.MovieCount) <= memoryBudget);
        if (UsedUserForm)
        {
            var need = UsersFormBytes(users, kept.Length, set.MovieCount);
            if (need > memoryBudget)
                throw new BaselineTooLargeException(BaselineKind.Ease, $"in the users form ({users:N0} users x {kept.Length:N0} movies)", need, memoryBudget,
                    "its memory budget", "Let it choose the form (the movies form keeps the most-rated movies that fit).");
        }
        else
        {
            MovieCap = MaxMovies(memoryBudget, train, users);
            if (MovieCap < 1)
                throw new BaselineTooLargeException(BaselineKind.Ease, "even for one movie", MoviesFormBytes(1, train, users), memoryBudget, "its memory budget",
                    "Use fewer ratings (fewer users), or another baseline (New-BaselineRecommender -Kind ItemKnn).");
            if (kept.Length > MovieCap)
            {
                // The most-rated movies that fit, ties by lower index; -MinMovieRatings may still narrow them further.
                kept = kept.OrderByDescending(m => counts[m]).ThenBy(m => m).Take(MovieCap).Order().ToArray();
                CapWasAutomatic = true;
            }
        }
        _kept = kept;
        long covered = 0;
        foreach (var m in kept) covered += counts[m];
        RatingShareCovered = train == 0 ? 1 : (double)covered / train;
        _column = new int[set.MovieCount];
        Array.Fill(_column, -1);
        for (var j = 0; j < kept.Length; j++) _column[kept[j]] = j;

        var remedy = $"Keep fewer movies with -MinMovieRatings (each kept movie costs about {FactorisationBytesPerCell * kept.Length / 1e6:0.#} MB), or free memory.";
        if (UsedUserForm)
        {
            BaselineTooLargeException.ThrowIfUnavailable(BaselineKind.Ease, $"over {users:N0} users", UsersFormBytes(users, kept.Length, set.MovieCount), remedy);
            (_scores, _foldIn) = BuildUsersForm(set, kept, sweep);
        }
        else
        {
            // A sweep keeps the Gram only where it fits beside the factorisation as it is: never at the cost of a movie.
            var keepGram = sweep is not null && !CapWasAutomatic && users < 1 << 24
                && MoviesFormBytes(kept.Length, train, users) + (long)EaseGram.BytesPerCell * kept.Length * kept.Length <= memoryBudget;
            var need = MoviesFormBytes(kept.Length, train, users) + (keepGram ? (long)EaseGram.BytesPerCell * kept.Length * kept.Length : 0);
            BaselineTooLargeException.ThrowIfUnavailable(BaselineKind.Ease, $"over {kept.Length:N0} movies", need, remedy);
            _tiles = BuildMoviesForm(set, progress, ct, keepGram ? sweep : null);
        }
    }

    public double Lambda { get; }
    public int MinMovieRatings { get; }

    /// <summary>Movies in the model; the others are never recommended.</summary>
    public int KeptMovies => _kept.Length;

    /// <summary>Share of the train ratings on the kept movies.</summary>
    public double RatingShareCovered { get; }

    /// <summary>True when the memory budget, not -MinMovieRatings alone, chose the movies: the most-rated that fit.</summary>
    public bool CapWasAutomatic { get; }

    /// <summary>The most movies the movies form fits in <see cref="MemoryBudget"/> (0 in the users form, which has no cap).</summary>
    public int MovieCap { get; }

    /// <summary>Bytes the item-item matrices may take.</summary>
    public long MemoryBudget { get; }

    /// <summary>True when the scores came from the users x users form of the inverse.</summary>
    public bool UsedUserForm { get; }
    public override string Name => RecommenderRegistry.Baseline(BaselineKind.Ease).Name;

    /// <summary>Peak bytes of the movies form over <paramref name="movies"/> movies: the Gram's inputs alongside G, or
    /// the factorisation, whichever is larger, and then B with a block of scores.</summary>
    internal static long MoviesFormBytes(int movies, long trainRatings, int users)
    {
        var cells = (long)movies * movies;
        var gram = 8 * cells + ItemGram.EstimateBytes(trainRatings, movies, users);
        return Math.Max(gram, FactorisationBytesPerCell * cells);
    }

    /// <summary>Peak bytes of the users form: X, K^-1 X and one temporary in float64, and the float32 copies of X and the
    /// scores; XX', its inverse and the inversion's workspace in float64, the inverse's float32 copy; the scores' rows.</summary>
    internal static long UsersFormBytes(int users, int movies, int catalogue) =>
        32L * users * movies + 28L * users * users + 4L * users * catalogue;

    /// <summary>The most movies whose movies form fits <paramref name="budget"/>.</summary>
    internal static int MaxMovies(long budget, long trainRatings, int users)
    {
        var k = (long)Math.Sqrt(budget / (double)FactorisationBytesPerCell) + 1;
        while (k > 0 && MoviesFormBytes((int)Math.Min(k, int.MaxValue), trainRatings, users) > budget) k--;
        return (int)Math.Min(k, int.MaxValue);
    }

    private float[] BuildMoviesForm(RatingSet set, Action<BaselineBuildProgress>? progress, CancellationToken ct, EaseGram? sweep)
    {
        var clock = Stopwatch.StartNew();
        var k = _kept.Length;
        var known = sweep is not null && sweep.Matches(_kept, usersForm: false) ? sweep.Gram : null;
        var gram = known is null ? ItemGram.Of(set, _column, k, binary: true) : null;
        // Shares of the build by estimated time: the scatter runs ~5e8 additions a second, the factorisation and the
        // inverse (K^3 / 3 + 2 K^3 / 3 flops) ~3e10 flops a second; copying out B is small.
        var gramSeconds = gram is null ? 0 : gram.Work(lowerOnly: true) / 5e8;
        var factorSeconds = (double)k * k * k / 3 / 3e10;
        var total = gramSeconds + 3 * factorSeconds + 1e-9;
        void Report(string stage, double fraction) => progress?.Invoke(new BaselineBuildProgress(stage, Math.Clamp(fraction, 0, 1), clock.Elapsed));

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var s = new HeldScalars();
        var G = zeros(k, k, dtype: ScalarType.Float64);
        if (known is not null) G.copy_(known);
        else
        {
            var g = NativeTensor.Elements<double>(G);
            // Only the lower triangle: the Cholesky factorisation reads no other.
            gram!.Rows(lowerOnly: true, (a, row) => row.CopyTo(NativeTensor.Span<double>(g, (long)a * k, a + 1)), f => Report("Item Gram", f * gramSeconds / total), ct);
            gram = null; // its arrays may go before the factorisation needs the room
            sweep?.KeepGram(_kept, G);
        }
        G.diagonal().add_(ones(k, dtype: ScalarType.Float64), s[Lambda]); // G + 1 * lambda on the diagonal: exactly G + lambda
        ct.ThrowIfCancellationRequested();
        Report("Cholesky factorisation", gramSeconds / total);
        var L = linalg.cholesky(G);
        G.Dispose();
        ct.ThrowIfCancellationRequested();
        Report("Inverse", (gramSeconds + factorSeconds) / total);
        var P = L.cholesky_inverse();
        L.Dispose();
        // libtorch may hand the inverse back column-major; it is symmetric, so its transpose is the same matrix row-major.
        if (!P.is_contiguous()) P = P.t();
        ct.ThrowIfCancellationRequested();
        Report("Weights", (gramSeconds + 3 * factorSeconds) / total);
        var tiles = Tiles(P, k);
        P.Dispose();
        Report("Weights", 1);
        return tiles;
    }

    // B = -P / diag(P) by column, zero diagonal, in float32 tiles of TileWidth columns: [tile][row][TileWidth], so that
    // scoring a tile reads one contiguous block that stays in cache while every user of a block is summed.
    private static float[] Tiles(Tensor P, int k)
    {
        var p = NativeTensor.Elements<double>(P);
        var diagonal = new double[k];
        for (var i = 0; i < k; i++) diagonal[i] = NativeTensor.Span<double>(p, (long)i * k + i, 1)[0];
        var tiles = new float[(long)TileCount(k) * k * TileWidth];
        Parallel.For(0, k, i =>
        {
            var row = NativeTensor.Span<double>(p, (long)i * k, k);
            for (var c = 0; c < k; c++)
                if (c != i) tiles[((long)(c / TileWidth) * k + i) * TileWidth + c % TileWidth] = (float)(-row[c] / diagonal[c]);
        });
        return tiles;
    }

    private static int TileCount(int k) => (k + TileWidth - 1) / TileWidth;

    private protected override Tensor Scores(int[] users, ProductBlock block)
    {
        var m = RatingSet.MovieCount;
        var rows = block.Rows(users.Length);
        var at = NativeTensor.Elements<float>(rows);
        if (_scores is not null)
        {
            for (var i = 0; i < users.Length; i++) _scores.AsSpan((int)((long)users[i] * m), m).CopyTo(NativeTensor.Span<float>(at, (long)i * m, m));
            return rows;
        }
        var (starts, columns) = TrainColumns(users);
        Widen(ScoreKept(starts, columns), users.Length, at);
        return rows;
    }

    /// <summary>In the movies form, ranks from the kept movies' scores alone (a catalogue-wide row per user would cost
    /// more than scoring): the same order as the shared top-k, score descending then movie index.</summary>
    public override MovieRanking[] Recommend(int[] users, int count, RecommendationScope scope, bool withSuggesters = false, CancellationToken ct = default)
    {
        if (_tiles is null) return base.Recommend(users, count, scope, withSuggesters, ct);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var set = RatingSet;
        var k = _kept.Length;
        var result = new MovieRanking[users.Length];
        const int usersPerBlock = 1024; // bounds the block of scores at 1024 x kept movies floats
        for (var from = 0; from < users.Length; from += usersPerBlock)
        {
            ct.ThrowIfCancellationRequested();
            var block = users.AsSpan(from, Math.Min(usersPerBlock, users.Length - from)).ToArray();
            var (starts, columns) = TrainColumns(block);
            var scores = ScoreKept(starts, columns);
            var first = from;
            Parallel.For(0, block.Length, () => (Seen: new MovieStamps(set.MovieCount), Best: new BestMovies(count)), (i, _, state) =>
            {
                state.Seen.Next();
                if (!scope.IncludeRatedMovies) state.Seen.MarkTrainMovies(set, block[i]);
                state.Best.Clear();
                var row = scores.AsSpan((int)((long)i * k), k);
                for (var c = 0; c < k; c++)
                {
                    var m = _kept[c];
                    if (!state.Seen.IsMarked(m) && scope.IsCandidate(m)) state.Best.Offer(row[c], m);
                }
                var (movies, values) = state.Best.Take();
                result[first + i] = new MovieRanking(block[i], movies, values, null);
                return state;
            }, _ => { });
        }
        return result;
    }

    // Each user's kept train columns, as CSR over the users given.
    private (int[] Starts, int[] Columns) TrainColumns(int[] users)
    {
        var set = RatingSet;
        var starts = new int[users.Length + 1];
        var columns = new List<int>();
        for (var i = 0; i < users.Length; i++)
        {
            for (var r = set.UserOffsets[users[i]]; r < set.UserOffsets[users[i] + 1]; r++)
                if (!set.Split.IsTestRow[r] && _column[set.MovieColumn[r]] is var c and >= 0) columns.Add(c);
            starts[i + 1] = columns.Count;
        }
        return (starts, columns.ToArray());
    }

    // Movies form: x B for each profile i, whose kept columns are columns[starts[i]..starts[i + 1]] (no repeats):
    // [profiles, kept movies]. Parallel over tiles of B, each tile summed for every profile while it is in cache.
    private float[] ScoreKept(int[] starts, int[] columns)
    {
        var n = starts.Length - 1;
        var k = _kept.Length;
        var scores = new float[(long)n * k];
        var b = _tiles!;
        Parallel.For(0, TileCount(k), t =>
        {
            ref var tile = ref b[(long)t * k * TileWidth];
            var width = Math.Min(TileWidth, k - t * TileWidth);
            for (var i = 0; i < n; i++)
            {
                var sum = SumRows(ref tile, columns.AsSpan(starts[i], starts[i + 1] - starts[i]));
                var at = (long)i * k + t * TileWidth;
                if (width == TileWidth) sum.StoreUnsafe(ref scores[at]);
                else for (var w = 0; w < width; w++) scores[at + w] = sum[w];
            }
        });
        return scores;
    }

    // Kept-movie scores as catalogue-wide rows [n, movies] at `into`, -inf (never listed) for the movies not kept.
    private void Widen(float[] kept, int n, IntPtr into)
    {
        var m = RatingSet.MovieCount;
        var k = _kept.Length;
        for (var i = 0; i < n; i++)
        {
            var row = NativeTensor.Span<float>(into, (long)i * m, m);
            row.Fill(float.NegativeInfinity);
            for (var c = 0; c < k; c++) row[_kept[c]] = kept[(long)i * k + c];
        }
    }

    private Tensor Widened(float[] kept, int n)
    {
        var scores = empty(n, RatingSet.MovieCount, ScalarType.Float32);
        Widen(kept, n, NativeTensor.Elements<float>(scores));
        return scores;
    }

    // The sum of the tile's rows at `rows`, with four running sums so that the additions overlap.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> SumRows(ref float tile, ReadOnlySpan<int> rows)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        var i = 0;
        for (; i + 4 <= rows.Length; i += 4)
        {
            a0 += Vector256.LoadUnsafe(ref tile, (nuint)rows[i] * TileWidth);
            a1 += Vector256.LoadUnsafe(ref tile, (nuint)rows[i + 1] * TileWidth);
            a2 += Vector256.LoadUnsafe(ref tile, (nuint)rows[i + 2] * TileWidth);
            a3 += Vector256.LoadUnsafe(ref tile, (nuint)rows[i + 3] * TileWidth);
        }
        for (; i < rows.Length; i++) a0 += Vector256.LoadUnsafe(ref tile, (nuint)rows[i] * TileWidth);
        return (a0 + a1) + (a2 + a3);
    }

    /// <summary>Scores of every movie for people not in the train part, from the movies they rated (dense indices):
    /// EASE folds new users in without refitting. [profiles, movies]; the caller disposes the tensor.</summary>
    public Tensor ScoreNewcomers(IReadOnlyList<int[]> ratedMovies)
    {
        ArgumentNullException.ThrowIfNull(ratedMovies);
        if (_foldIn is not { } foldIn)
        {
            var starts = new int[ratedMovies.Count + 1];
            var columns = new List<int>();
            for (var i = 0; i < ratedMovies.Count; i++)
            {
                columns.AddRange(ratedMovies[i].Where(m => _column[m] >= 0).Select(m => _column[m]).Distinct());
                starts[i + 1] = columns.Count;
            }
            return Widened(ScoreKept(starts, columns.ToArray()), ratedMovies.Count);
        }
        var movies = _kept.Length;
        var x = new float[(long)ratedMovies.Count * movies];
        for (var i = 0; i < ratedMovies.Count; i++)
            foreach (var m in ratedMovies[i])
                if (_column[m] >= 0) x[(long)i * movies + _column[m]] = 1;
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var xn = NativeTensor.From(x, ratedMovies.Count, movies);
        // x B = x - (x P) / diag(P), with x P = (x - (x X') K^-1 X) / l.
        var X = foldIn.X;
        var xP = (xn - xn.matmul(X.t()).matmul(foldIn.KInverse).matmul(X)).div_(held[Lambda]);
        var s = xn - xP / foldIn.DiagP.unsqueeze(0);
        var full = torch.full(ratedMovies.Count, RatingSet.MovieCount, held[double.NegativeInfinity], dtype: ScalarType.Float32);
        full.index_copy_(1, tensor(_kept.Select(m => (long)m).ToArray()), s);
        return full.MoveToOuterDisposeScope();
    }

    /// <summary>The movies of largest positive weight in each movie's row of B (what having seen it adds to another
    /// movie's score), never the movie itself: the scores of someone who saw that movie alone, one row of B.</summary>
    /// <exception cref="ContrastiveRecException">MovieNotInModel: a movie is not among the kept movies.</exception>
    public (int[] Movies, float[] Scores)[] SimilarMovies(int[] movies, int count, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        foreach (var m in movies)
            if (_column[m] < 0)
                throw Similarity.MovieNotInModel(this, m, CapWasAutomatic
                    ? FormattableString.Invariant($"EASE kept only the {KeptMovies:N0} most-rated movies that fit its memory budget")
                    : FormattableString.Invariant($"EASE kept only the movies with at least {MinMovieRatings:N0} train ratings"),
                    "Ask about a movie the model kept, or build EASE with a smaller -MinMovieRatings.");
        var result = new (int[], float[])[movies.Length];
        const int perBlock = 256; // bounds the rows at 256 x movies floats
        for (var from = 0; from < movies.Length; from += perBlock)
        {
            ct.ThrowIfCancellationRequested();
            var block = movies.AsSpan(from, Math.Min(perBlock, movies.Length - from)).ToArray();
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var rows = ScoreNewcomers(block.Select(m => new[] { m }).ToArray()).contiguous();
            var at = NativeTensor.Elements<float>(rows);
            for (var i = 0; i < block.Length; i++) NativeTensor.Span<float>(at, (long)i * RatingSet.MovieCount + block[i], 1)[0] = float.NegativeInfinity;
            var top = TopK.Rows(rows, count, 0f);
            for (var i = 0; i < block.Length; i++) result[from + i] = top[i];
        }
        return result;
    }

    bool IFoldsInNewcomers.CanFoldInNewcomers => true;

    Tensor IFoldsInNewcomers.ScoreNewcomers(IReadOnlyList<NewcomerProfile> profiles) => ScoreNewcomers(profiles.Select(p => p.Movies).ToArray());

    public string Settings => FormattableString.Invariant(
        $"lambda {Lambda}{(MinMovieRatings > 1 ? $", >= {MinMovieRatings} ratings" : "")}, {KeptMovies:N0} movies");

    public string Built
    {
        get
        {
            var why = CapWasAutomatic
                ? FormattableString.Invariant($": the most-rated that fit its memory budget of {MemoryBudget / 1e9:0.0} GB")
                : UsedUserForm ? ", through the users form" : "";
            return FormattableString.Invariant($"EASE kept {KeptMovies:N0} of {RatingSet.MovieCount:N0} movies ({RatingShareCovered:P1} of train ratings){why}");
        }
    }

    public override string ToString() =>
        CapWasAutomatic
            ? $"EASE (lambda {Lambda}, the {KeptMovies:N0} most-rated movies that fit its memory budget, {RatingShareCovered:P1} of train ratings) on {RatingSet}"
            : $"EASE (lambda {Lambda}, {KeptMovies:N0} movies, {RatingShareCovered:P1} of train ratings) on {RatingSet}";
}
