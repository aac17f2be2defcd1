using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>
/// Lazy, row-wise Adam for embedding tables (<see cref="TrainingOptions.RowWiseUpdates"/>): while training, the owner's
/// forward reads a batch's rows through <see cref="Gather"/> as leaf tensors, so backward yields a gradient of those
/// rows only, and <see cref="Step"/> updates those rows, their moments and their weights (with AdamW's decay, when
/// decoupled), leaving every other row as it was. A step costs what its batch touches instead of the whole table.
/// Tables indexed alike (a movie's vector and its bias) are stepped together: row r of each is one row here.
/// Bias correction counts each row's own steps (as TensorFlow's lazy Adam did per slot): a row's moments have
/// averaged exactly that many gradients, so its first update is lr-sized like dense Adam's first; the global step
/// would over-scale the first updates of rarely seen rows.
/// </summary>
internal sealed class RowWiseAdam : IDisposable
{
    // Adam's constants are the dense optimizer's, so the two update the same way.
    private const double Beta1 = AdamOptimizer.Beta1, Beta2 = AdamOptimizer.Beta2, Epsilon = AdamOptimizer.Epsilon;

    private readonly Action _detach;
    private readonly Tensor[] _tables; // [rows, width] each (a vector is viewed as [rows, 1])
    private readonly bool[] _views; // tables viewed here, disposed here
    private readonly Tensor[] _mean;
    private readonly Tensor[] _squares;
    private readonly int[] _steps; // per row
    private double _learningRate;
    private readonly double _weightDecay;
    private readonly bool _decoupled;
    private readonly List<(long[] Rows, Tensor[] Leaves)> _gathered = new();
    private readonly Dictionary<long, int> _slot = new();

    private RowWiseAdam(Tensor[] tables, Action detach, double learningRate, double weightDecay, bool decoupled)
    {
        _tables = tables.Select(t => t.dim() == 1 ? t.unsqueeze(1).DetachFromDisposeScope() : t).ToArray();
        _views = tables.Select(t => t.dim() == 1).ToArray();
        _detach = detach;
        _learningRate = learningRate;
        _weightDecay = weightDecay;
        _decoupled = decoupled;
        _steps = new int[_tables[0].shape[0]];
        _mean = _tables.Select(t => zeros_like(t).DetachFromDisposeScope()).ToArray();
        _squares = _tables.Select(t => zeros_like(t).DetachFromDisposeScope()).ToArray();
    }

    /// <summary>Steps the user table of <paramref name="encoder"/>, whose training forwards gather through it until disposed.</summary>
    public RowWiseAdam(UserEncoder encoder, double learningRate, double weightDecay, bool decoupled)
        : this([encoder.EmbeddingTable], () => encoder.RowWise = null, learningRate, weightDecay, decoupled) =>
        encoder.RowWise = this;

    /// <summary>Steps the input table of <paramref name="encoder"/>, one row per movie, whose training forwards gather through it until disposed.</summary>
    public RowWiseAdam(ProfileEncoder encoder, double learningRate, double weightDecay, bool decoupled)
        : this([encoder.InputTable], () => encoder.RowWise = null, learningRate, weightDecay, decoupled) =>
        encoder.RowWise = this;

    /// <summary>Steps the vectors and biases of <paramref name="movies"/> as one row per movie.</summary>
    public RowWiseAdam(MovieTable movies, double learningRate, double weightDecay, bool decoupled)
        : this([movies.EmbeddingTable, movies.Bias], () => movies.RowWise = null, learningRate, weightDecay, decoupled) =>
        movies.RowWise = this;

    /// <summary>The rows <paramref name="index"/> of each table (in the shape it was given) as leaf tensors whose
    /// gradients <see cref="Step"/> applies.</summary>
    public Tensor[] Gather(Tensor index)
    {
        var leaves = new Tensor[_tables.Length];
        using (no_grad())
            for (var t = 0; t < _tables.Length; t++) leaves[t] = _tables[t].index_select(0, index);
        foreach (var leaf in leaves) leaf.requires_grad_(true);
        _gathered.Add((index.data<long>().ToArray(), leaves));
        return leaves;
    }

    /// <summary>The step size from the next step on.</summary>
    public double LearningRate { get => _learningRate; set => _learningRate = value; }

    /// <summary>Forgets the rows gathered by a batch that is not stepped.</summary>
    public void ZeroGrad() => _gathered.Clear();

    /// <summary>Adam on the rows gathered since the last step (a row gathered twice sums its gradients).</summary>
    public void Step(HeldScalars s)
    {
        var rows = new List<long>();
        var inverse = new List<long>();
        var grads = _tables.Select(_ => new List<Tensor>()).ToArray();
        foreach (var (ids, leaves) in _gathered)
        {
            if (leaves.All(l => l.grad is null)) continue;
            for (var t = 0; t < leaves.Length; t++) grads[t].Add(leaves[t].grad ?? zeros_like(leaves[t]));
            foreach (var r in ids)
            {
                if (!_slot.TryGetValue(r, out var k)) _slot[r] = k = rows.Count;
                if (k == rows.Count) rows.Add(r);
                inverse.Add(k);
            }
        }
        _gathered.Clear();
        _slot.Clear();
        if (rows.Count == 0) return;

        var index = tensor(rows.ToArray());
        var slots = tensor(inverse.ToArray());
        var sqrtCorrection2 = new float[rows.Count];
        var stepSize = new float[rows.Count];
        for (var k = 0; k < rows.Count; k++)
        {
            var step = ++_steps[rows[k]];
            sqrtCorrection2[k] = (float)Math.Sqrt(1 - Math.Pow(Beta2, step));
            stepSize[k] = (float)(-_learningRate / (1 - Math.Pow(Beta1, step)));
        }
        var correction2 = NativeTensor.From(sqrtCorrection2, rows.Count, 1);
        var size = NativeTensor.From(stepSize, rows.Count, 1);
        for (var t = 0; t < _tables.Length; t++)
        {
            var g = zeros(rows.Count, _tables[t].shape[1]).index_add_(0, slots, cat(grads[t], 0), s[1]);
            var w = _tables[t].index_select(0, index);
            var m = _mean[t].index_select(0, index);
            var v = _squares[t].index_select(0, index);
            // AdamOptimizer's arithmetic, in its order, with the bias corrections per row.
            if (_decoupled) w.mul_(s[1 - _learningRate * _weightDecay]);
            else if (_weightDecay != 0) g = g.add(w, s[_weightDecay]);
            m.mul_(s[Beta1]).add_(g, s[1 - Beta1]);
            v.mul_(s[Beta2]).addcmul_(g, g, s[1 - Beta2]);
            var denominator = v.sqrt().div_(correction2).add_(s[Epsilon], s[1]);
            w.add_(m.div(denominator).mul_(size), s[1]);
            _tables[t].index_copy_(0, index, w);
            _mean[t].index_copy_(0, index, m);
            _squares[t].index_copy_(0, index, v);
        }
    }

    public void Dispose()
    {
        _detach();
        foreach (var t in _mean.Concat(_squares)) t.Dispose();
        for (var t = 0; t < _tables.Length; t++)
            if (_views[t]) _tables[t].Dispose();
    }
}
