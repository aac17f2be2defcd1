using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>A contiguous CPU tensor's memory read or written in place: the item-item matrices are gigabytes, and a copy
/// through a .NET array would double them (TensorAccessor copies element by element).</summary>
internal static unsafe class TensorMemory
{
    /// <summary>Address of the tensor's first element; the tensor must stay alive (and contiguous) while it is used.</summary>
    public static IntPtr Address<T>(Tensor t) where T : unmanaged
    {
        if (!t.is_contiguous()) throw new ArgumentException("The tensor must be contiguous.", nameof(t));
        using var storage = t.storage<T>();
        return storage.data_ptr() + (nint)(t.storage_offset() * sizeof(T));
    }

    public static Span<T> Span<T>(IntPtr address, long offset, int length) where T : unmanaged =>
        new((T*)address + offset, length);
}
