using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>The study's objective: a <see cref="UserEncoder"/> trained with plain Adam on the triplet margin loss of
/// mined (anchor, positive, negative) users; an epoch passes over the triplets.</summary>
internal sealed class TripletObjective : Objective
{
    private readonly TripletSet _triplets;
    private readonly TripletBatchLoss _loss;
    private readonly int[] _order;

    /// <param name="triplets">Mined from <paramref name="set"/>.</param>
    public TripletObjective(RatingSet set, TripletSet triplets, TrainingOptions options) : base(set, options)
    {
        ArgumentNullException.ThrowIfNull(triplets);
        if (triplets.Count == 0) throw new ArgumentException("There are no triplets to train on.", nameof(triplets));
        // Triplets mined from another set would index past the embedding table and fail deep in libtorch.
        var maxUser = Math.Max(triplets.Anchor.Max(), Math.Max(triplets.Positive.Max(), triplets.Negative.Max()));
        if (maxUser >= set.UserCount)
            throw new ArgumentException($"The triplets name user index {maxUser}, but the ratings have {set.UserCount} users; mine them from the same RatingSet.", nameof(triplets));

        _triplets = triplets;
        Tower = TrainingLoop.Seeded(options.Seed, () => new UserEncoder(set.UserCount, options.InputDim, options.HiddenDim, options.LatentDim).StartingAt(options.InitStd));
        _loss = new TripletBatchLoss(Tower, set.UserCount, options);
        _order = new int[triplets.Count];
        for (var i = 0; i < _order.Length; i++) _order[i] = i;
    }

    /// <summary>Mines the strategy's triplets from <paramref name="set"/> (seeded by options.Seed) and trains on them.</summary>
    public static TripletObjective Mine(RatingSet set, PairStrategy strategy, TrainingOptions options, CancellationToken ct)
    {
        var triplets = TripletMiner.Mine(set, strategy, options.Seed, ct);
        if (triplets.Count == 0)
            throw new NothingToLearnException($"Mining found no triplets ({triplets.Statistics}).",
                "Lower -MinLikers/-MinDislikers or raise -PopularityThreshold, widen the thresholds (New-PairStrategy), or use another -Strategy.");
        return new TripletObjective(set, triplets, options);
    }

    public override PairStrategy Strategy => _triplets.Strategy;
    public override int Rows => _triplets.Count;
    public override bool WeighsBatchesBySize => true;

    public override AdamOptimizer CreateOptimizer() => CreateOptimizer([], weightDecay: 0, decoupled: false);

    public override void Shuffle(Random shuffle) => shuffle.Shuffle(_order);

    public override Tensor BatchLoss(int batch, int from, int size) => _loss.Loss(_triplets, _order, from, size);

    public override MiningStatistics Mining() => _triplets.Statistics;
}
