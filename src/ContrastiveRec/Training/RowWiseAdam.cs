using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>
/// Lazy, row-wise Adam for a <see cref="UserEncoder"/>'s embedding table (<see cref="TrainingOptions.RowWiseUpdates"/>):
/// while training, the encoder's forward reads the batch's rows through <see cref="Gather"/> as leaf tensors, so
/// backward yields a gradient of those rows only, and <see cref="Step"/> updates those rows, their moments and
/// their weights (with AdamW's decay, when decoupled), leaving every other row as it was. A step costs what its
/// batch touches instead of the whole table.
/// Bias correction counts each row's own steps (as TensorFlow's lazy Adam did per slot): a row's moments have
/// averaged exactly that many gradients, so its first update is lr-sized like dense Adam's first; the global step
/// would over-scale the first updates of rarely seen users.
/// </summary>
internal sealed class RowWiseAdam : IDisposable
{
    // Adam's constants are the dense optimizer's, so the two update the same way.
    private const double Beta1 = AdamOptimizer.Beta1, Beta2 = AdamOptimizer.Beta2, Epsilon = AdamOptimizer.Epsilon;

    private readonly UserEncoder _encoder;
    private readonly Tensor _table;
    private readonly Tensor _mean;
    private readonly Tensor _squares;
    private readonly int[] _steps; // per row
    private readonly double _learningRate;
    private readonly double _weightDecay;
    private readonly bool _decoupled;
    private readonly List<(long[] Users, Tensor Rows)> _gathered = new();
    private readonly Dictionary<long, int> _slot = new();

    public RowWiseAdam(UserEncoder encoder, double learningRate, double weightDecay, bool decoupled)
    {
        _encoder = encoder;
        _table = encoder.EmbeddingTable;
        _learningRate = learningRate;
        _weightDecay = weightDecay;
        _decoupled = decoupled;
        _steps = new int[encoder.Users];
        _mean = zeros_like(_table).DetachFromDisposeScope();
        _squares = zeros_like(_table).DetachFromDisposeScope();
        encoder.RowWise = this;
    }

    /// <summary>The rows of <paramref name="users"/> as a leaf tensor whose gradient <see cref="Step"/> applies.</summary>
    public Tensor Gather(Tensor users)
    {
        Tensor rows;
        using (no_grad()) rows = _table.index_select(0, users);
        rows.requires_grad_(true);
        _gathered.Add((users.data<long>().ToArray(), rows));
        return rows;
    }

    /// <summary>Forgets the rows gathered by a batch that is not stepped.</summary>
    public void ZeroGrad() => _gathered.Clear();

    /// <summary>Adam on the rows gathered since the last step (a user gathered twice sums its gradients).</summary>
    public void Step(HeldScalars s)
    {
        var users = new List<long>();
        var inverse = new List<long>();
        var grads = new List<Tensor>();
        foreach (var (ids, rows) in _gathered)
        {
            var grad = rows.grad;
            if (grad is null) continue;
            grads.Add(grad);
            foreach (var u in ids)
            {
                if (!_slot.TryGetValue(u, out var k)) _slot[u] = k = users.Count;
                if (k == users.Count) users.Add(u);
                inverse.Add(k);
            }
        }
        _gathered.Clear();
        _slot.Clear();
        if (users.Count == 0) return;

        var index = tensor(users.ToArray());
        var g = zeros(users.Count, _table.shape[1]).index_add_(0, tensor(inverse.ToArray()), cat(grads, 0), s[1]);
        var sqrtCorrection2 = new float[users.Count];
        var stepSize = new float[users.Count];
        for (var k = 0; k < users.Count; k++)
        {
            var step = ++_steps[users[k]];
            sqrtCorrection2[k] = (float)Math.Sqrt(1 - Math.Pow(Beta2, step));
            stepSize[k] = (float)(-_learningRate / (1 - Math.Pow(Beta1, step)));
        }
        var w = _table.index_select(0, index);
        var m = _mean.index_select(0, index);
        var v = _squares.index_select(0, index);
        // AdamOptimizer's arithmetic, in its order, with the bias corrections per row.
        if (_decoupled) w.mul_(s[1 - _learningRate * _weightDecay]);
        else if (_weightDecay != 0) g = g.add(w, s[_weightDecay]);
        m.mul_(s[Beta1]).add_(g, s[1 - Beta1]);
        v.mul_(s[Beta2]).addcmul_(g, g, s[1 - Beta2]);
        var denominator = v.sqrt().div_(NativeTensor.From(sqrtCorrection2, users.Count, 1)).add_(s[Epsilon], s[1]);
        w.add_(m.div(denominator).mul_(NativeTensor.From(stepSize, users.Count, 1)), s[1]);
        _table.index_copy_(0, index, w);
        _mean.index_copy_(0, index, m);
        _squares.index_copy_(0, index, v);
    }

    public void Dispose()
    {
        _encoder.RowWise = null;
        _mean.Dispose();
        _squares.Dispose();
    }
}
