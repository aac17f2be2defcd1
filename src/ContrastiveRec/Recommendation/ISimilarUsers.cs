namespace ContrastiveRec.Recommendation;

/// <summary>A model with representations of users that it can compare: every trained encoder's user embeddings (cosine)
/// and UserKnn's raw rating vectors. <see cref="Similarity"/> reads it; the item-item baselines and MostPopular have no
/// users to compare and are refused by name.</summary>
public interface ISimilarUsers : IRecommender
{
    /// <summary>Each of <paramref name="users"/>' (dense indices) <paramref name="count"/> most similar other users, most
    /// similar first, ties by lower index: for the neighbour recommenders, the neighbours Get-Recommendation draws from.</summary>
    (int[] Users, float[] Similarities)[] Neighbors(int[] users, int count, CancellationToken ct = default);
}
