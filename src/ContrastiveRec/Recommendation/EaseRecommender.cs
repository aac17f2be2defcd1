using ContrastiveRec.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// EASE^R (Steck 2019): a closed-form item-item model over all train ratings as implicit feedback, with a zero
/// diagonal. With fewer users than movies (ml-latest-small) the same scores come from the users x users form of the
/// inverse (Woodbury), which is far cheaper; otherwise the movies x movies form. Computed in float64 with libtorch.
/// </summary>
public sealed class EaseRecommender : MovieScoringRecommender, IFoldsInNewcomers
{
    public const double DefaultLambda = 100;
    public const int DefaultMinMovieRatings = 1;

    /// <summary>The largest dense matrix side (min of users and kept movies) EASE will invert: 20,000 (3.2 GB in float64).</summary>
    public const int MaxDenseSide = 20_000;

    private readonly float[] _scores; // [users, movies] of the train users
    private readonly int[] _kept;    // dense movie index of each EASE column

    public EaseRecommender(RatingSet set, double lambda = DefaultLambda, int minMovieRatings = DefaultMinMovieRatings, bool? viaUsers = null, int maxDenseSide = MaxDenseSide) : base(set)
    {
        if (!(lambda > 0) || !double.IsFinite(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "Lambda must be a positive number.");
        if (minMovieRatings < 0) throw new ArgumentOutOfRangeException(nameof(minMovieRatings), minMovieRatings, "MinMovieRatings must be 0 or more.");
        Lambda = lambda;
        MinMovieRatings = minMovieRatings;
        var counts = new int[set.MovieCount];
        for (var r = 0; r < set.RatingCount; r++) if (!set.Split.IsTestRow[r]) counts[set.MovieColumn[r]]++;
        _kept = Enumerable.Range(0, set.MovieCount).Where(m => counts[m] >= minMovieRatings).ToArray();
        int users = set.UserCount, movies = _kept.Length;
        if (Math.Min(users, movies) > maxDenseSide)
            throw new ArgumentException(
                $"EASE needs a dense {Math.Min(users, movies):N0} x {Math.Min(users, movies):N0} matrix, above the limit of {maxDenseSide:N0} per side. " +
                $"Keep only movies with at least N train ratings (-MinMovieRatings) so that {maxDenseSide:N0} or fewer remain.", nameof(set));
        UsedUserForm = viaUsers ?? users < movies;

        var column = new int[set.MovieCount];
        Array.Fill(column, -1);
        for (var j = 0; j < movies; j++) column[_kept[j]] = j;
        var x = new double[users * movies];
        for (var u = 0; u < users; u++)
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
                if (!set.Split.IsTestRow[r] && column[set.MovieColumn[r]] >= 0) x[u * movies + column[set.MovieColumn[r]]] = 1;

        using (NewDisposeScope())
        using (var s = new HeldScalars())
        {
            var X = NativeTensor.From(x, users, movies);
            Tensor S;
            if (UsedUserForm)
            {
                // (X'X + lI)^-1 = (I - X'(XX' + lI)^-1 X) / l, so X P = K^-1 X with K = XX' + lI, and
                // diag(P) = (1 - colsum(X o K^-1 X)) / l; then X B = X - (X P) diag(P)^-1 (the diagonal of B is 0).
                var KInverse = linalg.inv(X.matmul(X.t()).add_(eye(users, dtype: ScalarType.Float64), s[lambda]));
                var KX = KInverse.matmul(X);
                var d = X.mul(KX).sum(dim: 0).neg_().add_(s[1], s[1]).div_(s[lambda]); // not sum(0): a literal 0 binds to the dtype overload
                S = X - KX / d.unsqueeze(0);
                _foldIn = (X.to(ScalarType.Float32).MoveToOuterDisposeScope(), KInverse.to(ScalarType.Float32).MoveToOuterDisposeScope(), d.to(ScalarType.Float32).MoveToOuterDisposeScope(), null);
            }
            else
            {
                var P = linalg.inv(X.t().matmul(X).add_(eye(movies, dtype: ScalarType.Float64), s[lambda]));
                var B = -P / P.diagonal().unsqueeze(0);
                B = B - diag(B.diagonal());
                S = X.matmul(B);
                _foldIn = (null, null, null, B.to(ScalarType.Float32).MoveToOuterDisposeScope());
            }
            // Movies left out of the model have no score: they are never recommended.
            var full = torch.full(users, set.MovieCount, s[double.NegativeInfinity], dtype: ScalarType.Float32);
            full.index_copy_(1, tensor(_kept.Select(m => (long)m).ToArray()), S.to(ScalarType.Float32));
            _scores = full.data<float>().ToArray();
        }
    }

    // What folding in a newcomer needs: X, K^-1 and diag(P) in the users form, or B in the movies form.
    private readonly (Tensor? X, Tensor? KInverse, Tensor? DiagP, Tensor? B) _foldIn;

    public double Lambda { get; }
    public int MinMovieRatings { get; }
    public int KeptMovies => _kept.Length;

    /// <summary>True when the scores came from the users x users form of the inverse.</summary>
    public bool UsedUserForm { get; }
    public override string Name => RecommenderRegistry.Baseline(BaselineKind.Ease).Name;

    protected override Tensor Scores(int[] users)
    {
        var m = RatingSet.MovieCount;
        var rows = new float[users.Length * m];
        for (var i = 0; i < users.Length; i++) Array.Copy(_scores, users[i] * m, rows, i * m, m);
        return NativeTensor.From(rows, users.Length, m);
    }

    /// <summary>Scores of every movie for people not in the train part, from the movies they rated (dense indices):
    /// EASE folds new users in without refitting. [profiles, movies]; the caller disposes the tensor.</summary>
    public Tensor ScoreNewcomers(IReadOnlyList<int[]> ratedMovies)
    {
        var movies = _kept.Length;
        var column = new int[RatingSet.MovieCount];
        Array.Fill(column, -1);
        for (var j = 0; j < movies; j++) column[_kept[j]] = j;
        var x = new float[ratedMovies.Count * movies];
        for (var i = 0; i < ratedMovies.Count; i++)
            foreach (var m in ratedMovies[i])
                if (column[m] >= 0) x[i * movies + column[m]] = 1;
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var xn = NativeTensor.From(x, ratedMovies.Count, movies);
        Tensor s;
        if (_foldIn.B is { } B) s = xn.matmul(B);
        else
        {
            // x B = x - (x P) / diag(P), with x P = (x - (x X') K^-1 X) / l.
            var X = _foldIn.X!;
            var xP = (xn - xn.matmul(X.t()).matmul(_foldIn.KInverse!).matmul(X)).div_(held[Lambda]);
            s = xn - xP / _foldIn.DiagP!.unsqueeze(0);
        }
        var full = torch.full(ratedMovies.Count, RatingSet.MovieCount, held[double.NegativeInfinity], dtype: ScalarType.Float32);
        full.index_copy_(1, tensor(_kept.Select(m => (long)m).ToArray()), s);
        return full.MoveToOuterDisposeScope();
    }

    bool IFoldsInNewcomers.CanFoldInNewcomers => true;

    Tensor IFoldsInNewcomers.ScoreNewcomers(IReadOnlyList<NewcomerProfile> profiles) => ScoreNewcomers(profiles.Select(p => p.Movies).ToArray());

    public override string ToString() => $"EASE (lambda {Lambda}, {KeptMovies:N0} movies) on {RatingSet}";
}
