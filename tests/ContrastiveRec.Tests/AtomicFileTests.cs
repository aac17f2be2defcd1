using Xunit;

namespace ContrastiveRec.Tests;

public class AtomicFileTests
{
    [Fact]
    public void A_failed_write_names_the_target_not_the_temporary_file_and_leaves_nothing()
    {
        using var dir = new TempFolder();
        var target = Path.Combine(dir.Path, "model.crec");
        File.WriteAllText(target, "earlier");
        var e = Assert.ThrowsAny<IOException>(() => AtomicFile.Write(target, _ => throw new IOException("disk full")));
        Assert.Equal($"Could not write '{target}': disk full", e.Message);
        Assert.Equal("earlier", File.ReadAllText(target));
        Assert.Equal(new[] { "model.crec" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName));

        // /proc takes no new files, not even from root: the system's own message, retold with the target's name.
        if (!OperatingSystem.IsLinux()) return;
        var denied = Assert.ThrowsAny<Exception>(() => AtomicFile.WriteAllText("/proc/contrastiverec-test.txt", "x"));
        Assert.True(denied is IOException or UnauthorizedAccessException, denied.GetType().Name);
        Assert.Contains("/proc/contrastiverec-test.txt", denied.Message);
        Assert.DoesNotContain(".tmp", denied.Message, StringComparison.Ordinal);
    }
}
