using ContrastiveRec.Data;
using ContrastiveRec.Recommendation;
using Xunit;

namespace ContrastiveRec.Tests.Recommendation;

public class ItemGramTests : IDisposable
{
    private readonly TestRatings _files = new();

    public void Dispose() => _files.Dispose();

    // 300 movies: users who rate 280 of them go through the dense product, the others through the scatter; both parts
    // are sums of half-star products, exact in float32 and float64, so G must equal X'X exactly.
    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Every_row_equals_the_dense_product_of_the_train_ratings(bool binary, bool lowerOnly)
    {
        var rng = new Random(11);
        var rows = new List<(int, int, double)>();
        for (var u = 1; u <= 40; u++)
        {
            var count = u % 8 == 0 ? 280 : rng.Next(1, 40);
            foreach (var m in Enumerable.Range(1, 300).OrderBy(_ => rng.Next()).Take(count))
                rows.Add((u, m, 0.5 + rng.Next(10) * 0.5));
        }
        var set = _files.Write(rows, testFraction: 0.1);
        // Every other movie is left out of the Gram, as EASE leaves out the ones it does not keep.
        var columnOf = Enumerable.Range(0, set.MovieCount).Select(m => m % 2 == 0 ? m / 2 : -1).ToArray();
        var columns = (set.MovieCount + 1) / 2;
        var gram = ItemGram.Of(set, columnOf, columns, binary);
        Assert.True(gram.HeavyUsers > 0);

        var expected = new double[columns, columns];
        for (var u = 0; u < set.UserCount; u++)
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
                for (var q = set.UserOffsets[u]; q < set.UserOffsets[u + 1]; q++)
                {
                    if (set.Split.IsTestRow[r] || set.Split.IsTestRow[q]) continue;
                    int a = columnOf[set.MovieColumn[r]], b = columnOf[set.MovieColumn[q]];
                    if (a < 0 || b < 0) continue;
                    expected[a, b] += binary ? 1 : (double)set.RatingColumn[r] * set.RatingColumn[q];
                }

        var actual = new double[columns][];
        var reported = new List<double>();
        gram.Rows(lowerOnly, (a, row) => actual[a] = row.ToArray(), reported.Add);
        for (var a = 0; a < columns; a++)
        {
            Assert.Equal(lowerOnly ? a + 1 : columns, actual[a].Length);
            for (var b = 0; b < actual[a].Length; b++) Assert.Equal(expected[a, b], actual[a][b]);
        }
        Assert.Equal(1.0, reported[^1], 9);
        Assert.Equal(reported.Order(), reported);
    }

    [Fact]
    public void Stops_when_cancelled()
    {
        var set = _files.Write(new (int, int, double)[] { (1, 1, 4.0), (1, 2, 3.0), (2, 1, 5.0) });
        var gram = ItemGram.Of(set, [0, 1], 2, binary: true);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => gram.Rows(false, (_, _) => { }, null, cancelled.Token));
    }
}
