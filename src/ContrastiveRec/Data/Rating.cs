namespace ContrastiveRec.Data;

/// <summary>One rating, as a user would look at it.</summary>
public sealed record Rating(int UserId, int MovieId, string Title, float Value, DateTimeOffset Time, bool IsTest);
