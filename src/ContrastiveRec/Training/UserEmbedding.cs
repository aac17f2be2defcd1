namespace ContrastiveRec.Training;

/// <summary>A user's learned embedding.</summary>
public sealed record UserEmbedding(int UserId, float[] Vector)
{
    public int Dimensions => Vector.Length;
}
