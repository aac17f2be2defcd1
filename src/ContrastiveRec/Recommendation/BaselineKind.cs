using TorchSharp;
using System.Diagnostics;
using ContrastiveRec.Data;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>The baselines the encoder is compared with.</summary>
public enum BaselineKind
{
    /// <summary>Movies by number of train likes (at 3.5), the same list for everyone.</summary>
    MostPopular,

    /// <summary>The encoder's neighbour recommender over users' raw train rating vectors.</summary>
    UserKnn,

    /// <summary>Unseen movies by the sum of their cosine similarities (over users' raw ratings) to the user's liked train movies.</summary>
    ItemKnn,

    /// <summary>EASE^R (Steck 2019): the closed-form item-item model over all train ratings as implicit feedback, lambda 100.</summary>
    Ease,
}
