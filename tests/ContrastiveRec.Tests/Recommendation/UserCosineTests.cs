using ContrastiveRec.Data;
using ContrastiveRec.Recommendation;
using Xunit;
using static TorchSharp.torch;

namespace ContrastiveRec.Tests.Recommendation;

public class UserCosineTests
{
    private static readonly Lazy<RatingSet> Bundled = new(() => MovieLensReader.Read(TestPaths.BundledData));

    // The similarity UserKnn had before the inverted index: the sparse users x movies matrix times the users' rows as dense columns.
    private static (int[] Users, float[] Similarities)[] SparseProductNeighbors(RatingSet set, int count)
    {
        var matrix = TrainMatrix.Build(set, normalizeUsers: true);
        var ids = Enumerable.Range(0, set.UserCount).Select(u => (long)u).ToArray();
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var sims = matrix.Sparse(transpose: false).mm(matrix.DenseColumns(ids)).t().contiguous();
        sims.index_put_(tensor(float.NegativeInfinity), tensor(ids), tensor(ids));
        return TopK.Rows(sims, count, float.NegativeInfinity);
    }

    [Fact]
    public void The_inverted_index_finds_the_neighbours_the_sparse_product_found()
    {
        var set = Bundled.Value;
        var all = Enumerable.Range(0, set.UserCount).ToArray();
        var expected = SparseProductNeighbors(set, 10);
        var actual = UserCosine.Build(set).Neighbors(all, 10, null, default);
        for (var u = 0; u < all.Length; u++)
        {
            Assert.Equal(expected[u].Users, actual[u].Users);
            for (var i = 0; i < expected[u].Similarities.Length; i++)
                Assert.Equal(expected[u].Similarities[i], actual[u].Similarities[i], 5e-6f);
        }
    }

    [Fact]
    public void A_few_users_row_by_row_get_the_same_floats_as_all_users_pair_by_pair()
    {
        var set = Bundled.Value;
        var cosine = UserCosine.Build(set);
        var all = cosine.Neighbors(Enumerable.Range(0, set.UserCount).ToArray(), 20, null, default);
        var few = new[] { 0, 17, 300, set.UserCount - 1 };
        var rows = cosine.Neighbors(few, 20, null, default);
        for (var i = 0; i < few.Length; i++)
        {
            Assert.Equal(all[few[i]].Users, rows[i].Users);
            Assert.Equal(all[few[i]].Similarities, rows[i].Similarities);
            Assert.DoesNotContain(few[i], rows[i].Users);
        }
    }

    [Fact]
    public void A_row_is_the_cosine_of_two_users_train_ratings()
    {
        var set = Bundled.Value;
        var row = UserCosine.Build(set).Row(0);
        double Cosine(int u, int v)
        {
            var a = Train(u);
            var b = Train(v);
            var dot = a.Keys.Intersect(b.Keys).Sum(m => (double)a[m] * b[m]);
            return dot / Math.Sqrt(a.Values.Sum(x => (double)x * x) * b.Values.Sum(x => (double)x * x));
        }
        Dictionary<int, float> Train(int u)
        {
            var d = new Dictionary<int, float>();
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
                if (!set.Split.IsTestRow[r]) d[set.MovieColumn[r]] = set.RatingColumn[r];
            return d;
        }
        Assert.Equal(1.0, row[0], 5);
        foreach (var v in new[] { 1, 2, 100, 500 }) Assert.Equal(Cosine(0, v), row[v], 5);
        Assert.Contains(row, s => s > 0.1);
    }
}
