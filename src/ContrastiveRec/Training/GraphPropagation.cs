using System.Numerics;
using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>
/// LightGCN's propagation (He et al. 2020) over the bipartite user–movie graph of the train ratings: node vectors
/// (users first, then movies) are passed along each edge with the symmetric weight 1 / √(deg u · deg m) for a number of
/// layers, and the layers' outputs (the input included) are averaged. The normalised adjacency is held by rows
/// (each node's neighbours and weights) and a layer sums each node's neighbours in place, rows shared out between
/// the cores: its cost and memory grow with the ratings, never users × movies, and each row is summed in a fixed order,
/// so results do not depend on the thread count. (TorchSharp's only sparse type, COO, would be sorted again at every
/// product, and a gather/scatter materialises every message.) No autograd: the adjacency is symmetric, so the
/// gradient of a propagation is the same propagation of the gradient (<see cref="Backward"/>).
/// </summary>
internal sealed unsafe class GraphPropagation
{
    private readonly long[] _rowStart; // node i's neighbours are _neighbour[_rowStart[i] .. _rowStart[i + 1])
    private readonly int[] _neighbour;
    private readonly float[] _weight;
    private readonly int[] _degree;

    /// <param name="users">Users in the graph (nodes 0 … users − 1).</param>
    /// <param name="movies">Movies in the graph (nodes users … users + movies − 1).</param>
    /// <param name="edgeUsers">Each edge's user (dense index); one edge per (user, movie) pair.</param>
    /// <param name="edgeMovies">Each edge's movie (dense index).</param>
    public GraphPropagation(int users, int movies, int[] edgeUsers, int[] edgeMovies)
    {
        ArgumentNullException.ThrowIfNull(edgeUsers);
        ArgumentNullException.ThrowIfNull(edgeMovies);
        if (edgeUsers.Length != edgeMovies.Length)
            throw new ArgumentException($"{edgeUsers.Length} edge users for {edgeMovies.Length} edge movies.", nameof(edgeMovies));
        Users = users;
        Movies = movies;
        var nodes = users + movies;
        var degree = _degree = new int[nodes];
        for (var e = 0; e < edgeUsers.Length; e++)
        {
            if ((uint)edgeUsers[e] >= (uint)users || (uint)edgeMovies[e] >= (uint)movies)
                throw new ArgumentOutOfRangeException(nameof(edgeUsers), $"Edge {e} ({edgeUsers[e]}, {edgeMovies[e]}) is outside {users} users and {movies} movies.");
            degree[edgeUsers[e]]++;
            degree[users + edgeMovies[e]]++;
        }
        _rowStart = new long[nodes + 1];
        for (var i = 0; i < nodes; i++) _rowStart[i + 1] = _rowStart[i] + degree[i];
        _neighbour = new int[_rowStart[nodes]];
        _weight = new float[_rowStart[nodes]];
        var next = _rowStart[..^1];
        for (var e = 0; e < edgeUsers.Length; e++)
        {
            int u = edgeUsers[e], m = users + edgeMovies[e];
            var w = (float)(1 / Math.Sqrt((double)degree[u] * degree[m]));
            (_neighbour[next[u]], _weight[next[u]++]) = (m, w);
            (_neighbour[next[m]], _weight[next[m]++]) = (u, w);
        }
    }

    public int Users { get; }
    public int Movies { get; }
    public int Nodes => Users + Movies;
    public long Edges => _neighbour.LongLength / 2;

    /// <summary>Edges at each movie (its ratings in the graph).</summary>
    public int MovieDegree(int movie) => _degree[Users + movie];

    /// <summary>Bytes the adjacency holds: for estimating memory before building it.</summary>
    public static long AdjacencyBytes(int nodes, long edges) => (nodes + 1L) * sizeof(long) + 2 * edges * (sizeof(int) + sizeof(float)) + nodes * (long)sizeof(int);

    /// <summary>One layer: every node's weighted sum of its neighbours' vectors [users + movies, d], as a new tensor.</summary>
    public Tensor Layer(Tensor nodes)
    {
        CheckShape(nodes);
        var source = nodes.contiguous();
        var result = empty_like(source);
        LayerInto(source, result);
        if (!ReferenceEquals(source, nodes)) source.Dispose();
        return result;
    }

    /// <summary>The mean of the input and <paramref name="layers"/> propagated layers.</summary>
    public Tensor Propagate(Tensor nodes, int layers) => Forward(nodes, layers, keep: -1, noise: null).Mean;

    /// <summary>
    /// Propagates <paramref name="nodes"/> for <paramref name="layers"/> layers and returns the layers' mean, plus the
    /// output of layer <paramref name="keep"/> when it is 1 or more (a second view for a contrastive term). With
    /// <paramref name="noise"/>, each propagated layer is changed by it in place after it is made (XSimGCL's perturbation);
    /// the noise is taken as a constant, so <see cref="Backward"/> still gives the gradient.
    /// </summary>
    public (Tensor Mean, Tensor? Kept) Forward(Tensor nodes, int layers, int keep, Action<Tensor>? noise)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        CheckShape(nodes);
        using var _ = no_grad();
        using var held = new HeldScalars();
        var mean = nodes.detach().clone().contiguous();
        Tensor? kept = null;
        var current = mean.clone();
        var next = empty_like(current);
        for (var l = 1; l <= layers; l++)
        {
            LayerInto(current, next);
            noise?.Invoke(next);
            mean.add_(next, held[1]);
            if (l == keep) kept = next.clone();
            (current, next) = (next, current);
        }
        current.Dispose();
        next.Dispose();
        return (mean.div_(held[layers + 1]), kept);
    }

    /// <summary>
    /// The gradient at the input of <see cref="Forward"/>, from the gradient of its mean (and of the kept layer
    /// <paramref name="keep"/>): Σₗ Âˡ gₗ, where every layer l receives gradMean / (layers + 1) and layer
    /// <paramref name="keep"/> also gradKept; summed from the deepest layer down, one product per layer.
    /// </summary>
    public Tensor Backward(Tensor gradMean, int layers, int keep = -1, Tensor? gradKept = null)
    {
        CheckShape(gradMean);
        using var _ = no_grad();
        using var held = new HeldScalars();
        var share = gradMean.div(held[layers + 1]).contiguous();
        var sum = share.clone();
        if (keep == layers && gradKept is not null) sum.add_(gradKept, held[1]);
        var product = empty_like(sum);
        for (var l = layers - 1; l >= 0; l--)
        {
            LayerInto(sum, product);
            product.add_(share, held[1]);
            if (l == keep && gradKept is not null) product.add_(gradKept, held[1]);
            (sum, product) = (product, sum);
        }
        product.Dispose();
        share.Dispose();
        return sum;
    }

    private void CheckShape(Tensor nodes)
    {
        if (nodes.shape.Length != 2 || nodes.shape[0] != Nodes)
            throw new ArgumentException($"Expected [{Nodes}, d] node vectors, got [{string.Join(", ", nodes.shape)}].", nameof(nodes));
    }

    /// <summary>into[i] = Σ w_ij source[j] over node i's neighbours; both contiguous float32 [nodes, d].</summary>
    private void LayerInto(Tensor source, Tensor into)
    {
        var width = (int)source.shape[1];
        var from = (float*)NativeTensor.Elements<float>(source);
        var to = (float*)NativeTensor.Elements<float>(into);
        var rowStart = _rowStart;
        var neighbour = _neighbour;
        var weight = _weight;
        // Ranges of about equal edge counts, a few per core, so heavy nodes do not leave a core idle.
        var ranges = Math.Min(Nodes, Environment.ProcessorCount * 8);
        var bounds = new int[ranges + 1];
        for (int r = 1, i = 0; r <= ranges; r++)
        {
            var target = rowStart[^1] * r / ranges;
            while (i < Nodes && rowStart[i] < target) i++;
            bounds[r] = r == ranges ? Nodes : i;
        }
        Parallel.For(0, ranges, r =>
        {
            for (var i = bounds[r]; i < bounds[r + 1]; i++)
            {
                var row = new Span<float>(to + (long)i * width, width);
                row.Clear();
                for (var k = rowStart[i]; k < rowStart[i + 1]; k++)
                    AddScaled(row, new ReadOnlySpan<float>(from + (long)neighbour[k] * width, width), weight[k]);
            }
        });
    }

    private static void AddScaled(Span<float> into, ReadOnlySpan<float> x, float w)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var wv = new Vector<float>(w);
            var n = Vector<float>.Count;
            for (; i <= into.Length - n; i += n)
                (new Vector<float>(into[i..]) + wv * new Vector<float>(x[i..])).CopyTo(into[i..]);
        }
        for (; i < into.Length; i++) into[i] += w * x[i];
    }
}
