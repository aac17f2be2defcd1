using ContrastiveRec.Analysis;
using ContrastiveRec.Data;
using Xunit;

namespace ContrastiveRec.Tests.Data;

/// <summary>What ratings mean on any scale: the scale and relevance threshold a set holds, implicit counts, sets
/// without timestamps, timestamps no date can hold, and the duplicates policy.</summary>
public class FeedbackTests
{
    private static RatingSet Of(int[] users, int[] movies, float[] ratings, long[]? times, FeedbackOptions? feedback = null) =>
        ColumnSets.Of("hand-made", users, movies, ratings, times, feedback);

    [Theory]
    [InlineData(0.5, 5, 3.5)]
    [InlineData(1, 10, 7)]
    [InlineData(1, 5, 1 + 4 * 3 / 4.5)]
    [InlineData(0, 100, 100 * 3 / 4.5)]
    public void The_default_threshold_sits_where_3_5_sits_on_the_MovieLens_scale(double lowest, double highest, double expected) =>
        Assert.Equal(expected, Feedback.DefaultThreshold(new RatingScale(lowest, highest)), 12);

    [Fact]
    public void Places_on_one_scale_land_exactly_on_another_whose_ends_are_halves()
    {
        var ten = new RatingScale(1, 10);
        Assert.Equal(7, ten.Place(3.5, RatingScale.MovieLens));
        Assert.Equal(8, ten.Place(4, RatingScale.MovieLens));
        Assert.Equal(6, ten.Place(3, RatingScale.MovieLens));
        Assert.Equal(3.5, RatingScale.MovieLens.Place(7, ten));
        Assert.Equal(3.7, RatingScale.MovieLens.Place(3.7, RatingScale.MovieLens)); // the same scale: as written
        Assert.Throws<ArgumentOutOfRangeException>(() => new RatingScale(5, 1));
    }

    [Fact]
    public void A_set_takes_its_scale_from_the_data_unless_given_and_keeps_its_feedback_through_splits_and_parts()
    {
        var set = Of([1, 1, 2, 2, 3, 3], [1, 2, 1, 2, 1, 2], [2, 9, 4, 10, 7, 6], [1, 2, 3, 4, 5, 6]);
        Assert.Equal(new RatingScale(2, 10), set.Feedback.Scale);
        Assert.Equal(2 + 8 * 3 / 4.5, set.Feedback.RelevanceThreshold, 12);
        Assert.False(set.Feedback.IsImplicit);

        var given = Of([1, 1, 2], [1, 2, 1], [2, 9, 4], null, new FeedbackOptions { Scale = new RatingScale(1, 10), RelevanceThreshold = 8 });
        Assert.Equal(new Feedback(new RatingScale(1, 10), 8), given.Feedback);
        var split = given.WithSplit(SplitMethod.Random, 0.5, 1);
        Assert.Same(given.Feedback, split.Feedback);
        Assert.Same(given.Feedback, split.TrainPart(0.5, 1).Feedback);
        var four = Of([1, 1, 2, 2, 3, 3, 4, 4], [1, 2, 1, 2, 1, 2, 1, 2], [1, 2, 3, 4, 5, 6, 7, 8], null,
            new FeedbackOptions { Scale = new RatingScale(1, 10), RelevanceThreshold = 8 });
        var held = four.HoldOutUsers(0.5, 1);
        Assert.Same(four.Feedback, held.Training.Feedback);
        Assert.Same(four.Feedback, held.Newcomers.Feedback);
    }

    [Fact]
    public void MovieLens_files_are_read_on_their_scale_with_the_study_threshold()
    {
        using var files = new TestRatings();
        var set = files.Write([(1, 1, 4.0), (1, 2, 2.0), (2, 1, 3.0)]);
        Assert.Same(Feedback.MovieLens, set.Feedback);
        Assert.True(set.HasTimestamps);
    }

    [Fact]
    public void A_rating_off_a_given_scale_is_refused_with_its_line()
    {
        var e = Assert.IsType<MovieLensFormatException>(Refused.By("RatingOutOfRange", RefusalCategory.InvalidData,
            () => Of([1, 1, 2], [1, 2, 1], [2, 11, 4], null, new FeedbackOptions { Scale = new RatingScale(1, 10) })));
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("1 to 10", e.Problem);
    }

    [Fact]
    public void Implicit_data_counts_repeats_and_makes_every_interaction_relevant()
    {
        // User 1 chose item 7 three times, item 5 once; user 2 item 5 twice. Ratings given with implicit data are ignored.
        var set = Of([1, 2, 1, 1, 2, 1], [7, 5, 5, 7, 5, 7], [9, 9, 9, 9, 9, 9], [10, 20, 30, 40, 50, 60], new FeedbackOptions { IsImplicit = true });
        Assert.True(set.Feedback.IsImplicit);
        Assert.Equal(1, set.Feedback.RelevanceThreshold);
        Assert.Equal(new RatingScale(1, 3), set.Feedback.Scale);
        Assert.Equal(3, set.RatingCount);
        var one = set.GetRatings(1);
        // Each pair at the place of its first row: item 7 (first at row 1), then item 5.
        Assert.Equal(new object[] { 7, 5 }, one.Select(r => r.MovieId));
        Assert.Equal(new[] { 3f, 1f }, one.Select(r => r.Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(60), one[0].Time); // the latest of its interactions
        Assert.Equal(2f, Assert.Single(set.GetRatings(2)).Value);
        Assert.All(set.RatingColumn, r => Assert.True(set.Feedback.IsRelevant(r)));
    }

    [Fact]
    public void Explicit_duplicates_are_refused_by_default_naming_both_lines()
    {
        var e = Assert.IsType<MovieLensFormatException>(Refused.By("DuplicateRating", RefusalCategory.InvalidData,
            () => Of([1, 2, 1], [7, 7, 7], [4, 3, 5], null)));
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("at line 1", e.Problem);
    }

    [Theory]
    [InlineData(DuplicatePolicy.KeepLast, 2f, 20)]
    [InlineData(DuplicatePolicy.Mean, 3.5f, 30)]
    public void Explicit_duplicates_keep_the_last_or_the_mean_when_told(DuplicatePolicy policy, float rating, long time)
    {
        var set = Of([1, 1, 1, 1, 2], [7, 5, 7, 7, 7], [4, 1, 4.5f, 2, 3], [10, 5, 30, 20, 1], new FeedbackOptions { Duplicates = policy });
        var one = set.GetRatings(1);
        Assert.Equal(new object[] { 7, 5 }, one.Select(r => r.MovieId));
        Assert.Equal(rating, one[0].Value, 5);
        // Item 7 of user 1 is on rows 1, 3 and 4: KeepLast takes row 4 (2 at time 20), Mean (4 + 4.5 + 2) / 3 at the latest time.
        Assert.Equal(time, one[0].Time!.Value.ToUnixTimeSeconds());
        Assert.Equal(1f, one[1].Value);
        Assert.Equal(3f, Assert.Single(set.GetRatings(2)).Value);
        Assert.Equal(policy, set.Feedback.Duplicates);
    }

    [Fact]
    public void A_set_without_timestamps_refuses_a_temporal_split_by_name_and_shows_no_dates()
    {
        var set = Of([1, 1, 1, 2, 2, 2], [1, 2, 3, 1, 2, 3], [1, 2, 3, 4, 5, 4], null);
        Assert.False(set.HasTimestamps);
        var e = Refused.By("NoTimestamps", RefusalCategory.InvalidOperation, () => set.WithSplit(SplitMethod.Temporal, 0.3, 1));
        Assert.Contains("-SplitMethod Random", e.Remedy);
        Refused.By("NoTimestamps", RefusalCategory.InvalidOperation, () => set.WithSplit(SplitMethod.Random, 0.3, 1).TrainPart(0.3, 1, SplitMethod.Temporal));
        var split = set.WithSplit(SplitMethod.Random, 0.3, 1);
        Assert.Equal(2, split.TestCount);
        Assert.All(split.GetRatings(1), r => Assert.Null(r.Time));
        Assert.False(split.TrainPart(0.3, 1).HasTimestamps);
        var summary = RatingSetSummary.Of(split);
        Assert.Null(summary.FirstRating);
        Assert.Null(summary.LastRating);
    }

    [Fact]
    public void A_timestamp_no_date_can_hold_is_refused_with_its_line()
    {
        // Milliseconds where seconds belong: year 55,000 and more.
        var e = Assert.IsType<MovieLensFormatException>(Refused.By("TimestampOutOfRange", RefusalCategory.InvalidData,
            () => Of([1, 1, 2], [1, 2, 1], [1, 2, 3], [964_982_703, 1_700_000_000_000, 964_982_703])));
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("milliseconds", e.Problem);
        Assert.True(Rating.IsDate(Rating.LatestTime) && !Rating.IsDate(Rating.LatestTime + 1) && !Rating.IsDate(Rating.EarliestTime - 1));
    }

    [Fact]
    public void The_MovieLens_reader_refuses_a_millisecond_timestamp_with_file_and_line()
    {
        using var files = new TestRatings();
        Directory.CreateDirectory(files.Folder);
        var path = Path.Combine(files.Folder, "ratings.csv");
        File.WriteAllText(path, "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,2,3.0,964982703000\n");
        var e = Assert.IsType<MovieLensFormatException>(Refused.By("TimestampOutOfRange", RefusalCategory.InvalidData, () => MovieLensReader.Read(path)));
        Assert.Equal(3, e.LineNumber);
        Assert.StartsWith($"{path}:3: timestamp 964982703000 is not a date", e.Problem);
    }

    [Fact]
    public void A_summary_counts_each_rating_on_any_scale()
    {
        var set = Of([1, 1, 2, 2, 3], [1, 2, 1, 2, 1], [1, 10, 7, 7, 0.25f], [1, 2, 3, 4, 5]);
        var bins = RatingSetSummary.Of(set).RatingHistogram;
        Assert.Equal(new[] { 0.25f, 1f, 7f, 10f }, bins.Select(b => b.Rating));
        Assert.Equal(new long[] { 1, 1, 2, 1 }, bins.Select(b => b.Count));
    }
}
