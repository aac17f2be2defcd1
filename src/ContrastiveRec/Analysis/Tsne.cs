using System.Diagnostics;
using static TorchSharp.torch;

namespace ContrastiveRec.Analysis;

/// <summary>
/// t-SNE: exact below <see cref="TsneOptions.MaxExactPoints"/> points, Barnes-Hut above (<see cref="TsneBarnesHut"/>).
/// Exact t-SNE (van der Maaten and Hinton 2008) on TorchSharp tensors, following scikit-learn's exact method
/// (with bhtsne's gradient scale, so learning rates are bhtsne's and openTSNE's; scikit-learn's are 4× these):
/// squared Euclidean input distances, per-point binary search of the Gaussian precision to the perplexity,
/// symmetrised P, Student-t Q, gradient descent with momentum and per-coordinate gains.
/// </summary>
public static class Tsne
{
    internal const int KlEvery = 50;
    internal const double MinGain = 0.01;

    public static TsneResult Embed(
        IReadOnlyList<float[]> points, TsneOptions? options = null,
        Action<TsneProgress>? progress = null, CancellationToken ct = default)
    {
        return NativeBoundary.Guard("making the t-SNE map", () =>
        {
            ArgumentNullException.ThrowIfNull(points);
            options ??= new TsneOptions();
            var n = points.Count;
            if (n == 0) throw new ArgumentException("There are no points to lay out.", nameof(points));
            var dim = points[0]?.Length ?? 0;
            if (dim == 0) throw BadEmbeddings("The points have no coordinates.");
            // Before any work: a perplexity the user gave that these points cannot carry is refused here, for both methods.
            var perplexity = options.PerplexityFor(n).Value;
            var method = options.MethodFor(n);
            CheckMemory(method == TsneMethod.Exact ? ExactBytes(n, dim) : TsneBarnesHut.Bytes(n, dim, perplexity), n, method, options);
            var flat = new float[(long)n * dim];
            for (var i = 0; i < n; i++)
            {
                var point = points[i];
                if (point is null || point.Length != dim)
                    throw BadEmbeddings($"Point {i} has {point?.Length ?? 0} coordinates; the first has {dim}. All points need the same number.");
                for (var j = 0; j < dim; j++)
                {
                    if (!float.IsFinite(point[j])) throw BadEmbeddings($"Point {i} has a coordinate that is not a finite number ({point[j]}).");
                    flat[(long)i * dim + j] = point[j];
                }
            }
            var clock = Stopwatch.StartNew();
            if (n == 1) return new TsneResult([0.0], [0.0], 0, 0, clock.Elapsed, perplexity);
            if (method == TsneMethod.BarnesHut) return TsneBarnesHut.Run(flat, n, dim, perplexity, options, progress, clock, ct);

            // One intra-op thread: on the 2-core build machine it ran 2.5–5× faster than two (n = 610 … 5,000), the n × n
            // element-wise passes being too short to pay for waking threads; it also makes a seeded layout independent
            // of the machine's core count. Restored afterwards (libtorch's OpenMP setting is per calling thread).
            using var threads = IntraOpThreads.Use(1);
            return Run(Array.ConvertAll(flat, v => (double)v), n, dim, perplexity, options, progress, clock, ct);
        });
    }

    private static ContrastiveRecException BadEmbeddings(string problem) =>
        new("BadEmbeddings", RefusalCategory.InvalidData, problem, "Lay out one model's embeddings: every vector must have the same length and finite values.");

    /// <summary>Exact t-SNE's peak: three n × n matrices of doubles held, and up to three more while KL is computed.</summary>
    internal static long ExactBytes(long n, long dim) => 6 * 8 * n * n + 24 * n * dim;

    private static void CheckMemory(long required, int n, TsneMethod method, TsneOptions options)
    {
        var available = options.MemoryLimitBytes ?? AvailableBytes();
        if (required <= available) return;
        var name = method == TsneMethod.Exact ? "Exact t-SNE (it holds n × n matrices)" : "Barnes-Hut t-SNE";
        var remedy = method == TsneMethod.Exact
            ? "Use -Method BarnesHut (or Auto), or lay out a sample: Get-UserEmbedding | Get-Random -Count 5000 | ConvertTo-Tsne."
            : "Free memory, or lay out a sample: Get-UserEmbedding | Get-Random -Count 50000 | ConvertTo-Tsne.";
        throw new TsneTooLargeException($"{name} of {n:N0} points needs about {required / 1048576.0:N0} MB; {available / 1048576.0:N0} MB are available.",
            remedy, n, required, available);
    }

    /// <summary>Memory the operating system could give now (Linux's MemAvailable), else what the runtime may use.</summary>
    internal static long AvailableBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    private static TsneResult Run(double[] flat, int n, int dim, double perplexity, TsneOptions options,
        Action<TsneProgress>? progress, Stopwatch clock, CancellationToken ct)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var s = new HeldScalars();
        var x = NativeTensor.From(flat, n, dim);
        var p = JointProbabilities(x, perplexity, ct);
        var y = Initial(x, n, options, s);
        // Every iteration works in two n × n buffers made once: fresh n × n tensors per iteration cost page faults,
        // and glibc did not reuse the freed blocks well (resident memory grew by ~17 MB per iteration at n = 610).
        var kernel = empty(n, n, dtype: ScalarType.Float64);
        var work = empty(n, n, dtype: ScalarType.Float64);

        var lr = options.LearningRateFor(n);
        var update = zeros_like(y);
        var gains = ones_like(y);
        var exaggeration = options.ExaggerationIterations > 0 ? options.EarlyExaggeration : 1.0;
        p.mul_(s[exaggeration]);
        double? kl = null;
        for (var it = 1; it <= options.Iterations; it++)
        {
            ct.ThrowIfCancellationRequested();
            if (it == options.ExaggerationIterations + 1 && exaggeration != 1)
            {
                p.div_(s[exaggeration]);
                exaggeration = 1;
            }
            using var step = NewDisposeScope();
            var (grad, stepKl) = Gradient(p, y, kernel, work, computeKl: it % KlEvery == 0 || it == options.Iterations);
            var momentum = it <= options.ExaggerationIterations ? 0.5 : 0.8;
            // Delta-bar-delta gains: grow where the step keeps its direction, shrink where the gradient flips.
            var sameDirection = update.mul(grad).lt(s[0]);
            gains.copy_(where(sameDirection, gains.add(s[0.2], s[1]), gains.mul(s[0.8])).clamp_min_(s[MinGain]));
            update.mul_(s[momentum]).sub_(gains.mul(grad).mul_(s[lr]));
            // openTSNE's guard: a hub (the nearest neighbour of many users) otherwise builds gain and momentum
            // under exaggeration and is flung hundreds of units out, where no force brings it back.
            if (options.MaxStepNorm is { } maxStep)
                update.mul_(update.norm(1, keepdim: true).clamp_min_(s[1e-300]).reciprocal_().mul_(s[maxStep]).clamp_max_(s[1]));
            y.add_(update, s[1]);
            // With P scaled by α the gradient's KL is α (KL(P‖Q) + log α); report the unexaggerated one.
            if (stepKl is { } k) kl = k / exaggeration - Math.Log(exaggeration);
            progress?.Invoke(new TsneProgress(it, options.Iterations, stepKl is null ? null : kl, clock.Elapsed));
        }

        var yd = y.data<double>().ToArray();
        var xs = new double[n];
        var ys = new double[n];
        for (var i = 0; i < n; i++)
        {
            xs[i] = yd[2 * i];
            ys[i] = yd[2 * i + 1];
        }
        return new TsneResult(xs, ys, kl ?? double.NaN, options.Iterations, clock.Elapsed, perplexity);
    }

    /// <summary>Writes the squared Euclidean distances between the rows of <paramref name="x"/> into <paramref name="into"/> (n × n).</summary>
    internal static void SquaredDistancesInto(Tensor x, Tensor into)
    {
        using var scope = NewDisposeScope();
        using var s = new HeldScalars();
        var sq = x.pow(s[2]).sum(1);
        into.copy_(sq.unsqueeze(1)).add_(sq.unsqueeze(0), s[1]).addmm_(x, x.t(), beta: 1, alpha: -2).clamp_min_(s[0]);
    }

    /// <summary>
    /// Symmetrised joint probabilities P. Each row's precision β_i is found by bisection (all rows at once) so that
    /// the entropy of P(j|i) is log(perplexity); distances are shifted by the row minimum so exp does not underflow.
    /// </summary>
    internal static Tensor JointProbabilities(Tensor x, double perplexity, CancellationToken ct = default)
    {
        using var scope = NewDisposeScope();
        using var s = new HeldScalars();
        var n = x.shape[0];
        var dShift = empty(n, n, dtype: ScalarType.Float64);
        SquaredDistancesInto(x, dShift);
        dShift.diagonal().fill_(s[double.PositiveInfinity]);
        dShift.sub_(dShift.min(1, keepdim: true).values);
        dShift.diagonal().zero_();
        var conditional = empty(n, n, dtype: ScalarType.Float64);
        var work = empty(n, n, dtype: ScalarType.Float64);

        var target = Math.Log(perplexity);
        var beta = ones(n, 1, dtype: ScalarType.Float64);
        var lo = zeros(n, 1, dtype: ScalarType.Float64);
        var hi = full(n, 1, s[double.PositiveInfinity], dtype: ScalarType.Float64);
        for (var step = 0; step < 100; step++)
        {
            ct.ThrowIfCancellationRequested();
            using var inner = NewDisposeScope();
            var diff = Entropy(dShift, beta, conditional, work, s, out _).sub_(s[target]);
            if (diff.abs().max().item<double>() < 1e-5) break;
            // Too much entropy: the Gaussian is too wide, so raise the precision; too little: lower it.
            var tooWide = diff.gt(s[0]);
            var newLo = where(tooWide, beta, lo);
            var newHi = where(tooWide, hi, beta);
            var newBeta = where(newHi.isinf(), beta.mul(s[2]), newLo.add(newHi, s[1]).div_(s[2]));
            lo = newLo.MoveToOuterDisposeScope();
            hi = newHi.MoveToOuterDisposeScope();
            beta = newBeta.MoveToOuterDisposeScope();
        }
        Entropy(dShift, beta, conditional, work, s, out var sum);
        conditional.div_(sum);
        // P = (P(j|i) + P(i|j)) / 2n; the transpose goes through a copy, as adding a tensor's own transpose in place overlaps.
        work.copy_(conditional.t());
        conditional.add_(work, s[1]).div_(s[2.0 * n]).clamp_min_(s[1e-12]);
        conditional.diagonal().zero_();
        return conditional.MoveToOuterDisposeScope();
    }

    /// <summary>Unnormalised P(j|i) at precisions β into <paramref name="conditional"/>; returns each row's entropy (nats).</summary>
    private static Tensor Entropy(Tensor dShift, Tensor beta, Tensor conditional, Tensor work, HeldScalars s, out Tensor sum)
    {
        conditional.copy_(dShift).mul_(beta).neg_().exp_();
        conditional.diagonal().zero_();
        sum = conditional.sum(1, keepdim: true).clamp_min_(s[1e-300]);
        work.copy_(dShift).mul_(conditional);
        return sum.log().add_(beta.mul(work.sum(1, keepdim: true)).div_(sum), s[1]);
    }

    /// <summary>
    /// The exact KL gradient over 4, Σ_j (p_ij − q_ij)(1 + |y_i − y_j|²)⁻¹ (y_i − y_j), and KL(P‖Q) when asked;
    /// <paramref name="kernel"/> and <paramref name="work"/> are n × n scratch.
    /// </summary>
    internal static (Tensor Gradient, double? Kl) Gradient(Tensor p, Tensor y, Tensor kernel, Tensor work, bool computeKl)
    {
        using var s = new HeldScalars();
        SquaredDistancesInto(y, kernel);
        kernel.add_(s[1], s[1]).reciprocal_();
        kernel.diagonal().zero_();
        work.copy_(kernel).div_(kernel.sum()).clamp_min_(s[1e-12]); // Q
        double? kl = null;
        if (computeKl)
        {
            using var scope = NewDisposeScope();
            // The diagonal of P is 0, and 0 · log(tiny / q) is 0, so no mask is needed.
            kl = p.mul(p.clamp_min(s[1e-300]).div(work).log_()).sum().item<double>();
        }
        work.neg_().add_(p, s[1]).mul_(kernel); // (P − Q) ⊙ kernel
        // Without the constant 4 of the exact gradient, as van der Maaten's bhtsne: its learning rate 200 (and Belkina's
        // n / 12) assume that scale. With the 4, rate 200 threw a few users a thousand units out during exaggeration.
        var grad = work.sum(1, keepdim: true).mul(y).sub_(work.mm(y));
        return (grad, kl);
    }

    internal static Tensor Initial(Tensor x, int n, TsneOptions options, HeldScalars s)
    {
        if (options.Initialization == TsneInitialization.Random || x.shape[1] < 2)
        {
            var rng = new Random(options.Seed);
            var noise = new double[n * 2];
            for (var i = 0; i < noise.Length; i++) noise[i] = 1e-4 * Gaussian(rng);
            return NativeTensor.From(noise, n, 2);
        }
        var centred = x - x.mean([0], keepdim: true);
        // Eigenvectors of the covariance; eigh is deterministic, and each sign is fixed so the largest entry is positive.
        var (_, vectors) = linalg.eigh(centred.t().mm(centred));
        var top = vectors.index_select(1, tensor(new long[] { x.shape[1] - 1, x.shape[1] - 2 }));
        var signs = top.gather(0, top.abs().argmax(0, keepdim: true)).sign();
        signs = where(signs.eq(s[0]), ones_like(signs), signs);
        var projected = centred.mm(top * signs);
        var sd = projected.select(1, 0).std().item<double>();
        return sd > 0 ? projected.mul_(s[1e-4 / sd]) : projected;
    }

    private static double Gaussian(Random rng)
    {
        // Box–Muller: a standard normal from two uniforms.
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
