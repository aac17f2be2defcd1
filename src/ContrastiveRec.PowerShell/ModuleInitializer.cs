using System.Management.Automation;

namespace ContrastiveRec.PowerShell;

/// <summary>
/// Runs when the module is imported: refuses a build made for another platform, or one whose native libraries are
/// missing or do not load, with an error that says what to install or build. Without it the first tensor operation
/// fails with TorchSharp's advice about NuGet packages, or TorchSharp quietly copies libtorch out of a NuGet cache
/// that happens to be there.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    public void OnImport() => NativeRuntime.EnsureLoaded(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!);
}
