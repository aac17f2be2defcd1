using System.Diagnostics;
using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>Trains a <see cref="UserEncoder"/> with Adam and the triplet margin loss on mined triplets.</summary>
public static class EncoderTrainer
{
    // torch.manual_seed is process-wide: seeding and building the model must not interleave with another training.
    internal static readonly object SeedLock = new();

    public static TrainedEncoder Train(
        RatingSet set, PairStrategy strategy, TrainingOptions options,
        Action<TrainingProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        using var threads = IntraOpThreads.Use(options.Threads);
        if (options.Objective == TrainingObjective.UserMovie) return UserMovieTrainer.Train(set, strategy, options, progress, ct, clock);
        var triplets = TripletMiner.Mine(set, strategy, options.Seed, ct);
        if (triplets.Count == 0)
            throw new InvalidOperationException(
                $"Mining found no triplets ({triplets.Statistics}). Lower MinLikers/MinDislikers or PopularityThreshold, or widen the thresholds.");
        return Train(set, triplets, options, progress, ct, clock);
    }

    /// <summary>Trains on triplets mined beforehand (they must come from <paramref name="set"/>).</summary>
    public static TrainedEncoder Train(
        RatingSet set, TripletSet triplets, TrainingOptions options,
        Action<TrainingProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var threads = IntraOpThreads.Use(options.Threads);
        return Train(set, triplets, options, progress, ct, Stopwatch.StartNew());
    }

    private static TrainedEncoder Train(
        RatingSet set, TripletSet triplets, TrainingOptions options,
        Action<TrainingProgress>? progress, CancellationToken ct, Stopwatch clock)
    {
        ArgumentNullException.ThrowIfNull(triplets);
        if (triplets.Count == 0) throw new ArgumentException("There are no triplets to train on.", nameof(triplets));
        // Triplets mined from another set would index past the embedding table and fail deep in libtorch.
        var maxUser = Math.Max(triplets.Anchor.Max(), Math.Max(triplets.Positive.Max(), triplets.Negative.Max()));
        if (maxUser >= set.UserCount)
            throw new ArgumentException($"The triplets name user index {maxUser}, but the ratings have {set.UserCount} users; mine them from the same RatingSet.", nameof(triplets));

        UserEncoder encoder;
        lock (SeedLock)
        {
            manual_seed(options.Seed);
            encoder = new UserEncoder(set.UserCount, options.InputDim, options.HiddenDim, options.LatentDim);
        }
        var history = new List<double>(options.Epochs);
        var epochsCompleted = 0;
        try
        {
            using var optimizer = new AdamOptimizer(encoder.parameters(), options.LearningRate);
            var step = new Step(encoder, set.UserCount, options);
            var n = triplets.Count;
            var batches = (n + options.BatchSize - 1) / options.BatchSize;
            var order = new int[n];
            for (var i = 0; i < n; i++) order[i] = i;
            var shuffle = new Random(options.Seed);
            encoder.train();

            for (var epoch = 1; epoch <= options.Epochs; epoch++)
            {
                shuffle.Shuffle(order);
                double sum = 0;
                for (var b = 0; b < batches; b++)
                {
                    if (ct.IsCancellationRequested)
                    {
                        if (!options.KeepPartialOnCancel) ct.ThrowIfCancellationRequested();
                        return Finish(encoder, set, triplets, options, history, epochsCompleted, clock, complete: false);
                    }
                    var from = b * options.BatchSize;
                    var size = Math.Min(options.BatchSize, n - from);
                    double loss;
                    using (NewDisposeScope())
                    {
                        optimizer.ZeroGrad();
                        using var l = step.Loss(triplets, order, from, size);
                        l.backward();
                        optimizer.Step();
                        loss = l.item<float>();
                    }
                    sum += loss * size;
                    progress?.Invoke(new TrainingProgress(epoch, options.Epochs, b + 1, batches, loss, sum / (from + size), clock.Elapsed));
                }
                history.Add(sum / n);
                epochsCompleted = epoch;
            }
            return Finish(encoder, set, triplets, options, history, epochsCompleted, clock, complete: true);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    private static TrainedEncoder Finish(UserEncoder encoder, RatingSet set, TripletSet triplets, TrainingOptions options,
        List<double> history, int epochs, Stopwatch clock, bool complete)
    {
        encoder.eval();
        return new TrainedEncoder(encoder, triplets.Strategy, options, history.ToArray(), triplets.Statistics,
            clock.Elapsed, epochs, complete, set, set.UserIdsArray, DataReference.Of(set));
    }

    /// <summary>The loss of one batch; the index buffers are reused across steps.</summary>
    internal sealed class Step
    {
        private readonly nn.Module<Tensor, Tensor> _encoder;
        private readonly TrainingOptions _options;
        private readonly long[] _a, _p, _n, _unique, _inverse;
        private readonly int[] _slot; // user -> position in _unique for the current batch, -1 otherwise

        public Step(nn.Module<Tensor, Tensor> encoder, int users, TrainingOptions options, int? batchCapacity = null)
        {
            _encoder = encoder;
            _options = options;
            var b = batchCapacity ?? options.BatchSize;
            _a = new long[b];
            _p = new long[b];
            _n = new long[b];
            _unique = new long[Math.Min(users, 3 * b)];
            _inverse = new long[3 * b];
            _slot = new int[users];
            Array.Fill(_slot, -1);
        }

        public int LastDistinctUsers { get; private set; }

        public Tensor Loss(TripletSet t, int[] order, int from, int size)
        {
            for (var i = 0; i < size; i++)
            {
                var k = order[from + i];
                _a[i] = t.Anchor[k];
                _p[i] = t.Positive[k];
                _n[i] = t.Negative[k];
            }
            Tensor za, zp, zn;
            if (_options.DeduplicateUsers)
            {
                // Distinct users on the C# side (O(batch), no sort); one forward pass, then gather the three roles.
                var distinct = 0;
                for (var role = 0; role < 3; role++)
                {
                    var src = role == 0 ? _a : role == 1 ? _p : _n;
                    for (var i = 0; i < size; i++)
                    {
                        var u = (int)src[i];
                        var s = _slot[u];
                        if (s < 0)
                        {
                            s = _slot[u] = distinct;
                            _unique[distinct++] = u;
                        }
                        _inverse[role * size + i] = s;
                    }
                }
                for (var i = 0; i < distinct; i++) _slot[_unique[i]] = -1;
                LastDistinctUsers = distinct;
                var z = _encoder.forward(tensor(_unique.AsSpan(0, distinct).ToArray()));
                var rows = z.index_select(0, tensor(_inverse.AsSpan(0, 3 * size).ToArray()));
                za = rows.narrow(0, 0, size);
                zp = rows.narrow(0, size, size);
                zn = rows.narrow(0, 2 * size, size);
            }
            else
            {
                LastDistinctUsers = 3 * size;
                za = _encoder.forward(tensor(_a.AsSpan(0, size).ToArray()));
                zp = _encoder.forward(tensor(_p.AsSpan(0, size).ToArray()));
                zn = _encoder.forward(tensor(_n.AsSpan(0, size).ToArray()));
            }
            return nn.functional.triplet_margin_loss(za, zp, zn, margin: _options.Margin, p: 2);
        }
    }
}
