namespace ContrastiveRec.Data;

/// <summary>A movie of a RatingSet's catalogue.</summary>
public sealed record Movie(int MovieId, string Title, int? Year, IReadOnlyList<string> Genres, int? ImdbId, int? TmdbId);
