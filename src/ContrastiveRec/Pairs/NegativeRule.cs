namespace ContrastiveRec.Pairs;

/// <summary>Where the negative of a triplet comes from.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum NegativeRule
{
    /// <summary>The negative disagrees with the anchor on the triplet's movie (liked where the anchor disliked, or the reverse).</summary>
    Disagree,

    /// <summary>The study's literal wording: the negative is a co-disliker of a movie the anchor disliked,
    /// so it agrees with the anchor on some movie. Kept to reproduce the text, not because it is sound.</summary>
    CoDisliker,

    /// <summary>For implicit data, which has no dislikes: the negative is a user drawn at random among those with no
    /// train interaction with the triplet's movie (a sampled negative, as contrastive recommenders draw them), the
    /// positive another user of that movie. Dislikes, if the data has them, give no triplets.</summary>
    Sampled,
}
