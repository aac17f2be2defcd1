namespace ContrastiveRec.Recommendation;

/// <summary>A model with representations of movies that it can compare: a UserMovie model's movie table (the Graph
/// encoder's propagated one too), ItemKnn's item-item cosines, EASE's item-item weights. <see cref="Similarity"/> reads
/// it; a model without it (the study's triplet encoders learn users only) is refused by name.</summary>
public interface ISimilarMovies : IRecommender
{
    /// <summary>For each of <paramref name="movies"/> (dense indices), up to <paramref name="count"/> other movies most like
    /// it, best first, ties by lower index, never the movie itself; one row of the model's table each, never a movies x
    /// movies matrix. The score is the model's own similarity (a cosine, or EASE's weight).</summary>
    /// <exception cref="ContrastiveRecException">MovieNotInModel: the model learned nothing of a movie (EASE left it out,
    /// ItemKnn saw no train rating of it).</exception>
    (int[] Movies, float[] Scores)[] SimilarMovies(int[] movies, int count, CancellationToken ct = default);
}
