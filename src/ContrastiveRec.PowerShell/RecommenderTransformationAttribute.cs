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
                    // Binding has no error ids of its own: the refusal (ModelWithoutRatings) rides as the inner exception.
                    throw new ArgumentTransformationMetadataException(e.Message, e);
                }
            default:
                throw new ArgumentTransformationMetadataException(
                    $"A {value?.GetType().Name ?? "null"} is not a model: use Invoke-EncoderTraining, Import-EncoderModel or New-BaselineRecommender.");
        }
    }
}
