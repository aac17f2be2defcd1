using ContrastiveRec.Data;
using Xunit;

namespace ContrastiveRec.Tests.Data;

public class BundledDataTests
{
    [Fact]
    public void Reads_ml_latest_small_with_its_published_counts()
    {
        var set = MovieLensReader.Read(TestPaths.BundledData);
        Assert.Equal(610, set.UserCount);
        Assert.Equal(9742, set.MovieCount);
        Assert.Equal(100836, set.RatingCount);
        Assert.Equal(MovieLensLayout.Csv, set.Layout);
        var first = set.GetRatings(1)[0];
        Assert.Equal(1, first.MovieId);
        Assert.Equal(4.0f, first.Value);
        Assert.Equal(964982703, first.Time!.Value.ToUnixTimeSeconds());
    }
}
