using System.Diagnostics;
using static TorchSharp.torch;

namespace ContrastiveRec.Analysis;

/// <summary>
/// Barnes-Hut t-SNE (van der Maaten 2014) with exact t-SNE's schedule, start and gradient scale: input affinities
/// from each point's ⌊3 × perplexity⌋ nearest neighbours (found exactly, <see cref="TsneNeighbours"/>) calibrated
/// to the perplexity and symmetrised, so P has at most 2 n k entries; attraction over those entries, repulsion from
/// a quadtree (<see cref="TsneQuadTree"/>). Memory and time per iteration grow with n log n, not n².
/// </summary>
internal static class TsneBarnesHut
{
    private const int RowsPerTask = 4096;

    internal static int NeighbourCount(int n, double perplexity) => Math.Clamp((int)(3 * perplexity), 1, n - 1);

    /// <summary>Peak bytes: points (float, and double during the PCA start), the search's block, P, layout state and the tree.</summary>
    internal static long Bytes(long n, long dim, double perplexity)
    {
        long k = n > 1 ? NeighbourCount((int)n, perplexity) : 1;
        var neighbours = 12 * n * k;
        var affinities = 2 * n * k * (4 + 8) + 2 * n * k * (4 + 8); // P, and the unmerged entries while building it
        var search = TsneNeighbours.Bytes(n, dim, (int)k);
        var start = 16 * n * dim;
        var layout = 8 * 2 * n * 6 + 8 * n * 2;
        return 4 * n * dim + Math.Max(search, start) + neighbours + affinities + layout + TsneQuadTree.Bytes(n);
    }

    internal static TsneResult Run(float[] flat, int n, int dim, double perplexity, TsneOptions options,
        Action<TsneProgress>? progress, Stopwatch clock, CancellationToken ct)
    {
        var k = NeighbourCount(n, perplexity);
        var (neighbours, distances) = TsneNeighbours.Find(flat, n, dim, k,
            f => progress?.Invoke(new TsneProgress(0, options.Iterations, null, clock.Elapsed, f)), ct);
        var p = Affinities(neighbours, distances, n, k, perplexity, ct);
        neighbours = null!;
        distances = null!;
        var y = Start(flat, n, dim, options);
        var setUp = clock.Elapsed;

        var lr = options.LearningRateFor(n);
        var update = new double[2 * n];
        var gains = new double[2 * n];
        Array.Fill(gains, 1.0);
        var attraction = new double[2 * n];
        var repulsion = new double[2 * n];
        var z = new double[n];
        var klParts = new double[(n + RowsPerTask - 1) / RowsPerTask];
        var tree = new TsneQuadTree(n);
        var exaggeration = options.ExaggerationIterations > 0 ? options.EarlyExaggeration : 1.0;
        double? kl = null;
        for (var it = 1; it <= options.Iterations; it++)
        {
            ct.ThrowIfCancellationRequested();
            if (it == options.ExaggerationIterations + 1) exaggeration = 1;
            var computeKl = it % Tsne.KlEvery == 0 || it == options.Iterations;
            tree.Build(y);
            tree.Repulsion(options.Theta, repulsion, z, ct);
            double zSum = 0;
            for (var i = 0; i < n; i++) zSum += z[i];
            p.Attraction(y, exaggeration, attraction, computeKl ? klParts : null, ct);

            var momentum = it <= options.ExaggerationIterations ? 0.5 : 0.8;
            for (var c = 0; c < 2 * n; c++)
            {
                // The KL gradient over 4, as exact t-SNE's: attraction minus normalised repulsion.
                var grad = attraction[c] - repulsion[c] / zSum;
                // Delta-bar-delta gains: grow where the step keeps its direction, shrink where the gradient flips.
                var gain = update[c] * grad < 0 ? gains[c] + 0.2 : gains[c] * 0.8;
                gains[c] = gain = Math.Max(gain, Tsne.MinGain);
                update[c] = momentum * update[c] - lr * gain * grad;
            }
            if (options.MaxStepNorm is { } maxStep)
                for (var i = 0; i < n; i++)
                {
                    var norm = Math.Sqrt(update[2 * i] * update[2 * i] + update[2 * i + 1] * update[2 * i + 1]);
                    var scale = Math.Min(maxStep / Math.Max(norm, 1e-300), 1);
                    update[2 * i] *= scale;
                    update[2 * i + 1] *= scale;
                }
            for (var c = 0; c < 2 * n; c++) y[c] += update[c];
            if (computeKl)
            {
                // KL(P‖Q) = Σ p log p − Σ p log q̃ + log Z Σ p, with q̃ the unnormalised kernel (measured before this step).
                double sum = 0;
                foreach (var part in klParts) sum += part;
                kl = sum + Math.Log(zSum) * p.Total;
            }
            progress?.Invoke(new TsneProgress(it, options.Iterations, computeKl ? kl : null, clock.Elapsed, SetUp: setUp));
        }
        var xs = new double[n];
        var ys = new double[n];
        for (var i = 0; i < n; i++)
        {
            xs[i] = y[2 * i];
            ys[i] = y[2 * i + 1];
        }
        return new TsneResult(xs, ys, kl ?? double.NaN, options.Iterations, clock.Elapsed, perplexity);
    }

    /// <summary>Exact t-SNE's start (PCA or seeded noise), as an interleaved array.</summary>
    private static double[] Start(float[] flat, int n, int dim, TsneOptions options)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var s = new HeldScalars();
        var x = NativeTensor.From(flat, n, dim).to_type(ScalarType.Float64);
        return Tsne.Initial(x, n, options, s).contiguous().data<double>().ToArray();
    }

    /// <summary>
    /// Sparse symmetric P: each point's conditional P(j|i) over its k neighbours with the precision bisected (as exact
    /// t-SNE does) to the perplexity, then p_ij = (P(j|i) + P(i|j)) / 2n.
    /// </summary>
    internal static SparseAffinities Affinities(int[] neighbours, double[] distances, int n, int k, double perplexity, CancellationToken ct)
    {
        var conditional = new double[(long)n * k];
        var target = Math.Log(perplexity);
        Parallel.For(0, (n + RowsPerTask - 1) / RowsPerTask, new ParallelOptions { CancellationToken = ct }, t =>
        {
            for (var i = t * RowsPerTask; i < Math.Min(n, (t + 1) * RowsPerTask); i++)
                Calibrate(distances.AsSpan(i * k, k), conditional.AsSpan(i * k, k), target);
        });
        ct.ThrowIfCancellationRequested();

        // Row i holds its own k entries, then those of every point that has i among its neighbours.
        var rowStart = new int[n + 1];
        for (var i = 0; i < n; i++) rowStart[i + 1] += k;
        foreach (var j in neighbours) rowStart[j + 1]++;
        for (var i = 0; i < n; i++) rowStart[i + 1] += rowStart[i];
        var fill = rowStart[..n];
        var columns = new int[rowStart[n]];
        var values = new double[rowStart[n]];
        for (var i = 0; i < n; i++)
            for (var m = 0; m < k; m++)
            {
                var j = neighbours[i * k + m];
                var v = conditional[i * k + m];
                columns[fill[i]] = j;
                values[fill[i]++] = v;
                columns[fill[j]] = i;
                values[fill[j]++] = v;
            }
        conditional = null!;
        // Sort each row by column and add up the (at most two) entries of a pair; a + b = b + a, so ties need no order.
        var merged = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            var start = rowStart[i];
            var length = rowStart[i + 1] - start;
            Array.Sort(columns, values, start, length);
            var to = merged[i];
            for (var o = start; o < start + length; o++)
            {
                if (o > start && columns[o] == columns[o - 1]) values[to - 1] += values[o];
                else
                {
                    columns[to] = columns[o];
                    values[to++] = values[o];
                }
            }
            merged[i + 1] = to;
        }
        var nnz = merged[n];
        var scale = 1.0 / (2.0 * n);
        var finalValues = new double[nnz];
        for (var o = 0; o < nnz; o++) finalValues[o] = values[o] * scale;
        return new SparseAffinities(merged, columns[..nnz], finalValues);
    }

    /// <summary>Bisects the precision β so that the entropy of exp(−β d) (normalised) is log(perplexity).</summary>
    private static void Calibrate(ReadOnlySpan<double> distances, Span<double> p, double target)
    {
        // Shifted by the smallest distance so exp does not underflow; the distribution is unchanged.
        var min = double.PositiveInfinity;
        foreach (var d in distances) min = Math.Min(min, d);
        double beta = 1, lo = 0, hi = double.PositiveInfinity;
        for (var step = 0; ; step++)
        {
            double sum = 0, weighted = 0;
            for (var m = 0; m < distances.Length; m++)
            {
                var shifted = distances[m] - min;
                var e = Math.Exp(-beta * shifted);
                p[m] = e;
                sum += e;
                weighted += shifted * e;
            }
            sum = Math.Max(sum, 1e-300);
            var diff = Math.Log(sum) + beta * weighted / sum - target;
            if (Math.Abs(diff) < 1e-5 || step == 99)
            {
                for (var m = 0; m < p.Length; m++) p[m] /= sum;
                return;
            }
            // Too much entropy: the Gaussian is too wide, so raise the precision; too little: lower it.
            if (diff > 0) lo = beta;
            else hi = beta;
            beta = double.IsInfinity(hi) ? beta * 2 : (lo + hi) / 2;
        }
    }

    /// <summary>Symmetric P in compressed rows: row i's columns and values are at RowStart[i] … RowStart[i + 1].</summary>
    internal sealed class SparseAffinities(int[] rowStart, int[] columns, double[] values)
    {
        public int[] RowStart { get; } = rowStart;
        public int[] Columns { get; } = columns;
        public double[] Values { get; } = values;

        /// <summary>Σ p (1 up to rounding); and Σ p log p, the constant part of the KL divergence.</summary>
        public double Total { get; } = values.Sum();
        private readonly double _entropyPart = values.Sum(v => v * Math.Log(v));

        /// <summary>
        /// α Σ_j p_ij q̃_ij (y_i − y_j) into <paramref name="force"/>; with <paramref name="klParts"/>, each block of rows'
        /// Σ p log p − Σ p log q̃ (in row order, added by the caller in block order).
        /// </summary>
        public void Attraction(double[] layout, double exaggeration, double[] force, double[]? klParts, CancellationToken ct)
        {
            var n = RowStart.Length - 1;
            Parallel.For(0, (n + RowsPerTask - 1) / RowsPerTask, new ParallelOptions { CancellationToken = ct }, t =>
            {
                double kl = 0;
                for (var i = t * RowsPerTask; i < Math.Min(n, (t + 1) * RowsPerTask); i++)
                {
                    double fx = 0, fy = 0;
                    var xi = layout[2 * i];
                    var yi = layout[2 * i + 1];
                    for (var o = RowStart[i]; o < RowStart[i + 1]; o++)
                    {
                        var j = Columns[o];
                        var dx = xi - layout[2 * j];
                        var dy = yi - layout[2 * j + 1];
                        var q = 1 / (1 + dx * dx + dy * dy);
                        var w = Values[o] * q;
                        fx += w * dx;
                        fy += w * dy;
                        if (klParts is not null) kl -= Values[o] * Math.Log(q);
                    }
                    force[2 * i] = exaggeration * fx;
                    force[2 * i + 1] = exaggeration * fy;
                }
                if (klParts is not null) klParts[t] = kl;
            });
            if (klParts is not null) klParts[0] += _entropyPart;
        }
    }
}
