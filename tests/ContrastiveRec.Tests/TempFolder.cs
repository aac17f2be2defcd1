using System.Text;

namespace ContrastiveRec.Tests;

/// <summary>A fresh folder under the temp path for one test's MovieLens files; deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "crec-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes lines joined by <paramref name="newline"/> (with a final newline) as UTF-8 without a BOM.</summary>
    public string WriteWith(string newline, string name, params string[] lines) =>
        WriteBytes(name, Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + newline))));

    public string Write(string name, params string[] lines) => WriteWith("\n", name, lines);

    public string WriteLatin1(string name, params string[] lines) =>
        WriteBytes(name, Encoding.Latin1.GetBytes(string.Concat(lines.Select(l => l + "\n"))));

    public string WriteBytes(string name, byte[] bytes)
    {
        var p = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        File.WriteAllBytes(p, bytes);
        return p;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
