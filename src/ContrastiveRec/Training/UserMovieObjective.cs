using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>
/// The contrastive user-movie objective: each user's embedding is pulled towards the movies they rated in the
/// train part and pushed from all others by a softmax (InfoNCE) over cosine similarities / temperature. A step
/// takes a batch of users, so each user's row of scores is computed once for all their rated movies (the same
/// loss as one InfoNCE term per interaction, far cheaper). Catalogues above MaxFullSoftmaxMovies use sampled
/// negatives with the log-frequency correction. With PairWeight > 0 the study's triplet loss is added.
/// An epoch passes over the users who rated something; AdamW trains the tower and the movie table.
/// </summary>
internal sealed class UserMovieObjective : Objective
{
    private readonly PairStrategy _strategy;
    private readonly (long[] Offsets, long[] Movies, float[] Ratings) _profiles;
    private readonly int[] _order;
    private readonly NegativeSampler? _sampler;
    private readonly TripletSet? _triplets;
    private readonly TripletBatchLoss? _pairLoss;
    private readonly int[] _tripletOrder;
    private readonly int _tripletsPerStep;
    private readonly GraphStep? _graphStep;
    private readonly LossWeights _weights;

    public UserMovieObjective(RatingSet set, PairStrategy strategy, TrainingOptions options, CancellationToken ct) : base(set, options)
    {
        _strategy = strategy;
        _weights = new LossWeights((float)set.Feedback.RelevanceThreshold, (float)options.DislikedWeight, options.CountWeighting && set.Feedback.IsImplicit);
        var profiles = _profiles = ProfileEncoder.ProfilesOf(set);
        _order = Enumerable.Range(0, set.UserCount).Where(u => profiles.Offsets[u + 1] > profiles.Offsets[u]).ToArray();
        if (_order.Length == 0) throw new NothingToLearnException("The train part has no ratings to learn from.", "Give a rating set whose train part holds ratings.");

        if (options.PairWeight > 0)
        {
            _triplets = TripletMiner.Mine(set, strategy, options.Seed, ct);
            if (_triplets.Count == 0)
                throw new NothingToLearnException($"PairWeight needs triplets, but mining found none ({_triplets.Statistics}).",
                    "Set -PairWeight 0, or use a strategy that mines triplets on this data.");
        }

        (Tower, Movies) = TrainingLoop.Seeded(options.Seed, () => (
            options.Encoder switch
            {
                EncoderKind.Profile => new ProfileEncoder(set.MovieCount, profiles.Offsets, profiles.Movies, profiles.Ratings, options.InputDim, options.HiddenDim, options.LatentDim)
                {
                    InputDropout = options.InputDropout,
                    DropoutRandom = new Random(options.Seed),
                    Feedback = set.Feedback,
                },
                EncoderKind.Graph => new GraphEncoder(set.UserCount, set.MovieCount, options.LatentDim),
                _ => (nn.Module<Tensor, Tensor>)new UserEncoder(set.UserCount, options.InputDim, options.HiddenDim, options.LatentDim),
            },
            new MovieTable(set.MovieCount, options.LatentDim)).StartingAt(options.InitStd));
        if (Tower is GraphEncoder graph) _graphStep = new GraphStep(TrainGraph(set.UserCount, set.MovieCount, profiles), graph, Movies, options);

        _sampler = set.MovieCount > options.MaxFullSoftmaxMovies ? new NegativeSampler(profiles.Movies, set.MovieCount, options.Seed, options.SampledNegatives) : null;
        // The triplets are spread over the epoch's user batches.
        var batches = TrainingLoop.Batches(_order.Length, options.BatchSize);
        _tripletsPerStep = _triplets is null ? 0 : Math.Max(1, (_triplets.Count + batches - 1) / batches);
        _pairLoss = _triplets is null ? null : new TripletBatchLoss(Tower, set.UserCount, options, _tripletsPerStep);
        _tripletOrder = _triplets is null ? Array.Empty<int>() : Enumerable.Range(0, _triplets.Count).ToArray();
    }

    public override PairStrategy Strategy => _strategy;
    public override int Rows => _order.Length;
    public override bool WeighsBatchesBySize => false;

    // With RowWiseUpdates and sampled negatives, the movie table is stepped row-wise too: a step touches its
    // candidates only. A full softmax touches every movie each step, so the dense step does the same work.
    public override AdamOptimizer CreateOptimizer() => Options.RowWiseUpdates == true && _sampler is not null
        ? CreateOptimizer([], Options.WeightDecay, decoupled: true, rowWiseMovies: Movies)
        : CreateOptimizer(Movies!.parameters(), Options.WeightDecay, decoupled: true);

    // A Graph encoder's model is its propagated tables, made from the current ones without changing them.
    protected override (Tensor Users, Tensor? MovieUnits) CurrentTables() => _graphStep?.Current() ?? base.CurrentTables();

    public override void Shuffle(Random shuffle)
    {
        shuffle.Shuffle(_order);
        if (_triplets is not null) shuffle.Shuffle(_tripletOrder);
    }

    public override Tensor BatchLoss(int batch, int from, int size)
    {
        var users = _order.AsSpan(from, size).ToArray();
        _graphStep?.Propagate();
        if (_graphStep is not null && users.Length > Options.GraphLossChunkUsers) return ChunkedGraphLoss(batch, users);
        var l = UserMovieLoss(Tower, Movies!, _profiles, users, Options.Temperature, _weights, _sampler);
        using var held = new HeldScalars();
        if (ContrastTerm(users) is { } contrast) l = l.add(contrast, held[Options.ContrastWeight]);
        return PairTerm(batch) is { } pairs ? l.add(pairs, held[Options.PairWeight]) : l;
    }

    /// <summary>The Graph encoder's contrastive term over the batch's users and the movies they rated (unweighted), or null.</summary>
    private Tensor? ContrastTerm(int[] users)
    {
        if (_graphStep is null || Options.ContrastWeight == 0) return null;
        var rated = users.SelectMany(u => _profiles.Movies.AsSpan((int)_profiles.Offsets[u], (int)(_profiles.Offsets[u + 1] - _profiles.Offsets[u])).ToArray());
        return _graphStep.ContrastLoss(users, rated);
    }

    /// <summary>The study's triplet loss on this batch's share of the triplets (unweighted), or null without PairWeight.</summary>
    private Tensor? PairTerm(int batch)
    {
        if (_pairLoss is null) return null;
        var start = batch * _tripletsPerStep % _triplets!.Count;
        var count = Math.Min(_tripletsPerStep, _triplets.Count - start);
        return _pairLoss.Loss(_triplets, _tripletOrder, start, count);
    }

    /// <summary>
    /// A large Graph batch (one propagation serves it): its users' loss is summed a sub-batch at a time, each with its
    /// own sampled negatives and its backward run at once, so that no [batch, candidates] activations are held (at
    /// 8,192 users they were gigabytes); each sub-batch weighs its share of the batch's rated movies, and reads its
    /// users' and the movies' unit vectors as small leaves (<see cref="GraphStep.ChunkUsers"/>), so its backward never
    /// makes a gradient as large as the tables. Returns the loss's value, already back-propagated.
    /// </summary>
    private Tensor ChunkedGraphLoss(int batch, int[] users)
    {
        var weight = _weights;
        double WeightOfUsers(ReadOnlySpan<int> chunk)
        {
            double w = 0;
            foreach (var u in chunk)
                for (var k = _profiles.Offsets[u]; k < _profiles.Offsets[u + 1]; k++)
                    w += weight.Of(_profiles.Ratings[k]);
            return w;
        }
        var total = WeightOfUsers(users);
        double value = 0;
        using var held = new HeldScalars();
        _graphStep!.BeginChunks();
        for (var from = 0; from < users.Length && total > 0; from += Options.GraphLossChunkUsers)
        {
            var chunk = users.AsSpan(from, Math.Min(Options.GraphLossChunkUsers, users.Length - from)).ToArray();
            var share = WeightOfUsers(chunk) / total;
            if (share == 0) continue;
            using var scope = NewDisposeScope();
            var z = _graphStep.ChunkUsers(chunk);
            var l = UserMovieLoss(z, Movies!, _profiles, chunk, Options.Temperature, weight, _sampler).mul(held[share]);
            l.backward();
            _graphStep.EndChunk(chunk, z);
            value += l.item<float>();
        }
        _graphStep.EndChunks();
        foreach (var (term, termWeight) in new (Func<Tensor?>, double)[] { (() => ContrastTerm(users), Options.ContrastWeight), (() => PairTerm(batch), Options.PairWeight) })
        {
            using var scope = NewDisposeScope();
            if (term() is not { } t) continue;
            var weighted = t.mul(held[termWeight]);
            weighted.backward();
            value += weighted.item<float>();
        }
        return tensor((float)value);
    }

    public override void Backward(Tensor loss)
    {
        if (_graphStep is null) base.Backward(loss);
        else _graphStep.Backward(loss);
    }

    public override void Complete() => _graphStep?.Complete();

    /// <summary>The train ratings as the edges of a user-movie graph.</summary>
    internal static GraphPropagation TrainGraph(int users, int movies, (long[] Offsets, long[] Movies, float[] Ratings) profiles)
    {
        var edgeUsers = new int[profiles.Movies.Length];
        var edgeMovies = new int[profiles.Movies.Length];
        for (var u = 0; u < users; u++)
            for (var k = profiles.Offsets[u]; k < profiles.Offsets[u + 1]; k++)
                (edgeUsers[k], edgeMovies[k]) = (u, (int)profiles.Movies[k]);
        return new GraphPropagation(users, movies, edgeUsers, edgeMovies);
    }

    // Implicit data mines nothing (no dislikes): the statistics stay empty rather than refusing a model that needs none.
    public override MiningStatistics Mining() =>
        _triplets?.Statistics ?? (Set.Feedback.IsImplicit ? new MiningStatistics() : TripletMiner.Measure(Set, _strategy));

    /// <summary>Weighted mean negative log-softmax of each rated movie against all movies (or a corrected sample):
    /// each rated movie weighs <see cref="LossWeights.Of"/> its rating.</summary>
    internal static Tensor UserMovieLoss(nn.Module<Tensor, Tensor> tower, MovieTable movies,
        (long[] Offsets, long[] Movies, float[] Ratings) profiles, int[] batch, double temperature, LossWeights weighting, NegativeSampler? sampler) =>
        UserMovieLoss(tower.forward(tensor(batch.Select(u => (long)u).ToArray())), movies, profiles, batch, temperature, weighting, sampler);

    /// <summary><see cref="UserMovieLoss(nn.Module{Tensor, Tensor}, MovieTable, ValueTuple{long[], long[], float[]}, int[], double, float, NegativeSampler?)"/>
    /// of the batch's unit vectors <paramref name="z"/>, made by the caller.</summary>
    internal static Tensor UserMovieLoss(Tensor z, MovieTable movies,
        (long[] Offsets, long[] Movies, float[] Ratings) profiles, int[] batch, double temperature, LossWeights weighting, NegativeSampler? sampler)
    {
        var rows = new List<long>();
        var cols = new List<long>();
        var weights = weighting.AllOne ? null : new List<float>();
        for (var i = 0; i < batch.Length; i++)
            for (var k = profiles.Offsets[batch[i]]; k < profiles.Offsets[batch[i] + 1]; k++)
            {
                rows.Add(i);
                cols.Add(profiles.Movies[k]);
                weights?.Add(weighting.Of(profiles.Ratings[k]));
            }
        if (sampler is null)
        {
            var logp = nn.functional.log_softmax(movies.Score(z, temperature), 1);
            return NegativeMean(logp, rows.Select((r, j) => r * movies.Movies + cols[j]).ToArray(), weights);
        }
        // Candidates: the batch's rated movies plus popularity-sampled negatives; subtracting log q (the chance a
        // movie is sampled) keeps the sampled softmax an unbiased stand-in for the full one.
        var (candidates, logQ, slot) = sampler.Candidates(cols);
        var logits = movies.ScoreCandidates(z, tensor(candidates), temperature).sub(NativeTensor.From(logQ, logQ.Length));
        var logpSampled = nn.functional.log_softmax(logits, 1);
        return NegativeMean(logpSampled, rows.Select((r, j) => r * candidates.Length + slot[cols[j]]).ToArray(), weights);
    }

    /// <summary>A rated movie's weight in the loss: 1 when liked (at or above <paramref name="Like"/>, the set's
    /// relevance threshold, which the Full protocol's relevance follows), <paramref name="Disliked"/> otherwise; times
    /// the rating when <paramref name="ByCount"/> (an implicit set's ratings are how often each interaction occurred).</summary>
    internal readonly record struct LossWeights(float Like, float Disliked, bool ByCount)
    {
        public bool AllOne => Disliked == 1 && !ByCount;

        public float Of(float rating) => (rating >= Like ? 1f : Disliked) * (ByCount ? rating : 1f);
    }

    /// <summary>Minus the (weighted) mean of the log-probabilities at the flat positions <paramref name="picks"/>.</summary>
    private static Tensor NegativeMean(Tensor logp, long[] picks, List<float>? weights)
    {
        var picked = logp.reshape(-1).index_select(0, tensor(picks));
        if (weights is null) return -picked.mean();
        using var held = new HeldScalars();
        var w = NativeTensor.From(weights.ToArray(), weights.Count);
        // A batch of dislikes only, at weight 0, has no loss rather than 0 / 0.
        return -(picked * w).sum() / w.sum().clamp_min(held[1e-12]);
    }
}
