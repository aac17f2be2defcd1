using System.Globalization;
using ContrastiveRec.Data;
using ContrastiveRec.Recommendation;
using Xunit;

namespace ContrastiveRec.Tests.Data;

public class RatingSetBuilderTests
{
    /// <summary>A shop's ratings with text ids: customers u-1..u-n, products sku-1..sku-m in two taste groups.</summary>
    internal static RatingSet Shop(int customers = 40, int products = 30, double testFraction = 0.1, int seed = 5)
    {
        var rng = new Random(seed);
        var builder = new RatingSetBuilder("shop");
        // Added in a scrambled order: the set must not depend on it.
        var rows = new List<(string, string, float, long)>();
        for (var c = 1; c <= customers; c++)
            for (var p = 1; p <= products; p++)
            {
                if (rng.NextDouble() >= 0.5) continue;
                var liked = c % 2 == p % 2;
                rows.Add(($"u-{c}", $"sku-{p}", liked ? 4.5f : 1.5f, 1_700_000_000 + c * 100 + p));
            }
        foreach (var (u, p, r, t) in rows.OrderBy(_ => rng.Next())) builder.Add(u, p, r, t);
        return builder.Build(new RatingSetBuildOptions { TestFraction = testFraction, Seed = 42 });
    }

    [Fact]
    public void Text_ids_are_kept_and_every_result_names_them()
    {
        var set = Shop();
        Assert.Equal(40, set.UserCount);
        Assert.Equal(Enumerable.Range(1, 40).Select(c => (object)$"u-{c}"), set.UserIds);
        Assert.Equal("sku-1", set.MovieIds[0]);
        Assert.Equal(MovieLensLayout.Objects, set.Layout);
        Assert.True(set.TestCount > 0);
        var ratings = set.GetRatings("u-17");
        Assert.NotEmpty(ratings);
        Assert.All(ratings, r => Assert.Equal("u-17", r.UserId));
        Assert.All(ratings, r => Assert.StartsWith("sku-", (string)r.MovieId));
        Assert.Equal("sku-3", set.GetMovie("sku-3")!.MovieId);

        var knn = new UserKnnRecommender(set);
        var recs = knn.RecommendFor(["u-17", "u-2"], 5).ToList();
        Assert.Equal(10, recs.Count);
        Assert.Equal(new object[] { "u-17", "u-2" }, recs.Select(r => r.UserId).Distinct());
        // u-17 is odd: its neighbours like the odd products.
        Assert.All(recs.Where(r => Equals(r.UserId, "u-17")), r => Assert.Equal(1, int.Parse(((string)r.MovieId)[4..], CultureInfo.InvariantCulture) % 2));
        Assert.All(recs.SelectMany(r => r.SuggestedBy), id => Assert.StartsWith("u-", (string)id));
        Assert.Equal("UnknownUser", Assert.Throws<ContrastiveRecException>(() => knn.RecommendFor(["u-999"], 5).ToList()).ErrorId);
    }

    [Fact]
    public void Derived_sets_keep_the_text_ids_of_their_users()
    {
        var set = Shop();
        var holdOut = set.HoldOutUsers(0.25, seed: 3);
        Assert.Equal(set.UserCount, holdOut.Training.UserCount + holdOut.Newcomers.UserCount);
        Assert.Equal(set.UserIds.Cast<string>().Order(StringComparer.Ordinal), holdOut.Training.UserIds.Concat(holdOut.Newcomers.UserIds).Cast<string>().Order(StringComparer.Ordinal));
        foreach (var part in new[] { holdOut.Training, holdOut.Newcomers })
            for (var u = 0; u < part.UserCount; u++)
            {
                var id = part.UserIds[u];
                Assert.Equal(set.GetRatings(id).Select(r => r.MovieId), part.GetRatings(id).Select(r => r.MovieId));
            }
        Assert.Equal(set.MovieIds, holdOut.Newcomers.MovieIds);
        var train = set.TrainPart(0.2, seed: 1);
        Assert.Equal(set.UserIds, train.UserIds);
        Assert.Equal(set.TrainCount, train.RatingCount);
    }

    [Fact]
    public void Whole_numbers_given_as_text_make_the_same_set_as_the_MovieLens_reader()
    {
        using var files = new TestRatings();
        var read = files.WriteGroups(testFraction: 0.2);
        var builder = new RatingSetBuilder();
        // As Import-Csv gives them: every field a string, in file order.
        foreach (var line in File.ReadLines(Path.Combine(files.Folder, "ratings.csv")).Skip(1))
        {
            var f = line.Split(',');
            builder.Add(f[0], f[1], float.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture));
        }
        var built = builder.Build(new RatingSetBuildOptions { TestFraction = 0.2, Seed = 42 });
        Assert.Equal(read.UserIds, built.UserIds); // boxed ints, not strings
        Assert.IsType<int>(built.UserIds[0]);
        Assert.IsType<int>(built.MovieIds[0]);
        Assert.Equal(read.MovieColumn, built.MovieColumn);
        Assert.Equal(read.Split.IsTestRow, built.Split.IsTestRow);
        Assert.Equal(DataFingerprint.TrainHashOf(read), DataFingerprint.TrainHashOf(built));
    }

    [Fact]
    public void Numbers_and_their_text_are_one_id_and_a_fingerprint_tells_text_sets_apart()
    {
        var a = new RatingSetBuilder();
        a.Add(31, 7L, 4f, 0);
        a.Add("31", 8.0, 3f, 0);
        a.Add(2, "7", 5f, 0);
        var set = a.Build();
        Assert.Equal(new object[] { 2, 31 }, set.UserIds);
        Assert.Equal(new object[] { 7, 8 }, set.MovieIds);

        RatingSet Texts(string second)
        {
            var b = new RatingSetBuilder();
            b.Add("a", "x", 4f, 0);
            b.Add(second, "x", 4f, 0);
            return b.Build(new RatingSetBuildOptions { TestFraction = 0.01 });
        }
        Assert.NotEqual(DataFingerprint.TrainHashOf(Texts("b")), DataFingerprint.TrainHashOf(Texts("c")));
        Assert.Equal(DataFingerprint.TrainHashOf(Texts("b")), DataFingerprint.TrainHashOf(Texts("b")));
    }

    [Fact]
    public void Bad_interactions_are_refused_naming_the_object()
    {
        var b = new RatingSetBuilder();
        b.Add("u-1", "sku-1", 4f, 0);
        var empty = Refused.By("MalformedValue", RefusalCategory.InvalidData, () => b.Add("", "sku-2", 4f, 0));
        Assert.Contains("Object 2: the user is empty", empty.Problem);
        Refused.By("MalformedValue", RefusalCategory.InvalidData, () => b.Add("u-1", new object(), 4f, 0));
        Refused.By("MalformedValue", RefusalCategory.InvalidData, () => b.Add("u-1", "sku-2", float.NaN, 0));
        Assert.Equal(1, b.Count); // nothing half-added
        b.Add("u-1", "sku-1", 3f, 0);
        var twice = Refused.By("DuplicateRating", RefusalCategory.InvalidData, () => b.Build());
        Assert.Contains("sku-1", twice.Problem);
        Refused.By("EmptyRatingSet", RefusalCategory.InvalidData, () => new RatingSetBuilder().Build());
    }

    [Fact]
    public void A_time_column_in_milliseconds_is_kept_in_seconds()
    {
        var b = new RatingSetBuilder();
        InteractionFields fields = new("u", "i", null, "t");
        foreach (var (u, i, t) in new[] { ("a", "x", (object)1_709_251_200_500L), ("a", "y", 1_709_251_260_000L), ("b", "x", 5L) })
        {
            var row = new Dictionary<string, object> { ["u"] = u, ["i"] = i, ["t"] = t };
            b.Add(fields, (string name, out object? value) => row.TryGetValue(name, out value));
        }
        var set = b.Build(new RatingSetBuildOptions { TestFraction = 0 });
        Assert.Equal(new long?[] { 1_709_251_200, 1_709_251_260 }, set.GetRatings("a").Select(r => r.Time?.ToUnixTimeSeconds()));
        Assert.Equal(0, set.GetRatings("b")[0].Time!.Value.ToUnixTimeSeconds()); // 5 ms
        Assert.True(set.Feedback.IsImplicit);
    }

    [Fact]
    public void Ratings_off_a_given_scale_are_refused_when_built_naming_the_object()
    {
        var b = new RatingSetBuilder();
        b.Add("u-1", "sku-1", 4f, 0);
        b.Add("u-2", "sku-1", 7f, 0);
        var e = Refused.By("RatingOutOfRange", RefusalCategory.InvalidData,
            () => b.Build(new RatingSetBuildOptions { Feedback = new FeedbackOptions { Scale = RatingScale.MovieLens } }));
        Assert.StartsWith("pipeline:2: rating 7 is outside the scale 0.5 to 5.", e.Problem);
        // Without a scale the data's own range is taken, and the threshold sits where 3.5 sits on 0.5-5.
        var c = new RatingSetBuilder();
        c.Add("u-1", "sku-1", 1f, 0);
        c.Add("u-2", "sku-1", 10f, 0);
        var set = c.Build(new RatingSetBuildOptions { TestFraction = 0 });
        Assert.Equal(new RatingScale(1, 10), set.Feedback.Scale);
        Assert.Equal(7, set.Feedback.RelevanceThreshold, 9);
        Assert.False(set.Feedback.IsImplicit);
    }

    [Theory]
    [InlineData("1700000000", 1_700_000_000L)]
    [InlineData("2024-03-01", 1_709_251_200L)]
    [InlineData("2024-03-01T12:00:00Z", 1_709_294_400L)]
    [InlineData("2024-03-01T13:00:00+01:00", 1_709_294_400L)]
    public void Times_are_seconds_or_ISO_8601_text(string text, long seconds)
    {
        Assert.True(InteractionFields.TryTimestamp(text, out var s));
        Assert.Equal(seconds, s);
    }

    [Fact]
    public void Times_of_other_kinds_and_out_of_range_are_told_apart()
    {
        Assert.True(InteractionFields.TryTimestamp(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Unspecified), out var s));
        Assert.Equal(1_709_251_200L, s);
        Assert.True(InteractionFields.TryTimestamp(new DateTimeOffset(2024, 3, 1, 1, 0, 0, TimeSpan.FromHours(1)), out s));
        Assert.Equal(1_709_251_200L, s);
        Assert.True(InteractionFields.TryTimestamp(1_709_251_200.0, out s));
        Assert.False(InteractionFields.TryTimestamp("03/01/2024", out _)); // not ISO: whose day and month?
        Assert.False(InteractionFields.TryTimestamp("soon", out _));
        Assert.False(InteractionFields.TryTimestamp(1.5, out _));
        Assert.False(InteractionFields.TryTimestamp(long.MaxValue, out _)); // no date holds it
        Assert.False(InteractionFields.TryTimestamp(1_709_251_200_000L, out _)); // milliseconds are not seconds...
        Assert.True(InteractionFields.TryTimestamp(1_709_251_200_000L, out var ms, out var isMs)); // ...but are taken as such
        Assert.True(isMs);
        Assert.Equal(1_709_251_200_000L, ms);
        Assert.False(InteractionFields.TryTimestamp("1709251200000", out _, out _)); // text is seconds or a date
    }

    [Fact]
    public void Fields_are_found_by_their_usual_names_whatever_the_case()
    {
        var shop = InteractionFields.Find(["Customer", "Product", "Stars", "Date"]);
        Assert.Equal(new InteractionFields("Customer", "Product", "Stars", "Date"), shop);
        var lens = InteractionFields.Find(["userId", "movieId", "rating", "timestamp"]);
        Assert.Equal(new InteractionFields("userId", "movieId", "rating", "timestamp"), lens);
        Assert.Null(InteractionFields.Find(["user", "item", "score"]).Timestamp);
        Assert.Equal("who", InteractionFields.Find(["who", "item", "score"], user: "who").User);
        var missing = Refused.By("MissingProperty", RefusalCategory.InvalidData, () => InteractionFields.Find(["who", "item", "score"]));
        Assert.Contains("'who'", missing.Problem);
        Assert.Contains("-UserProperty", missing.Remedy);
    }
}
