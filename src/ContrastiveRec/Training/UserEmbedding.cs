namespace ContrastiveRec.Training;

/// <summary>A user's learned embedding.</summary>
/// <remarks>Vector is a <see cref="JoinedList{T}"/>, so a CSV export writes its numbers ("0.0123|-0.4567|...", each
/// the float's shortest round-trip text), not "System.Single[]".</remarks>
public sealed record UserEmbedding
{
    /// <summary>Wraps <paramref name="vector"/> without copying it.</summary>
    public UserEmbedding(object userId, float[] vector)
    {
        UserId = userId ?? throw new ArgumentNullException(nameof(userId));
        Vector = new JoinedList<float>(vector ?? throw new ArgumentNullException(nameof(vector)));
    }

    /// <summary>The user's own id: a boxed int (MovieLens) or the data's text.</summary>
    public object UserId { get; }
    public IReadOnlyList<float> Vector { get; }
    public int Dimensions => Vector.Count;
}
