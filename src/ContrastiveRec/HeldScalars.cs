using TorchSharp;

namespace ContrastiveRec;

/// <summary>
/// The numbers one computation passes to libtorch as <see cref="Scalar"/>s, kept alive until it is disposed.
/// </summary>
/// <remarks>
/// TorchSharp 0.107 does not keep a Scalar argument reachable during its native call, and a Scalar's finalizer
/// frees the native value. A number converted implicitly (<c>t.mul_(0.8)</c>, <c>t * 2</c>, even <c>a.add_(b)</c>,
/// whose alpha is an implicit 1) can therefore be freed by the finalizer thread while libtorch reads it. Seen here:
/// "Unknown scalar type" from pow and masked_fill, and a t-SNE map that differed between two identical runs.
/// The core passes every Scalar through one of these; a test scans the assembly for implicit conversions.
/// </remarks>
internal sealed class HeldScalars : IDisposable
{
    private readonly Dictionary<(long Bits, bool Integral), Scalar> _held = [];

    /// <summary>A float64 Scalar of the value.</summary>
    public Scalar this[double value]
    {
        get
        {
            var key = (BitConverter.DoubleToInt64Bits(value), false);
            if (!_held.TryGetValue(key, out var scalar)) _held[key] = scalar = value.ToScalar();
            return scalar;
        }
    }

    /// <summary>An int64 Scalar of the value (integer tensors, arange).</summary>
    public Scalar Integer(long value)
    {
        var key = (value, true);
        if (!_held.TryGetValue(key, out var scalar)) _held[key] = scalar = value.ToScalar();
        return scalar;
    }

    public void Dispose()
    {
        foreach (var scalar in _held.Values) scalar.Dispose();
        _held.Clear();
    }
}
