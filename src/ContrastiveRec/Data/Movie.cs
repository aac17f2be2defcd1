namespace ContrastiveRec.Data;

/// <summary>A movie (any item) of a RatingSet's catalogue; its id is a boxed int (MovieLens) or the data's text.</summary>
public sealed record Movie(object MovieId, string Title, int? Year, IReadOnlyList<string> Genres, int? ImdbId, int? TmdbId);
