using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;

namespace ContrastiveRec.Experiments;

/// <summary>One run of a comparison model, ready to evaluate; disposing it frees the encoder it trained.</summary>
/// <param name="TrainSize">Train rows the model learned from.</param>
/// <param name="TestSize">Test rows in the model's scope.</param>
/// <param name="Encoder">The trained encoder, when there is one.</param>
/// <param name="Drawn">Whether the report draws the encoder's users (the study's strategies).</param>
public sealed record BuiltModel(IRecommender Recommender, int TrainSize, int TestSize, TimeSpan TrainTime,
    TrainedEncoder? Encoder = null, bool Drawn = false) : IDisposable
{
    public void Dispose() => Encoder?.Dispose();
}
