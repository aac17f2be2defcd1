namespace ContrastiveRec.Data;

/// <summary>One rating, as a user would look at it. The ids are the data's own: boxed ints (MovieLens) or text.
/// <see cref="Time"/> is null when the set has no timestamps.</summary>
public sealed record Rating(object UserId, object MovieId, string Title, float Value, DateTimeOffset? Time, bool IsTest)
{
    /// <summary>The MovieLens scale: half stars from 0.5 to 5 (ml-100k and ml-1m use whole stars within it).</summary>
    public const float Lowest = 0.5f, Highest = 5f;

    /// <summary>Whether <paramref name="value"/> is on the MovieLens scale.</summary>
    public static bool IsOnScale(float value) => value >= Lowest && value <= Highest;

    /// <summary>The Unix seconds a <see cref="DateTimeOffset"/> can hold (years 1 to 9999): a timestamp outside them is
    /// refused when read (TimestampOutOfRange), as milliseconds taken for seconds would be.</summary>
    public const long EarliestTime = -62_135_596_800, LatestTime = 253_402_300_799;

    /// <summary>Whether Unix seconds <paramref name="seconds"/> are a date (see <see cref="EarliestTime"/>).</summary>
    public static bool IsDate(long seconds) => seconds >= EarliestTime && seconds <= LatestTime;
}
