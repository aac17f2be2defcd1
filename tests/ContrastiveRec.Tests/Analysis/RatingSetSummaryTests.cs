using ContrastiveRec.Analysis;
using ContrastiveRec.Data;
using Xunit;

namespace ContrastiveRec.Tests.Analysis;

public class RatingSetSummaryTests
{
    [Fact]
    public void Summarises_a_hand_made_set()
    {
        using var dir = new TempFolder();
        dir.Write("ratings.csv",
            "userId,movieId,rating,timestamp",
            "1,10,4.0,100", "1,20,3.0,200", "1,30,5.0,300",
            "2,10,2.0,150", "2,20,4.0,250", "2,50,1.5,260",
            "5,10,0.5,50",
            "9,10,1.0,400", "9,20,3.5,500", "9,30,4.5,600", "9,50,2.5,700");
        dir.Write("movies.csv", "movieId,title,genres",
            "10,A (2000),Drama", "20,B (2001),Drama", "30,C (2002),Drama", "40,D (2003),Drama", "50,E (2004),Drama");
        var set = MovieLensReader.Read(dir.Path, new MovieLensReadOptions { TestFraction = 0 });

        var s = RatingSetSummary.Of(set);

        Assert.Equal((4, 5, 4, 11), (s.Users, s.Movies, s.RatedMovies, s.Ratings)); // movie 40 is never rated
        Assert.Equal((11, 0), (s.Train, s.Test));
        Assert.Equal(11.0 / (4 * 4), s.Density, 12);
        // Sum 31.5 over 11 ratings; sum of squares 112.25, so the squared deviations add to 112.25 - 31.5²/11.
        Assert.Equal(31.5 / 11, s.MeanRating, 6);
        Assert.Equal(Math.Sqrt((112.25 - 31.5 * 31.5 / 11) / 10), s.RatingStdDev, 5); // sample (n - 1) deviation
        Assert.Equal((0.5f, 5f), (s.MinRating, s.MaxRating));
        Assert.Equal(
            new[] { (0.5f, 1L), (1f, 1L), (1.5f, 1L), (2f, 1L), (2.5f, 1L), (3f, 1L), (3.5f, 1L), (4f, 2L), (4.5f, 1L), (5f, 1L) },
            s.RatingHistogram.Select(b => (b.Rating, b.Count)));
        // Ratings per user: 3, 3, 1, 4 (sorted 1 3 3 4); per rated movie: 4, 3, 2, 2 (sorted 2 2 3 4).
        Assert.Equal((1, 3.0, 4), (s.MinRatingsPerUser, s.MedianRatingsPerUser, s.MaxRatingsPerUser));
        Assert.Equal((2, 2.5, 4), (s.MinRatingsPerMovie, s.MedianRatingsPerMovie, s.MaxRatingsPerMovie));
        Assert.Equal(50, s.FirstRating!.Value.ToUnixTimeSeconds());
        Assert.Equal(700, s.LastRating!.Value.ToUnixTimeSeconds());
        Assert.Equal(MovieLensLayout.Csv, s.Layout);
    }

    [Fact]
    public void Counts_the_split_it_is_given()
    {
        using var dir = new TempFolder();
        dir.Write("ratings.csv", "userId,movieId,rating,timestamp", "1,1,4.0,1", "1,2,4.0,2", "1,3,4.0,3", "1,4,4.0,4");
        var set = MovieLensReader.Read(dir.Path, new MovieLensReadOptions { TestFraction = 0.5, SplitMethod = SplitMethod.Temporal });
        var s = RatingSetSummary.Of(set);
        Assert.Equal((2, 2), (s.Train, s.Test));
        Assert.Equal(set.Split.ToString(), s.Split);
        Assert.Equal(0, s.RatingStdDev);
    }
}
