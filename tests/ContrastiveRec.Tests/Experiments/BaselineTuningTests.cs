using ContrastiveRec.Experiments;
using ContrastiveRec.Recommendation;
using Xunit;

namespace ContrastiveRec.Tests.Experiments;

public class BaselineTuningTests
{
    [Fact]
    public void EASE_without_a_lambda_takes_the_best_of_the_grid_on_validation()
    {
        using var data = new TestRatings();
        var set = data.WriteGroups(testFraction: 0.2);
        var ease = BaselineTuning.Build(BaselineKind.Ease, set);
        var model = SearchModel.ForBaseline(BaselineKind.Ease);
        var search = ParameterSearch.Run(set, model, SearchSpace.Parse(BaselineTuning.DefaultSpace(BaselineKind.Ease)!, model, SearchMethod.Grid));
        var lambda = ((EaseRecommender)ease.Inner).Lambda;
        Assert.Equal((double)search.Best!.Parameters["Lambda"]!, lambda);
        Assert.Contains(lambda, BaselineTuning.EaseLambdas);
        Assert.Equal("lambda chosen on validation recall@20 over 50..1600", ease.Choice);
        Assert.StartsWith(FormattableString.Invariant($"lambda {lambda}, "), ease.Settings);
        Assert.EndsWith("; lambda chosen on validation recall@20 over 50..1600", ease.Settings);
        Assert.Contains(FormattableString.Invariant($"Lambda = {lambda} was chosen"), ease.ChoiceDetail);
        Assert.True(ease.TuningTime > TimeSpan.Zero);
        // Built on the whole train part, not the validation part's.
        Assert.Same(set, ease.RatingSet);
    }

    [Fact]
    public void A_given_value_is_used_as_given()
    {
        using var data = new TestRatings();
        var set = data.WriteGroups();
        var ease = BaselineTuning.Build(BaselineKind.Ease, set, new BaselineSettings { EaseLambda = 7 }, given: ["lambda"]);
        Assert.Equal(7, ((EaseRecommender)ease.Inner).Lambda);
        Assert.Null(ease.Choice);
        Assert.Equal(TimeSpan.Zero, ease.TuningTime);
        // Kinds with nothing to choose are the registry's build.
        var itemKnn = BaselineTuning.Build(BaselineKind.ItemKnn, set);
        Assert.Null(itemKnn.Choice);
    }
}
