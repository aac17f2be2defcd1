using System.Runtime.InteropServices;

namespace ContrastiveRec.Data;

/// <summary>Asks Linux to back a large fresh array with 2 MB pages. Filling hundreds of MB of 4 KB pages costs one
/// page fault each, which under virtualisation costs more than parsing the bytes that fill them.</summary>
internal static partial class HugePages
{
    private const int HugePageAdvice = 14; // MADV_HUGEPAGE
    private const nuint HugePage = 2 << 20;

    public static unsafe void Advise<T>(T[] array) where T : unmanaged
    {
        if (!OperatingSystem.IsLinux() || (long)array.Length * sizeof(T) < 4 * (long)HugePage) return;
        fixed (T* first = array)
        {
            var start = ((nuint)first + HugePage - 1) & ~(HugePage - 1);
            var end = (nuint)(first + array.Length) & ~(HugePage - 1);
            if (end > start) _ = madvise(start, end - start, HugePageAdvice); // only advice: ignore failure
        }
    }

    [LibraryImport("libc")]
    private static partial int madvise(nuint address, nuint length, int advice);
}
