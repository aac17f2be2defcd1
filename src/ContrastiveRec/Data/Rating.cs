namespace ContrastiveRec.Data;

/// <summary>One rating, as a user would look at it. The ids are the data's own: boxed ints (MovieLens) or text.</summary>
public sealed record Rating(object UserId, object MovieId, string Title, float Value, DateTimeOffset Time, bool IsTest)
{
    /// <summary>The MovieLens scale: half stars from 0.5 to 5 (ml-100k and ml-1m use whole stars within it).</summary>
    public const float Lowest = 0.5f, Highest = 5f;

    /// <summary>Whether <paramref name="value"/> is on the MovieLens scale.</summary>
    public static bool IsOnScale(float value) => value >= Lowest && value <= Highest;
}
