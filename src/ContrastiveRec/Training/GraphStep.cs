using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>
/// What the UserMovie objective adds for a <see cref="GraphEncoder"/>: each step propagates the user and movie tables
/// over the train graph (off the autograd tape), lets the loss read the propagated vectors as leaves, and after
/// backward carries their gradient back through the same propagation onto the tables. With ContrastWeight above 0,
/// the propagation is perturbed in the manner of XSimGCL (Yu et al. 2023): every layer gets a small random vector,
/// of length NoiseScale, in the direction of its own signs, and an InfoNCE term (temperature
/// <see cref="ContrastTemperature"/>) pulls each batch user's and rated movie's final vector towards its own
/// first-layer vector and away from the others'.
/// </summary>
internal sealed class GraphStep
{
    /// <summary>XSimGCL's temperature for the contrastive term.</summary>
    internal const double ContrastTemperature = 0.2;

    /// <summary>The layer whose output is the contrastive term's second view (XSimGCL's choice).</summary>
    private const int ContrastLayer = 1;

    /// <summary>At most this many users and movies enter a step's contrastive term: its logits are this squared.</summary>
    internal const int ContrastRows = 1024;

    private readonly GraphPropagation _graph;
    private readonly GraphEncoder _users;
    private readonly MovieTable _movies;
    private readonly TrainingOptions _options;
    private readonly Generator _noise;
    private readonly Random _pick;
    private Tensor? _mean, _kept;

    public GraphStep(GraphPropagation graph, GraphEncoder users, MovieTable movies, TrainingOptions options)
    {
        _graph = graph;
        _users = users;
        _movies = movies;
        _options = options;
        _noise = new Generator((ulong)options.Seed);
        _pick = new Random(options.Seed);
    }

    private bool Contrasts => _options.ContrastWeight > 0;

    /// <summary>The layer kept as the contrastive term's second view, or -1 without the term.</summary>
    private int KeptLayer => Contrasts ? Math.Min(ContrastLayer, _options.Layers) : -1;

    /// <summary>Propagates this step's tables; the encoder and the movie table then read the propagated vectors.</summary>
    public void Propagate()
    {
        using var nodes = cat([_users.EmbeddingTable.detach(), _movies.EmbeddingTable.detach()], 0);
        var (mean, kept) = _graph.Forward(nodes, _options.Layers, KeptLayer, Contrasts && _options.NoiseScale > 0 ? Perturb : null);
        _mean = mean.requires_grad_();
        _kept = kept?.requires_grad_();
        _users.StepUsers = _mean.narrow(0, 0, _graph.Users);
        _movies.StepUnits = nn.functional.normalize(_mean.narrow(0, _graph.Users, _graph.Movies), p: 2.0, dim: 1);
    }

    // x += sign(x) ⊙ ε·r/‖r‖ with r uniform in [0, 1): XSimGCL's noise, drawn from the run's own generator.
    private void Perturb(Tensor layer)
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var r = rand(layer.shape, generator: _noise);
        layer.add_(nn.functional.normalize(r, p: 2.0, dim: 1).mul_(layer.sign()), held[_options.NoiseScale]);
    }

    /// <summary>The contrastive term for the batch's users (dense indices) and the movies they rated.</summary>
    public Tensor ContrastLoss(int[] users, IEnumerable<long> ratedMovies)
    {
        var movies = ratedMovies.Distinct().ToArray();
        if (movies.Length > ContrastRows)
        {
            _pick.Shuffle(movies);
            movies = movies[..ContrastRows];
        }
        var userPart = InfoNce(users.Take(ContrastRows).Select(u => (long)u).ToArray());
        if (movies.Length == 0) return userPart;
        using var held = new HeldScalars();
        return userPart.add(InfoNce(movies.Select(m => _graph.Users + m).ToArray()), held[1]);
    }

    private Tensor InfoNce(long[] nodes)
    {
        using var held = new HeldScalars();
        var index = tensor(nodes);
        var a = nn.functional.normalize(_mean!.index_select(0, index), p: 2.0, dim: 1);
        var b = nn.functional.normalize(_kept!.index_select(0, index), p: 2.0, dim: 1);
        var logits = a.matmul(b.t()).div(held[ContrastTemperature]);
        return nn.functional.cross_entropy(logits, arange(held.Integer(0), held.Integer(nodes.Length), held.Integer(1), dtype: ScalarType.Int64));
    }

    private Tensor? _chunkGrad, _movieUnits;

    /// <summary>Starts a batch scored in sub-batches: the movies' unit vectors become one leaf for all of them.</summary>
    public void BeginChunks()
    {
        using var _ = no_grad();
        _chunkGrad = zeros_like(_mean!);
        _movieUnits = _movies.StepUnits!.detach().requires_grad_();
        _movies.StepUnits = _movieUnits;
    }

    /// <summary>The sub-batch's users' unit vectors, as a leaf of their own.</summary>
    public Tensor ChunkUsers(int[] users)
    {
        using var _ = no_grad();
        var rows = _mean!.index_select(0, tensor(users.Select(u => (long)u).ToArray()));
        return nn.functional.normalize(rows, p: 2.0, dim: 1).requires_grad_();
    }

    /// <summary>Carries a sub-batch's gradient at its users' unit vectors back to their propagated rows.</summary>
    public void EndChunk(int[] users, Tensor units)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var index = tensor(users.Select(u => (long)u).ToArray());
        _chunkGrad!.index_add_(0, index, NormalizeBackward(_mean!.index_select(0, index), units, units.grad!), held[1]);
    }

    /// <summary>Ends the sub-batches: the movies' gradient joins the users' on the propagated vectors.</summary>
    public void EndChunks()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        _movies.StepUnits = null;
        if (_movieUnits!.grad is { } g)
            _chunkGrad!.narrow(0, _graph.Users, _graph.Movies).add_(NormalizeBackward(_mean!.narrow(0, _graph.Users, _graph.Movies), _movieUnits, g), held[1]);
    }

    // y = x / |x|: dx = (dy − y (y · dy)) / |x|.
    private static Tensor NormalizeBackward(Tensor x, Tensor y, Tensor dy)
    {
        using var held = new HeldScalars();
        var norm = x.norm(1, keepdim: true).clamp_min(held[1e-12]);
        var along = y.mul(dy).sum(1, keepdim: true);
        return dy.sub(y.mul(along)).div(norm);
    }

    /// <summary>Backward through the loss (unless the objective has already run it, sub-batch by sub-batch), then through
    /// the propagation onto the tables; the step's vectors are released.</summary>
    public void Backward(Tensor loss)
    {
        if (loss.requires_grad) loss.backward();
        using (var scope = NewDisposeScope())
        {
            using var held = new HeldScalars();
            var gradMean = _mean!.grad ?? zeros_like(_mean);
            if (_chunkGrad is not null) gradMean = gradMean.add(_chunkGrad, held[1]);
            var grad = _graph.Backward(gradMean, _options.Layers, KeptLayer, _kept?.grad);
            // Σ table ⊙ g has gradient g: autograd lays it on the tables as on any parameter.
            var users = _users.EmbeddingTable.mul(grad.narrow(0, 0, _graph.Users)).sum();
            var movies = _movies.EmbeddingTable.mul(grad.narrow(0, _graph.Users, _graph.Movies)).sum();
            users.add(movies, held[1]).backward();
        }
        _users.StepUsers = null;
        _movies.StepUnits = null;
        _chunkGrad?.Dispose();
        _movieUnits?.Dispose();
        _mean = _kept = _chunkGrad = _movieUnits = null;
    }

    /// <summary>The users' and movies' unit vectors the model would have if training stopped now (what
    /// <see cref="Complete"/> would make, without noise), the tables left as they are.</summary>
    public (Tensor Users, Tensor? MovieUnits) Current()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var nodes = cat([_users.EmbeddingTable.detach(), _movies.EmbeddingTable.detach()], 0);
        var mean = _graph.Propagate(nodes, _options.Layers);
        var users = nn.functional.normalize(mean.narrow(0, 0, _graph.Users), p: 2.0, dim: 1);
        var movies = nn.functional.normalize(mean.narrow(0, _graph.Users, _graph.Movies), p: 2.0, dim: 1);
        return (users.MoveToOuterDisposeScope(), movies.MoveToOuterDisposeScope());
    }

    /// <summary>Makes the propagated vectors the model's tables.</summary>
    public void Complete()
    {
        _users.StepUsers = null;
        _movies.StepUnits = null;
        _users.Freeze(_graph, _movies, _options.Layers);
    }
}
