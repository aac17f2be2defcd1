using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>
/// LightGCN's propagation (He et al. 2020) over the bipartite user–movie graph of the train ratings: node vectors
/// (users first, then movies) are passed along each edge with the symmetric weight 1 / √(deg u · deg m) for a number of
/// layers, and the layers' outputs (the input included) are averaged. Each layer is a gather and a scatter-add over
/// the edges, a chunk at a time, so its cost and memory grow with the ratings, never users × movies; autograd flows
/// through it to the input vectors. (TorchSharp's only sparse type, COO, would be sorted again at every product.)
/// </summary>
internal sealed class GraphPropagation
{
    /// <summary>Edges per gather/scatter: bounds a layer's temporary messages at this many rows.</summary>
    internal static int EdgesPerChunk = 1 << 20;

    private readonly long[] _from, _to; // both directions of every edge, as node indices
    private readonly float[] _weight;

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
        var degree = new int[users + movies];
        for (var e = 0; e < edgeUsers.Length; e++)
        {
            if ((uint)edgeUsers[e] >= (uint)users || (uint)edgeMovies[e] >= (uint)movies)
                throw new ArgumentOutOfRangeException(nameof(edgeUsers), $"Edge {e} ({edgeUsers[e]}, {edgeMovies[e]}) is outside {users} users and {movies} movies.");
            degree[edgeUsers[e]]++;
            degree[users + edgeMovies[e]]++;
        }
        var n = edgeUsers.Length;
        _from = new long[2 * n];
        _to = new long[2 * n];
        _weight = new float[2 * n];
        for (var e = 0; e < n; e++)
        {
            long u = edgeUsers[e], m = users + edgeMovies[e];
            var w = (float)(1 / Math.Sqrt((double)degree[u] * degree[m]));
            (_from[e], _to[e], _weight[e]) = (m, u, w);         // movie → user
            (_from[n + e], _to[n + e], _weight[n + e]) = (u, m, w); // user → movie
        }
    }

    public int Users { get; }
    public int Movies { get; }
    public long Edges => _from.LongLength / 2;

    /// <summary>One layer: every node's weighted sum of its neighbours' vectors [users + movies, d].</summary>
    public Tensor Layer(Tensor nodes)
    {
        if (nodes.shape.Length != 2 || nodes.shape[0] != Users + Movies)
            throw new ArgumentException($"Expected [{Users + Movies}, d] node vectors, got [{string.Join(", ", nodes.shape)}].", nameof(nodes));
        using var held = new HeldScalars();
        var result = zeros_like(nodes);
        for (long start = 0; start < _from.LongLength; start += EdgesPerChunk)
        {
            var count = (int)Math.Min(EdgesPerChunk, _from.LongLength - start);
            using var scope = NewDisposeScope();
            var from = tensor(_from.AsSpan((int)start, count).ToArray());
            var to = tensor(_to.AsSpan((int)start, count).ToArray());
            var weight = NativeTensor.From(_weight.AsSpan((int)start, count).ToArray(), count, 1);
            var messages = nodes.index_select(0, from).mul(weight);
            result = result.index_add(0, to, messages, held[1]).MoveToOuterDisposeScope();
        }
        return result;
    }

    /// <summary>The mean of the input and <paramref name="layers"/> propagated layers.</summary>
    public Tensor Propagate(Tensor nodes, int layers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        using var held = new HeldScalars();
        var sum = nodes;
        var current = nodes;
        for (var l = 0; l < layers; l++)
        {
            current = Layer(current);
            sum = sum.add(current, held[1]);
        }
        return sum.div(held[layers + 1]);
    }
}
