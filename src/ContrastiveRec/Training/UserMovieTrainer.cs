using System.Diagnostics;
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
/// </summary>
internal static class UserMovieTrainer
{
    public static TrainedEncoder Train(RatingSet set, PairStrategy strategy, TrainingOptions options,
        Action<TrainingProgress>? progress, CancellationToken ct, Stopwatch clock)
    {
        var profiles = ProfileEncoder.ProfilesOf(set);
        var users = Enumerable.Range(0, set.UserCount).Where(u => profiles.Offsets[u + 1] > profiles.Offsets[u]).ToArray();
        if (users.Length == 0) throw new InvalidOperationException("The train part has no ratings to learn from.");

        TripletSet? triplets = null;
        if (options.PairWeight > 0)
        {
            triplets = TripletMiner.Mine(set, strategy, options.Seed, ct);
            if (triplets.Count == 0)
                throw new InvalidOperationException($"PairWeight needs triplets, but mining found none ({triplets.Statistics}).");
        }

        nn.Module<Tensor, Tensor> tower;
        MovieTable movies;
        lock (EncoderTrainer.SeedLock)
        {
            manual_seed(options.Seed);
            tower = options.Encoder == EncoderKind.Profile
                ? new ProfileEncoder(set.MovieCount, profiles.Offsets, profiles.Movies, profiles.Ratings, options.InputDim, options.HiddenDim, options.LatentDim)
                {
                    InputDropout = options.InputDropout,
                    DropoutRandom = new Random(options.Seed),
                }
                : new UserEncoder(set.UserCount, options.InputDim, options.HiddenDim, options.LatentDim);
            movies = new MovieTable(set.MovieCount, options.LatentDim);
        }

        var history = new List<double>(options.Epochs);
        var epochsCompleted = 0;
        try
        {
            var parameters = tower.parameters().Concat(movies.parameters()).ToList();
            using var optimizer = new AdamOptimizer(parameters, options.LearningRate, options.WeightDecay, decoupled: true);
            var sampler = set.MovieCount > options.MaxFullSoftmaxMovies ? new NegativeSampler(profiles.Movies, set.MovieCount, options.Seed, options.SampledNegatives) : null;
            var batches = (users.Length + options.BatchSize - 1) / options.BatchSize;
            var pairStep = triplets is null ? null : new EncoderTrainer.Step(tower, set.UserCount, options, TripletsPerStep(triplets, batches));
            var tripletOrder = triplets is null ? Array.Empty<int>() : Enumerable.Range(0, triplets.Count).ToArray();
            var shuffle = new Random(options.Seed);
            var order = (int[])users.Clone();
            tower.train();
            movies.train();

            for (var epoch = 1; epoch <= options.Epochs; epoch++)
            {
                shuffle.Shuffle(order);
                if (triplets is not null) shuffle.Shuffle(tripletOrder);
                double sum = 0;
                for (var b = 0; b < batches; b++)
                {
                    if (ct.IsCancellationRequested)
                    {
                        if (!options.KeepPartialOnCancel) ct.ThrowIfCancellationRequested();
                        return Finish(tower, movies, set, strategy, triplets, options, history, epochsCompleted, clock, complete: false);
                    }
                    var from = b * options.BatchSize;
                    var size = Math.Min(options.BatchSize, order.Length - from);
                    double loss;
                    using (NewDisposeScope())
                    {
                        optimizer.ZeroGrad();
                        var batch = order.AsSpan(from, size).ToArray();
                        var l = UserMovieLoss(tower, movies, profiles, batch, options.Temperature, (float)options.DislikedWeight, sampler);
                        if (pairStep is not null)
                        {
                            var per = TripletsPerStep(triplets!, batches);
                            var start = b * per % triplets!.Count;
                            var count = Math.Min(per, triplets.Count - start);
                            using var held = new HeldScalars();
                            l = l.add(pairStep.Loss(triplets, tripletOrder, start, count), held[options.PairWeight]);
                        }
                        l.backward();
                        optimizer.Step();
                        loss = l.item<float>();
                    }
                    sum += loss;
                    progress?.Invoke(new TrainingProgress(epoch, options.Epochs, b + 1, batches, loss, sum / (b + 1), clock.Elapsed));
                }
                history.Add(sum / batches);
                epochsCompleted = epoch;
            }
            return Finish(tower, movies, set, strategy, triplets, options, history, epochsCompleted, clock, complete: true);
        }
        catch
        {
            tower.Dispose();
            movies.Dispose();
            throw;
        }
    }

    private static int TripletsPerStep(TripletSet triplets, int batches) => Math.Max(1, (triplets.Count + batches - 1) / batches);

    /// <summary>Weighted mean negative log-softmax of each rated movie against all movies (or a corrected sample):
    /// liked movies (rated 3.5 or more) weigh 1, the others <paramref name="dislikedWeight"/>.</summary>
    internal static Tensor UserMovieLoss(nn.Module<Tensor, Tensor> tower, MovieTable movies,
        (long[] Offsets, long[] Movies, float[] Ratings) profiles, int[] batch, double temperature, float dislikedWeight, NegativeSampler? sampler)
    {
        var z = tower.forward(tensor(batch.Select(u => (long)u).ToArray()));
        var rows = new List<long>();
        var cols = new List<long>();
        var weights = dislikedWeight == 1 ? null : new List<float>();
        for (var i = 0; i < batch.Length; i++)
            for (var k = profiles.Offsets[batch[i]]; k < profiles.Offsets[batch[i] + 1]; k++)
            {
                rows.Add(i);
                cols.Add(profiles.Movies[k]);
                weights?.Add(profiles.Ratings[k] >= LikedRating ? 1f : dislikedWeight);
            }
        if (sampler is null)
        {
            var logp = nn.functional.log_softmax(movies.Score(z, temperature), 1);
            return NegativeMean(logp, rows.Select((r, j) => r * movies.Movies + cols[j]).ToArray(), weights);
        }
        // Candidates: the batch's rated movies plus popularity-sampled negatives; subtracting log q (the chance a
        // movie is sampled) keeps the sampled softmax an unbiased stand-in for the full one.
        var (candidates, logQ, slot) = sampler.Candidates(cols);
        var cand = tensor(candidates);
        var e = movies.UnitVectors().index_select(0, cand);
        using var held = new HeldScalars();
        var logits = z.matmul(e.t()).div(held[temperature]).add(movies.Bias.index_select(0, cand), held[1]).sub(NativeTensor.From(logQ, logQ.Length));
        var logpSampled = nn.functional.log_softmax(logits, 1);
        return NegativeMean(logpSampled, rows.Select((r, j) => r * candidates.Length + slot[cols[j]]).ToArray(), weights);
    }

    // The like threshold of the Full protocol, which the weights follow.
    private const float LikedRating = 3.5f;

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

    private static TrainedEncoder Finish(nn.Module<Tensor, Tensor> tower, MovieTable movies, RatingSet set, PairStrategy strategy,
        TripletSet? triplets, TrainingOptions options, List<double> history, int epochs, Stopwatch clock, bool complete)
    {
        tower.eval();
        movies.eval();
        var mining = triplets?.Statistics ?? TripletMiner.Measure(set, strategy);
        return new TrainedEncoder(tower, strategy, options, history.ToArray(), mining, clock.Elapsed, epochs, complete,
            set, set.UserIdsArray, DataReference.Of(set), movies);
    }

    /// <summary>Draws negatives in proportion to how often movies were rated (by picking random train ratings).</summary>
    internal sealed class NegativeSampler
    {
        private readonly long[] _ratedMovies;
        private readonly double[] _logFrequency;
        private readonly Random _random;
        private readonly int _count;

        public NegativeSampler(long[] ratedMovies, int movies, int seed, int count = 8192)
        {
            _ratedMovies = ratedMovies;
            _random = new Random(seed);
            _count = count;
            var freq = new double[movies];
            foreach (var m in ratedMovies) freq[m]++;
            _logFrequency = freq.Select(f => Math.Log(Math.Max(f, 0.5) / ratedMovies.Length)).ToArray();
        }

        public (long[] Candidates, float[] LogQ, Dictionary<long, int> Slot) Candidates(List<long> positives)
        {
            var slot = new Dictionary<long, int>();
            var list = new List<long>();
            void Add(long m)
            {
                if (slot.TryAdd(m, list.Count)) list.Add(m);
            }
            foreach (var m in positives) Add(m);
            for (var i = 0; i < _count; i++) Add(_ratedMovies[_random.Next(_ratedMovies.Length)]);
            var logQ = list.Select(m => (float)(_logFrequency[m] + Math.Log(_count))).ToArray();
            return (list.ToArray(), logQ, slot);
        }
    }
}
