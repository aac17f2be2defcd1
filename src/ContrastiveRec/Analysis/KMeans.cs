using System.Diagnostics;
using static TorchSharp.torch;

namespace ContrastiveRec.Analysis;

/// <summary>
/// Lloyd's k-means with k-means++ seeding and seeded restarts; the restart with the lowest inertia (sum of squared
/// distances to the assigned centroid) wins. Clusters are renumbered by their first point so that equal partitions
/// get equal labels whatever the restart. Each iteration costs O(n k d): the assignment is a matrix product a block
/// of points at a time, and a point whose two nearest centroids are within that product's rounding of each other is
/// re-measured exactly, so labels are those of the plain distance loop.
/// </summary>
public static class KMeans
{
    /// <summary>Rows of points per block of the assignment's product: the block's n × k scores stay under 64 MB.</summary>
    private const long BlockBytes = 64L << 20;

    /// <summary>Points × centres × coordinates up to which an assignment is a plain loop (a few milliseconds).</summary>
    private const long SmallWork = 1L << 22;

    /// <summary>The seed of the restarts' k-means++ draws when none is given.</summary>
    public const int DefaultSeed = 42;

    /// <summary>Restarts when none are given; the best (lowest inertia) wins.</summary>
    public const int DefaultRestarts = 10;

    /// <summary>Clusters when none are asked for: the four groups of the study's maps.</summary>
    public const int DefaultCount = 4;

    public static KMeansResult Fit(IReadOnlyList<double[]> points, int count, int seed = DefaultSeed, int restarts = DefaultRestarts,
        int maxIterations = 300, CancellationToken ct = default, Action<KMeansProgress>? progress = null)
    {
        return NativeBoundary.Guard("clustering with k-means", () =>
        {
            ArgumentNullException.ThrowIfNull(points);
            Validate(points, count);
            if (restarts < 1) throw new ArgumentOutOfRangeException(nameof(restarts), restarts, "Restarts must be 1 or more.");
            if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "MaxIterations must be 1 or more.");

            var rng = new Random(seed);
            var clock = Stopwatch.StartNew();
            KMeansResult? best = null;
            using var matrix = new PointMatrix(points);
            for (var r = 0; r < restarts; r++)
            {
                ct.ThrowIfCancellationRequested();
                var restart = r;
                var run = Lloyd(matrix, PlusPlus(points, count, rng, ct), maxIterations, ct,
                    it => progress?.Invoke(new KMeansProgress(restart, restarts, it, maxIterations, clock.Elapsed)));
                // Strictly lower only: ties keep the earlier restart, so more restarts never change an equal answer.
                if (best is null || run.Inertia < best.Inertia - 1e-12 * Math.Max(1, best.Inertia)) best = run;
            }
            return Canonical(best!, restarts);
        });
    }

    /// <summary>Throws a <see cref="ClusteringInputException"/> for no points, ragged points, non-finite coordinates or a bad
    /// count. Given <paramref name="userIds"/> (one per point), messages name users rather than point indices.</summary>
    public static void Validate(IReadOnlyList<double[]> points, int count, IReadOnlyList<object>? userIds = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        var noun = userIds is null ? "points" : "users";
        string Name(int i) => userIds is null ? $"Point {i}" : $"User {userIds[i]}";
        object Target(int i) => userIds is null ? i : userIds[i];
        if (points.Count == 0) throw new ClusteringInputException(ClusteringInputProblem.NoPoints, $"There are no {noun} to cluster.");
        if (count < 2) throw new ClusteringInputException(ClusteringInputProblem.TooFewClusters, "The number of clusters must be 2 or more.", target: count);
        if (count > points.Count)
            throw new ClusteringInputException(ClusteringInputProblem.TooManyClusters,
                $"Cannot make {count} clusters of {points.Count} {noun}; ask for at most {points.Count}.", target: count);
        var dim = points[0]?.Length ?? 0;
        for (var i = 0; i < points.Count; i++)
        {
            var length = points[i]?.Length ?? 0;
            if (length == 0 || length != dim)
                throw new ClusteringInputException(ClusteringInputProblem.BadPoint,
                    $"{Name(i)} has {length} coordinates; the first has {dim}. All need the same number of coordinates, at least one.", i, Target(i));
            foreach (var v in points[i]!)
                if (!double.IsFinite(v))
                    throw new ClusteringInputException(ClusteringInputProblem.BadPoint, $"{Name(i)} has a coordinate that is not a finite number.", i, Target(i));
        }
    }

    /// <summary>k-means++: the first centre uniformly, each next one with probability proportional to D² to the nearest chosen.</summary>
    internal static double[][] PlusPlus(IReadOnlyList<double[]> points, int count, Random rng, CancellationToken ct = default)
    {
        var n = points.Count;
        var centres = new double[count][];
        centres[0] = (double[])points[rng.Next(n)].Clone();
        var nearest = new double[n];
        for (var i = 0; i < n; i++) nearest[i] = Distance.Squared(points[i], centres[0]);
        for (var c = 1; c < count; c++)
        {
            ct.ThrowIfCancellationRequested();
            var total = nearest.Sum();
            int pick;
            if (total <= 0) pick = rng.Next(n); // every point sits on a centre already
            else
            {
                var target = rng.NextDouble() * total;
                pick = n - 1;
                double acc = 0;
                for (var i = 0; i < n; i++)
                {
                    acc += nearest[i];
                    if (acc > target) { pick = i; break; }
                }
            }
            var centre = centres[c] = (double[])points[pick].Clone();
            // Each point's minimum alone: the same numbers whichever thread computes them. Small sets stay on this
            // thread, where handing out the work would cost more than doing it.
            void Nearest(int from, int to)
            {
                for (var i = from; i < to; i++) nearest[i] = Math.Min(nearest[i], Distance.Squared(points[i], centre));
            }
            if ((long)n * centre.Length < 1L << 18) Nearest(0, n);
            else Parallel.For(0, (n + 4095) / 4096, t => Nearest(t * 4096, Math.Min(n, (t + 1) * 4096)));
        }
        return centres;
    }

    private static KMeansResult Lloyd(PointMatrix matrix, double[][] centres, int maxIterations, CancellationToken ct, Action<int>? iterated)
    {
        var points = matrix.Points;
        var n = points.Count;
        var k = centres.Length;
        var dim = centres[0].Length;
        var labels = new int[n];
        Array.Fill(labels, -1);
        var iterations = 0;
        for (var it = 0; it < maxIterations; it++)
        {
            ct.ThrowIfCancellationRequested();
            iterations = it + 1;
            var changed = matrix.Assign(centres, labels, ct);
            iterated?.Invoke(iterations);
            if (!changed) break;

            var sums = new double[k][];
            var sizes = new int[k];
            for (var c = 0; c < k; c++) sums[c] = new double[dim];
            for (var i = 0; i < n; i++)
            {
                sizes[labels[i]]++;
                var s = sums[labels[i]];
                for (var d = 0; d < dim; d++) s[d] += points[i][d];
            }
            for (var c = 0; c < k; c++)
            {
                if (sizes[c] == 0)
                {
                    // An emptied cluster takes the point farthest from its own centre, so k clusters survive.
                    var far = Farthest(points, centres, labels);
                    sizes[labels[far]]--;
                    for (var d = 0; d < dim; d++) sums[labels[far]][d] -= points[far][d];
                    labels[far] = c;
                    sizes[c] = 1;
                    Array.Copy(points[far], sums[c], dim);
                }
            }
            for (var c = 0; c < k; c++)
                for (var d = 0; d < dim; d++) centres[c][d] = sums[c][d] / sizes[c];
        }
        double inertia = 0;
        for (var i = 0; i < n; i++) inertia += Distance.Squared(points[i], centres[labels[i]]);
        return new KMeansResult(labels, centres, inertia, iterations, 1);
    }

    /// <summary>The points as one tensor with their squared norms, made once per fit for the assignment's products.</summary>
    private sealed class PointMatrix : IDisposable
    {
        private Tensor? _x;
        private readonly double[] _squares;

        public PointMatrix(IReadOnlyList<double[]> points)
        {
            Points = points;
            var n = points.Count;
            var dim = points[0].Length;
            var flat = new double[(long)n * dim];
            _squares = new double[n];
            for (var i = 0; i < n; i++)
            {
                Array.Copy(points[i], 0, flat, (long)i * dim, dim);
                double sq = 0;
                foreach (var v in points[i]) sq += v * v;
                _squares[i] = sq;
            }
            _flat = flat;
            _dim = dim;
        }

        private double[]? _flat;
        private readonly int _dim;

        /// <summary>Made at the first assignment that needs it (small sets never do), outside any dispose scope.</summary>
        private Tensor X
        {
            get
            {
                if (_x is null)
                {
                    _x = NativeTensor.From(_flat!, Points.Count, _dim);
                    _flat = null;
                }
                return _x;
            }
        }

        public IReadOnlyList<double[]> Points { get; }

        /// <summary>Sets each point's label to its nearest centre; true when any label changed.</summary>
        public bool Assign(double[][] centres, int[] labels, CancellationToken ct)
        {
            var n = Points.Count;
            var k = centres.Length;
            var dim = centres[0].Length;
            if ((long)n * k * dim <= SmallWork)
            {
                // Small sets: the loop itself, faster than a product's set-up (and its threads under load).
                var moved = false;
                for (var i = 0; i < n; i++)
                {
                    var l = Closest(Points[i], centres, out _);
                    if (l != labels[i]) { labels[i] = l; moved = true; }
                }
                return moved;
            }
            var flat = new double[k * dim];
            double largest = 0;
            for (var c = 0; c < k; c++)
            {
                Array.Copy(centres[c], 0, flat, c * dim, dim);
                largest = Math.Max(largest, centres[c].Sum(v => v * v));
            }
            var changed = false;
            var x = X;
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            using var s = new HeldScalars();
            var c2 = NativeTensor.From(flat, k, dim);
            var centreSquares = c2.pow(s[2]).sum(1).unsqueeze(0);
            var rows = (int)Math.Clamp(BlockBytes / (8L * k), 1, n);
            for (var start = 0; start < n; start += rows)
            {
                ct.ThrowIfCancellationRequested();
                using var block = NewDisposeScope();
                var count = Math.Min(rows, n - start);
                // |c|² − 2 x·c orders the centres as |x − c|² does (|x|² is the same along a row).
                var scores = addmm(centreSquares, x.narrow(0, start, count), c2.t(), beta: 1, alpha: -2);
                var (values, indexes) = scores.topk(Math.Min(2, k), 1, largest: false, sorted: true);
                var v = values.data<double>().ToArray();
                var l = indexes.data<long>().ToArray();
                for (var r = 0; r < count; r++)
                {
                    var i = start + r;
                    var label = (int)l[r * 2];
                    // Rounding of the product is below ~d ε (|x|² + |c|²); closer calls are measured exactly.
                    var tolerance = 64 * dim * 1.1e-16 * (_squares[i] + largest);
                    if (v[r * 2 + 1] - v[r * 2] <= tolerance) label = Closest(Points[i], centres, out _);
                    if (label != labels[i]) { labels[i] = label; changed = true; }
                }
            }
            return changed;
        }

        public void Dispose() => _x?.Dispose();
    }

    internal static int Closest(double[] point, double[][] centres, out double distance)
    {
        var best = 0;
        distance = double.PositiveInfinity;
        for (var c = 0; c < centres.Length; c++)
        {
            var d = Distance.Squared(point, centres[c]);
            if (d < distance) { distance = d; best = c; }
        }
        return best;
    }

    private static int Farthest(IReadOnlyList<double[]> points, double[][] centres, int[] labels)
    {
        var far = 0;
        var farDistance = -1.0;
        for (var i = 0; i < points.Count; i++)
        {
            var d = Distance.Squared(points[i], centres[labels[i]]);
            if (d > farDistance) { farDistance = d; far = i; }
        }
        return far;
    }

    private static KMeansResult Canonical(KMeansResult r, int restarts)
    {
        var map = new int[r.Count];
        Array.Fill(map, -1);
        var next = 0;
        foreach (var l in r.Labels)
            if (map[l] < 0) map[l] = next++;
        var labels = r.Labels.Select(l => map[l]).ToArray();
        var centroids = new double[r.Count][];
        for (var c = 0; c < r.Count; c++) centroids[map[c]] = r.Centroids[c];
        return new KMeansResult(labels, centroids, r.Inertia, r.Iterations, restarts);
    }
}
