using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace ContrastiveRec;

/// <summary>Tensors of .NET number arrays, in libtorch's own (64-byte aligned) memory, and that memory read in place.</summary>
/// <remarks>
/// <c>torch.tensor(array)</c> wraps a pinned copy of the array, aligned only as the GC placed it (8 or 16 bytes).
/// MKL's BLAS takes alignment-dependent paths, so the same product came out different in its last bits from one
/// call to the next, and t-SNE grew that into a different map. Every float tensor made from an array goes through
/// here (a test scans the assembly for direct calls); index arrays may use <c>tensor</c>, as nothing sums them.
/// </remarks>
internal static unsafe class NativeTensor
{
    public static Tensor From(float[] data, params long[] shape)
    {
        using var pinned = tensor(data, shape);
        return pinned.clone();
    }

    public static Tensor From(double[] data, params long[] shape)
    {
        using var pinned = tensor(data, shape);
        return pinned.clone();
    }

    /// <summary>Where a contiguous CPU tensor's elements are, valid while it lives. Blocks of similarities and the
    /// item-item matrices are hundreds of MB to GB: <c>data&lt;T&gt;()</c> copies element by element, and a copy
    /// through a .NET array would double them.</summary>
    public static IntPtr Elements<T>(Tensor t) where T : unmanaged
    {
        var expected = typeof(T) == typeof(float) ? ScalarType.Float32
            : typeof(T) == typeof(double) ? ScalarType.Float64
            : throw new NotSupportedException($"No tensor element type for {typeof(T).Name}.");
        if (t.dtype != expected || !t.is_contiguous() || t.device_type != TorchSharp.DeviceType.CPU)
            throw new ArgumentException($"Expected a contiguous {expected} tensor on the CPU.", nameof(t));
        return THSTensor_data(t.Handle);
    }

    /// <summary><paramref name="length"/> elements from element <paramref name="offset"/> of memory found by <see cref="Elements{T}"/>.</summary>
    public static Span<T> Span<T>(IntPtr elements, long offset, int length) where T : unmanaged =>
        new((T*)elements + offset, length);

    // TorchSharp's own entry point (the one data<T>() uses).
    [DllImport("LibTorchSharp")]
    private static extern IntPtr THSTensor_data(IntPtr handle);
}
