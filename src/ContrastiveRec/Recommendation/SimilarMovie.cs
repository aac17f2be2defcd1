namespace ContrastiveRec.Recommendation;

/// <summary>A movie like another one, by one model, as a user would look at it.</summary>
/// <param name="SimilarTo">The id of the movie asked about (a boxed int for MovieLens, else the data's text); its title
/// is <paramref name="SimilarToTitle"/>.</param>
/// <param name="MovieId">The similar movie's id, so that a row piped on binds as a movie (Get-SimilarMovie, the ItemId of
/// other data).</param>
/// <param name="Score">The model's similarity: the cosine of the two movies' vectors (UserMovie and Graph models) or of
/// their raw train ratings (ItemKnn), or EASE's item-item weight.</param>
/// <remarks>Genres is a <see cref="JoinedList{T}"/> (text "Crime|Drama"), so a CSV export writes it, not a type name.</remarks>
public sealed record SimilarMovie(
    string Model, object SimilarTo, string SimilarToTitle, int Rank, object MovieId, string Title, IReadOnlyList<string> Genres, double Score);
