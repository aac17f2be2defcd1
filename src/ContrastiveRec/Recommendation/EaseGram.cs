using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// What EASE builds of a set before lambda enters, kept between the builds of a lambda sweep on one set (the search's
/// validation set): in the users form X and XX', in the movies form the item Gram G (counts, exact in float32 below
/// 2^24 users). Each later lambda then only factorises: the same model, without accumulating the Gram again. The movies
/// form keeps G only when it fits the memory budget beside the factorisation without dropping a movie, so a sweep
/// never keeps fewer movies than a single build.
/// </summary>
internal sealed class EaseGram : IDisposable
{
    /// <summary>Bytes per cell of the kept float32 Gram (movies form).</summary>
    internal const int BytesPerCell = 4;

    private Tensor? _x, _xxt, _g;

    /// <summary>The movies the kept matrices are over, and in which form.</summary>
    internal int[]? Kept { get; private set; }
    internal bool UsersForm { get; private set; }

    internal bool Matches(int[] kept, bool usersForm) =>
        Kept is { } k && usersForm == UsersForm && k.AsSpan().SequenceEqual(kept);

    internal (Tensor X, Tensor XXt)? Users => _x is null ? null : (_x, _xxt!);
    internal Tensor? Gram => _g;

    internal void KeepUsers(int[] kept, Tensor x, Tensor xxt)
    {
        Dispose();
        (Kept, UsersForm, _x, _xxt) = (kept, true, x.DetachFromDisposeScope(), xxt.DetachFromDisposeScope());
    }

    internal void KeepGram(int[] kept, Tensor g)
    {
        Dispose();
        (Kept, UsersForm, _g) = (kept, false, g.to(ScalarType.Float32).DetachFromDisposeScope());
    }

    public void Dispose()
    {
        _x?.Dispose();
        _xxt?.Dispose();
        _g?.Dispose();
        (_x, _xxt, _g, Kept) = (null, null, null, null);
    }
}
