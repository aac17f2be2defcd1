using ContrastiveRec.Data;
using static TorchSharp.torch;

namespace ContrastiveRec.Analysis;

/// <summary>Descriptive statistics of a RatingSet, the first thing to look at before training. The histogram is a
/// <see cref="JoinedList{T}"/>, so a CSV export writes its bins ("0.5:1370|1:2811|..."), not a type name.</summary>
public sealed record RatingSetSummary(
    string Source,
    MovieLensLayout Layout,
    int Users,
    int Movies,
    int RatedMovies,
    int Ratings,
    int Train,
    int Test,
    string Split,
    double Density,
    double MeanRating,
    double RatingStdDev,
    float MinRating,
    float MaxRating,
    IReadOnlyList<RatingCount> RatingHistogram,
    int MinRatingsPerUser,
    double MedianRatingsPerUser,
    int MaxRatingsPerUser,
    int MinRatingsPerMovie,
    double MedianRatingsPerMovie,
    int MaxRatingsPerMovie,
    DateTimeOffset? FirstRating,
    DateTimeOffset? LastRating,
    Feedback Feedback)
{
    /// <summary>Computes the summary with libtorch tensor reductions over the rating columns.</summary>
    public static RatingSetSummary Of(RatingSet set)
    {
        if (set.RatingCount == 0)
            throw new ContrastiveRecException("EmptyRatingSet", RefusalCategory.InvalidData, "The rating set has no ratings to summarise.",
                "Give Measure-RatingSet a set with ratings, such as Import-MovieLens output.", set);
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();

        var ratings = NativeTensor.From(set.RatingColumn, set.RatingColumn.Length);
        var bins = new List<RatingCount>();
        if (set.Feedback.Scale == RatingScale.MovieLens)
        {
            // Half stars: one bincount, far quicker than the general count below at ml-25m size.
            var halfStars = ratings.mul(held[2]).round().to(ScalarType.Int64);
            var histogram = bincount(halfStars, minlength: 11).data<long>().ToArray();
            for (var i = 1; i < histogram.Length; i++)
                if (histogram[i] > 0) bins.Add(new RatingCount(i / 2f, histogram[i]));
        }
        else
        {
            // Any scale (1-10, 0-1, negative, implicit counts): one bin per distinct value.
            var (values, _, counts) = ratings.unique(sorted: true, return_counts: true);
            var v = values.data<float>().ToArray();
            var c = counts!.data<long>().ToArray();
            for (var i = 0; i < v.Length; i++) bins.Add(new RatingCount(v[i], c[i]));
        }

        var perUser = tensor(set.UserOffsets).diff();
        var perMovieAll = bincount(tensor(set.MovieColumn).to(ScalarType.Int64), minlength: set.MovieCount);
        var perMovie = perMovieAll.masked_select(perMovieAll.gt(held.Integer(0)));
        // A set without timestamps has no first or last rating to tell.
        var times = set.HasTimestamps ? tensor(set.TimestampColumn) : null;

        return new RatingSetSummary(
            set.Source,
            set.Layout,
            set.UserCount,
            set.MovieCount,
            (int)perMovie.numel(),
            set.RatingCount,
            set.TrainCount,
            set.TestCount,
            set.Split.ToString(),
            (double)set.RatingCount / ((double)set.UserCount * perMovie.numel()),
            ratings.to(ScalarType.Float64).mean().item<double>(),
            ratings.to(ScalarType.Float64).std().item<double>(),
            set.MinRating,
            set.MaxRating,
            new JoinedList<RatingCount>(bins),
            perUser.min().item<int>(),
            Median(perUser),
            perUser.max().item<int>(),
            (int)perMovie.min().item<long>(),
            Median(perMovie),
            (int)perMovie.max().item<long>(),
            times is null ? null : DateTimeOffset.FromUnixTimeSeconds(times.min().item<long>()),
            times is null ? null : DateTimeOffset.FromUnixTimeSeconds(times.max().item<long>()),
            set.Feedback);
    }

    private static double Median(Tensor counts) => counts.to(ScalarType.Float64).quantile(0.5).item<double>();
}
