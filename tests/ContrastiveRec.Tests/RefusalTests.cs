using ContrastiveRec.Analysis;
using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Recommendation;
using Xunit;

namespace ContrastiveRec.Tests;

/// <summary>The one refusal type: every exception the library defines derives from it, and the refusals that no other
/// part's tests drive carry their id, category and target with a problem and a remedy of their own.</summary>
public class RefusalTests
{
    private static readonly Lazy<RatingSet> Bundled = new(() => MovieLensReader.Read(TestPaths.BundledData));

    [Fact]
    public void Every_exception_the_library_defines_is_a_ContrastiveRecException()
    {
        var defined = typeof(ContrastiveRecException).Assembly.GetTypes().Where(t => t.IsAssignableTo(typeof(Exception))).ToList();
        foreach (var known in new[] { typeof(MovieLensFormatException), typeof(NativeFailureException), typeof(ContrastiveRec.Training.ModelFileException), typeof(BaselineTooLargeException) })
            Assert.Contains(known, defined);
        Assert.All(defined, t => Assert.True(t.IsAssignableTo(typeof(ContrastiveRecException)), $"{t.Name} is not a ContrastiveRecException"));
    }

    [Theory]
    [InlineData(0.0, "above 0 and below 1")]
    [InlineData(1.0, "above 0 and below 1")]
    [InlineData(double.NaN, "above 0 and below 1")]
    [InlineData(0.0001, "leaves no users on one side")]
    public void A_hold_out_share_out_of_range_is_refused_with_the_share(double share, string why)
    {
        var e = Refused.By("HoldOutUsersOutOfRange", RefusalCategory.InvalidArgument, () => Bundled.Value.HoldOutUsers(share, 1));
        Assert.Contains(why, e.Problem);
        Assert.Equal(share, e.Target);
        Assert.Contains("-HoldOutUsers", e.Remedy);
    }

    [Fact]
    public void A_set_without_ratings_has_no_summary()
    {
        var empty = new RatingSet("empty", MovieLensLayout.Csv, IdTable.OfNumbers([]), IdTable.OfNumbers([10]), ["A (2000)"], [2000], [["Drama"]], [0], [0], [0], [], [], [], 0);
        var e = Refused.By("EmptyRatingSet", RefusalCategory.InvalidData, () => RatingSetSummary.Of(empty));
        Assert.Same(empty, e.Target);
    }

    [Fact]
    public void An_unknown_user_is_refused_by_id_where_recommendations_are_asked()
    {
        var popular = RecommenderRegistry.Build(BaselineKind.MostPopular, Bundled.Value);
        var e = Refused.By("UnknownUser", RefusalCategory.ObjectNotFound, () => popular.RecommendFor([1, 987_654], 5).ToList());
        Assert.Equal(987_654, e.Target);
        Assert.Contains("User 987654", e.Problem);
        Assert.Equal(Refused.By("UnknownUser", RefusalCategory.ObjectNotFound, () => Bundled.Value.GetUserIndex(987_654)).Problem, e.Problem);
        Assert.Equal(0, Bundled.Value.GetUserIndex(Bundled.Value.UserIds[0]));
    }

    [Fact]
    public void The_newcomers_protocol_is_refused_without_newcomers()
    {
        var popular = RecommenderRegistry.Build(BaselineKind.MostPopular, Bundled.Value);
        var e = Refused.By("ProtocolNotSupported", RefusalCategory.InvalidOperation, () => RankingEvaluator.Evaluate(popular, EvaluationProtocol.Newcomers, [10]));
        Assert.Contains("Measure-RecallAtK -Newcomers", e.Remedy);
    }

    [Fact]
    public void Clustering_refusals_name_the_user_or_the_count()
    {
        var ids = new object[] { 7, 8, 9 };
        Assert.Equal(8, Refused.By("BadPoints", RefusalCategory.InvalidData, () => KMeans.Validate([[0.0, 1], [double.NaN, 1], [2.0, 2]], 2, ids)).Target);
        Assert.Equal(1, Refused.By("BadPoints", RefusalCategory.InvalidData, () => KMeans.Validate([[0.0, 1], [1.0], [2.0, 2]], 2)).Target);
        Assert.Equal(4, Refused.By("TooManyClusters", RefusalCategory.InvalidArgument, () => KMeans.Validate([[0.0], [1.0], [2.0]], 4, ids)).Target);
        Assert.Null(Refused.By("NoUsers", RefusalCategory.InvalidArgument, () => KMeans.Validate([], 2, [])).Target);
    }
}
