using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>A model that scores movies for people it was not built on, from their ratings alone, without retraining
/// (<see cref="NewcomerRecommender"/> reads it).</summary>
public interface IFoldsInNewcomers : IRecommender
{
    /// <summary>False when this instance cannot after all (a UserMovie model whose encoder knows users only by id).</summary>
    bool CanFoldInNewcomers { get; }

    /// <summary>Scores of every movie for each profile, float [profiles, movies]; the caller disposes the tensor.</summary>
    Tensor ScoreNewcomers(IReadOnlyList<NewcomerProfile> profiles);
}
