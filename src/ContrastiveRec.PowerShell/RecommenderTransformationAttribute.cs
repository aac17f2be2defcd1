using System.Management.Automation;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>Lets -Model take a trained encoder (wrapped in its neighbour recommender) as well as a baseline.</summary>
public sealed class RecommenderTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject ps ? ps.BaseObject : inputData;
        switch (value)
        {
            case IRecommender recommender:
                return recommender;
            case TrainedEncoder model:
                try
                {
                    return RecommenderRegistry.ForEncoder(model);
                }
                catch (ContrastiveRecException e)
                {
                    // Binding errors carry no ids of their own: the model binds as an unusable recommender, and the cmdlet
                    // stops with the refusal itself (ContrastiveRec.ModelWithoutRatings) before using it.
                    return new UnusableRecommender(model.Name, e);
                }
            default:
                throw new ArgumentTransformationMetadataException(
                    $"A {value?.GetType().Name ?? "null"} is not a model: use Invoke-EncoderTraining, Import-EncoderModel or New-BaselineRecommender.");
        }
    }
}

/// <summary>A model bound to -Model that cannot recommend (its ratings are missing): cmdlets stop with
/// <see cref="Refusal"/> (<see cref="ContrastiveRecCmdlet.Usable"/>) before anything else touches it.</summary>
internal sealed class UnusableRecommender(string name, ContrastiveRecException refusal) : IRecommender
{
    public ContrastiveRecException Refusal { get; } = refusal;
    public string Name { get; } = name;
    public Data.RatingSet RatingSet => throw Refusal;
    public RecommendationScope DefaultScope => throw Refusal;
    public RecommendationScope? StudyScope => throw Refusal;

    public MovieRanking[] Recommend(int[] users, int count, RecommendationScope scope, bool withSuggesters = false, CancellationToken ct = default) =>
        throw Refusal;
}
