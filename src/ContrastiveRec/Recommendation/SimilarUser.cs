namespace ContrastiveRec.Recommendation;

/// <summary>A user like another one, by one model.</summary>
/// <param name="SimilarTo">The id of the user asked about (a boxed int for MovieLens, else the data's text).</param>
/// <param name="UserId">The similar user's id, so that a row piped on binds as a user (Get-Recommendation, Get-UserEmbedding).</param>
/// <param name="Score">The cosine of the two users' embeddings (encoders) or of their raw train ratings (UserKnn).</param>
public sealed record SimilarUser(string Model, object SimilarTo, int Rank, object UserId, double Score);
