namespace ContrastiveRec.Analysis;

/// <summary>How t-SNE computes its gradient.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum TsneMethod
{
    /// <summary>Exact up to <see cref="TsneOptions.MaxExactPoints"/> points, Barnes-Hut above.</summary>
    Auto,

    /// <summary>Every pair of points: n × n matrices, so memory and time grow with n².</summary>
    Exact,

    /// <summary>
    /// Barnes-Hut (van der Maaten 2014): input affinities from each point's 3 × perplexity nearest neighbours,
    /// repulsion from a quadtree with cells summarised when side / distance &lt; <see cref="TsneOptions.Theta"/>.
    /// </summary>
    BarnesHut,
}
