using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace ContrastiveRec;

/// <summary>Tensors of .NET number arrays, in libtorch's own (64-byte aligned) memory.</summary>
/// <remarks>
/// <c>torch.tensor(array)</c> wraps a pinned copy of the array, aligned only as the GC placed it (8 or 16 bytes).
/// MKL's BLAS takes alignment-dependent paths, so the same product came out different in its last bits from one
/// call to the next, and t-SNE grew that into a different map. Every float tensor made from an array goes through
/// here (a test scans the assembly for direct calls); index arrays may use <c>tensor</c>, as nothing sums them.
/// </remarks>
internal static class NativeTensor
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

    /// <summary>Where a contiguous float32 CPU tensor's elements are, valid while it lives: reading them through
    /// <c>data&lt;float&gt;()</c> copies element by element, seconds for a block of similarities.</summary>
    public static IntPtr Elements(Tensor t)
    {
        if (t.dtype != ScalarType.Float32 || !t.is_contiguous() || t.device_type != TorchSharp.DeviceType.CPU)
            throw new ArgumentException("Expected a contiguous float32 tensor on the CPU.", nameof(t));
        return THSTensor_data(t.Handle);
    }

    // TorchSharp's own entry point (the one data<T>() uses).
    [DllImport("LibTorchSharp")]
    private static extern IntPtr THSTensor_data(IntPtr handle);
}
