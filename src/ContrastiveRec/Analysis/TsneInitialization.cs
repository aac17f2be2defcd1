namespace ContrastiveRec.Analysis;

/// <summary>How t-SNE starts its 2-D layout.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum TsneInitialization
{
    /// <summary>The first two principal components, scaled so the first has standard deviation 1e-4.</summary>
    Pca,

    /// <summary>Seeded Gaussian noise with standard deviation 1e-4.</summary>
    Random,
}
