# The native libraries the module ships per runtime, and the ones it loads itself at import (ModuleInitializer.cs).
# Ship is what Load needs, found from each library's dependencies (readelf -d, objdump -p, llvm-objdump --macho
# --dylibs-used) and from what managed code loads by name (TorchSharp: torch_cpu, LibTorchSharp; SkiaSharp and
# HarfBuzzSharp: their own). Publishing also brings libtorch_python, libshm, libtorch_global_deps and libtorch's
# test and backend libraries (Linux), uv/torch/torch_global_deps/libiompstubs5md (Windows), libshm/
# libtorch_python/libtorch_global_deps (macOS): nothing loads them, so the build drops them.
# tests/Pester/Package.Tests.ps1 recomputes Ship from the dependencies and compares.
@{
    'linux-x64' = @{
        Tag  = 'Linux'
        Load = @('libLibTorchSharp.so', 'libSkiaSharp.so', 'libHarfBuzzSharp.so')
        Ship = @('libLibTorchSharp.so', 'libtorch.so', 'libtorch_cpu.so', 'libc10.so', 'libgomp-98b21ff3.so.1', 'libSkiaSharp.so', 'libHarfBuzzSharp.so')
    }
    'win-x64'   = @{
        Tag  = 'Windows'
        Load = @('LibTorchSharp.dll', 'libSkiaSharp.dll', 'libHarfBuzzSharp.dll')
        Ship = @('LibTorchSharp.dll', 'torch_cpu.dll', 'c10.dll', 'libiomp5md.dll', 'libSkiaSharp.dll', 'libHarfBuzzSharp.dll')
    }
    'osx-arm64' = @{
        Tag  = 'MacOS'
        # libtorch_cpu.dylib names libomp by the absolute path /opt/homebrew/opt/libomp/lib/libomp.dylib (libomp's
        # own install name); loading the shipped copy first lets dyld match it by that name.
        Load = @('libomp.dylib', 'libLibTorchSharp.dylib', 'libSkiaSharp.dylib', 'libHarfBuzzSharp.dylib')
        Ship = @('libLibTorchSharp.dylib', 'libtorch.dylib', 'libtorch_cpu.dylib', 'libc10.dylib', 'libomp.dylib', 'libSkiaSharp.dylib', 'libHarfBuzzSharp.dylib')
    }
}
