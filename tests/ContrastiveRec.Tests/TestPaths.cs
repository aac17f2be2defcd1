namespace ContrastiveRec.Tests;

internal static class TestPaths
{
    /// <summary>The repository root, found by walking up from the test binaries to the solution file.</summary>
    public static string RepoRoot { get; } = FindRoot();

    public static string BundledData => Path.Combine(RepoRoot, "data", "ml-latest-small");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ContrastiveRec.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("ContrastiveRec.slnx not found above " + AppContext.BaseDirectory);
    }
}
