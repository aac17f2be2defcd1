using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ContrastiveRec.PowerShell;

/// <summary>The runtime a module folder was built for and its native libraries, as build.ps1 recorded them.</summary>
internal sealed record NativeRuntimeManifest(string Runtime, string[] Libraries, string[] Load)
{
    /// <summary>Written by build.ps1 beside the binaries.</summary>
    public const string FileName = "ContrastiveRec.Runtime.json";
}

internal static class NativeRuntime
{
    private static readonly Lock Gate = new();
    private static string? _loadedFrom;

    /// <summary>The platform this process runs on, named as .NET runtime identifiers name it (linux-x64, win-x64, osx-arm64).</summary>
    public static string Current
    {
        get
        {
            var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : OperatingSystem.IsLinux() ? "linux" : RuntimeInformation.OSDescription;
            return os + "-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        }
    }

    /// <summary>Checks the platform, then that every native library is in <paramref name="folder"/>, then loads them;
    /// once per process (a second import of the same folder costs nothing).</summary>
    public static void EnsureLoaded(string folder)
    {
        lock (Gate)
        {
            if (_loadedFrom == folder) return;
            var manifest = Read(folder);
            if (!string.Equals(manifest.Runtime, Current, StringComparison.OrdinalIgnoreCase)) throw WrongPlatform(manifest.Runtime);
            var missing = manifest.Libraries.Where(name => !File.Exists(Path.Combine(folder, name))).ToArray();
            if (missing.Length > 0) throw Missing(folder, manifest.Runtime, missing);
            // By full path, in the recorded order (on macOS libomp first, since libtorch_cpu names it by an absolute
            // Homebrew path that only an already-loaded copy satisfies). TorchSharp's own load by name then finds these.
            foreach (var name in manifest.Load)
            {
                try
                {
                    NativeLibrary.Load(Path.Combine(folder, name));
                }
                catch (DllNotFoundException e)
                {
                    throw LoadFailed(folder, manifest.Runtime, name, e);
                }
            }
            _loadedFrom = folder;
        }
    }

    private static NativeRuntimeManifest Read(string folder)
    {
        var path = Path.Combine(folder, NativeRuntimeManifest.FileName);
        try
        {
            var manifest = JsonSerializer.Deserialize<NativeRuntimeManifest>(File.ReadAllText(path));
            if (manifest is { Runtime: not null, Libraries: not null, Load: not null }) return manifest;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            // Reported below as a damaged installation, whatever the cause.
        }
        throw Fail(new FileNotFoundException($"ContrastiveRec's folder '{folder}' has no readable {NativeRuntimeManifest.FileName}, which says which platform the module was built for.", path),
            "ContrastiveRec.NativeLibraryMissing", ErrorCategory.NotInstalled, path,
            "Reinstall the module (Install-PSResource ContrastiveRec -Reinstall), or build it with ./build.ps1 -Task Build (or -Task Package) from the repository.");
    }

    private static Exception WrongPlatform(string built)
    {
        var known = new[] { "linux-x64", "win-x64", "osx-arm64" };
        var advice = known.Contains(Current, StringComparer.OrdinalIgnoreCase)
            ? $"Install the {Current} package of ContrastiveRec, or build it from the repository: ./build.ps1 -Task Package -Runtime {Current}."
            : $"libtorch is packaged for {string.Join(", ", known)} only; run ContrastiveRec on one of those.";
        return Fail(new PlatformNotSupportedException($"This ContrastiveRec was built for {built} (its libtorch is that platform's); this machine is {Current}."),
            "ContrastiveRec.UnsupportedPlatform", ErrorCategory.NotInstalled, built, advice);
    }

    private static Exception Missing(string folder, string runtime, string[] missing) =>
        Fail(new FileNotFoundException($"ContrastiveRec ({runtime}) cannot start: its folder '{folder}' lacks {string.Join(", ", missing)}.", Path.Combine(folder, missing[0])),
            "ContrastiveRec.NativeLibraryMissing", ErrorCategory.NotInstalled, missing[0],
            $"Reinstall the module (Install-PSResource ContrastiveRec -Reinstall), or rebuild it from the repository: ./build.ps1 -Task Package -Runtime {runtime}.");

    private static Exception LoadFailed(string folder, string runtime, string name, DllNotFoundException e)
    {
        // .NET puts the loader's own reason (dlerror) on the message's last line, after advice about strace and LD_DEBUG.
        var lines = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var reason = lines.Length > 1 ? lines[^1] : e.Message;
        var advice = OperatingSystem.IsWindows()
            ? "libtorch needs the Microsoft Visual C++ Redistributable (x64, 2015-2022); install it, then start a new session."
            : OperatingSystem.IsMacOS()
                ? "If the message names libomp.dylib, install it (brew install libomp) and start a new session."
                : reason.Contains("GLIBCXX", StringComparison.Ordinal)
                    ? $"This system's libstdc++ is older than the library asks for; build the module on this machine (./build.ps1 -Task Package -Runtime {runtime}), which marks the one version libLibTorchSharp asks for needlessly (GLIBCXX_3.4.32) as optional, or update libstdc++."
                    : "Check that the module's files are complete (Install-PSResource ContrastiveRec -Reinstall) and that this system meets libtorch's requirements (glibc 2.34 or newer).";
        return Fail(new DllNotFoundException($"ContrastiveRec ({runtime}) cannot start: {name} in '{folder}' did not load: {reason}", e),
            "ContrastiveRec.NativeLibraryLoadFailed", ErrorCategory.NotInstalled, Path.Combine(folder, name), advice);
    }

    private static Exception Fail(Exception e, string id, ErrorCategory category, object target, string advice) =>
        new ModuleImportException(e, id, category, target, advice);
}
