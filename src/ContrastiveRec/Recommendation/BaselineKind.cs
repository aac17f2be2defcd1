namespace ContrastiveRec.Recommendation;

/// <summary>The baselines the encoder is compared with; <see cref="RecommenderRegistry.Baselines"/> describes and builds each.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum BaselineKind
{
    MostPopular,
    UserKnn,
    ItemKnn,
    Ease,
}
