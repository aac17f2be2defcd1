namespace ContrastiveRec.Data;

/// <summary>How a RatingSet's ratings were divided into train and test.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum SplitMethod
{
    /// <summary>For each user, a seeded random fraction of their ratings is held out (the study's protocol).</summary>
    Random,

    /// <summary>For each user, their latest ratings by timestamp are held out.</summary>
    Temporal,
}
