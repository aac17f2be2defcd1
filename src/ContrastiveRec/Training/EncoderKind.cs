namespace ContrastiveRec.Training;

/// <summary>What the encoder reads to make a user's embedding.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum EncoderKind
{
    /// <summary>A learned vector per user id (the study's): only users seen in training.</summary>
    Id,

    /// <summary>A rating-weighted bag of the user's rated movies: any user, also one who was not in training.</summary>
    Profile,

    /// <summary>A LightGCN-style vector per user id, propagated with the movies' over the train user-movie graph; people
    /// outside it are one propagation step from the movies they rated.</summary>
    Graph,
}
