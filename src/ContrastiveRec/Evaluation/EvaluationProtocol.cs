using ContrastiveRec.Data;

namespace ContrastiveRec.Evaluation;

/// <summary>Which items count as relevant and what may be recommended.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum EvaluationProtocol
{
    /// <summary>The study's, per model: relevant = test ratings at the strategy's like threshold on the movies its filter kept;
    /// neighbours suggest only kept movies. Not defined for baselines.</summary>
    Study,

    /// <summary>The same for every model: relevant = test ratings at or above the set's relevance threshold (3.5 on MovieLens; every interaction of implicit data) on any movie; any movie the user did not rate in train may be recommended.</summary>
    Full,

    /// <summary>People held out of training (<see cref="RatingSet.HoldOutUsers"/>): each newcomer's train ratings are told to the
    /// model as a profile, every movie not in it may be recommended, and relevant = their test ratings at or above the relevance threshold (as in Full).</summary>
    Newcomers,
}
