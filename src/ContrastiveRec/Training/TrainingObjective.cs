namespace ContrastiveRec.Training;

/// <summary>What the encoder is trained to do.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum TrainingObjective
{
    /// <summary>The study's: triplet loss between users mined by a pair strategy; recommendations from neighbours.</summary>
    UserUser,

    /// <summary>InfoNCE between a user and the movies they rated, against all movies (or a corrected sample);
    /// movie embeddings are learned alongside and movies are scored directly.</summary>
    UserMovie,
}
