namespace ContrastiveRec.Recommendation;

/// <summary>The baselines the encoder is compared with; <see cref="RecommenderRegistry.Baselines"/> describes and builds each.</summary>
public enum BaselineKind
{
    MostPopular,
    UserKnn,
    ItemKnn,
    Ease,
}
