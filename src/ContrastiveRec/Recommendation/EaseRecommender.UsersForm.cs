using ContrastiveRec.Data;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

// The users x users form of EASE (fewer users than movies), apart from the movies form for the file's length.
public sealed partial class EaseRecommender
{
    private (float[] Scores, (Tensor, Tensor, Tensor) FoldIn) BuildUsersForm(RatingSet set, int[] kept, EaseGram? sweep)
    {
        int users = set.UserCount, movies = kept.Length, catalogue = set.MovieCount;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var s = new HeldScalars();
        var known = sweep is not null && sweep.Matches(kept, usersForm: true) ? sweep.Users : null;
        var X = known?.X ?? UserRows(set, users, movies);
        // (X'X + lI)^-1 = (I - X'(XX' + lI)^-1 X) / l, so X P = K^-1 X with K = XX' + lI, and
        // diag(P) = (1 - colsum(X o K^-1 X)) / l; then X B = X - (X P) diag(P)^-1 (the diagonal of B is 0).
        Tensor KInverse, d;
        using (var inner = NewDisposeScope())
        {
            if (sweep is null) KInverse = linalg.inv(X.matmul(X.t()).add_(eye(users, dtype: ScalarType.Float64), s[Lambda])).MoveToOuterDisposeScope();
            else
            {
                // A sweep keeps X and XX' for the next lambda, so K is made beside them rather than in XX''s place.
                var xxt = known?.XXt ?? X.matmul(X.t());
                if (known is null) sweep.KeepUsers(kept, X, xxt);
                KInverse = linalg.inv(xxt.add(eye(users, dtype: ScalarType.Float64), s[Lambda])).MoveToOuterDisposeScope();
            }
        }
        var KX = KInverse.matmul(X);
        using (var inner = NewDisposeScope())
        {
            d = X.mul(KX).sum(dim: 0).neg_().add_(s[1], s[1]).div_(s[Lambda]).MoveToOuterDisposeScope(); // not sum(0): a literal 0 binds to the dtype overload
        }
        var S = KX.div_(d.unsqueeze(0)).neg_().add_(X, s[1]); // X - KX / d, in KX's memory (x + (-y) is x - y exactly)
        var foldIn = (X.to(ScalarType.Float32).MoveToOuterDisposeScope(), KInverse.to(ScalarType.Float32).MoveToOuterDisposeScope(), d.to(ScalarType.Float32).MoveToOuterDisposeScope());
        // Movies left out of the model have no score: they are never recommended.
        var scores = new float[(long)users * catalogue];
        Array.Fill(scores, float.NegativeInfinity);
        var kept32 = NativeTensor.Elements<float>(S.to(ScalarType.Float32));
        for (var u = 0; u < users; u++)
        {
            var row = NativeTensor.Span<float>(kept32, (long)u * movies, movies);
            for (var j = 0; j < movies; j++) scores[(long)u * catalogue + kept[j]] = row[j];
        }
        return (scores, foldIn);
    }

    // X, the users' kept train movies as 0/1 rows, written in place (a .NET copy would double it); every intermediate
    // after it is freed or overwritten as soon as it is used: the peak is what UsersFormBytes counts.
    private Tensor UserRows(RatingSet set, int users, int movies)
    {
        var X = zeros(users, movies, dtype: ScalarType.Float64);
        var x = NativeTensor.Elements<double>(X);
        for (var u = 0; u < users; u++)
        {
            var row = NativeTensor.Span<double>(x, (long)u * movies, movies);
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
                if (!set.Split.IsTestRow[r] && _column[set.MovieColumn[r]] >= 0) row[_column[set.MovieColumn[r]]] = 1;
        }
        return X;
    }
}
