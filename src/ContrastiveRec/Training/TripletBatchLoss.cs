using ContrastiveRec.Pairs;
using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>The study's triplet margin loss of one batch of triplets; the index buffers are reused across steps.
/// Both objectives use it: the study's alone, UserMovie weighted by PairWeight.</summary>
internal sealed class TripletBatchLoss
{
    private readonly nn.Module<Tensor, Tensor> _encoder;
    private readonly TrainingOptions _options;
    private readonly long[] _a, _p, _n, _unique, _inverse;
    private readonly int[] _slot; // user -> position in _unique for the current batch, -1 otherwise

    public TripletBatchLoss(nn.Module<Tensor, Tensor> encoder, int users, TrainingOptions options, int? batchCapacity = null)
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

    /// <summary>The loss of the triplets at <paramref name="order"/>[from .. from + size).</summary>
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
