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

    [Fact]
    public void A_file_where_a_folder_belongs_is_said_so_and_nothing_is_made()
    {
        using var dir = new TempFolder();
        var file = Path.Combine(dir.Path, "m.crec");
        File.WriteAllText(file, "a model");
        var target = Path.Combine(file, "deeper", "x.crec");
        foreach (var attempt in new Action[] { () => AtomicFile.CheckWritable(target), () => AtomicFile.WriteAllText(target, "x") })
        {
            var e = Assert.Throws<IOException>(attempt);
            Assert.Equal($"Cannot write '{target}': '{file}' is a file, not a folder.", e.Message);
        }
        Assert.Equal("a model", File.ReadAllText(file));
    }

    [Fact]
    public void A_path_ending_in_a_separator_is_refused_before_any_folder_is_made()
    {
        using var dir = new TempFolder();
        var named = Path.Combine(dir.Path, "out") + Path.DirectorySeparatorChar;
        Assert.Contains("names a folder", Assert.Throws<IOException>(() => AtomicFile.WriteAllText(named, "x")).Message);
        Assert.Contains("names a folder", Assert.Throws<IOException>(() => AtomicFile.CheckWritable(named)).Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void The_check_before_work_makes_nothing_and_refuses_a_folder_that_takes_no_file()
    {
        using var dir = new TempFolder();
        AtomicFile.CheckWritable(Path.Combine(dir.Path, "not", "yet", "made.crec"));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
        if (!OperatingSystem.IsLinux()) return;
        var e = Assert.ThrowsAny<Exception>(() => AtomicFile.CheckWritable("/proc/contrastiverec-test.crec"));
        Assert.True(e is IOException or UnauthorizedAccessException, e.GetType().Name);
        Assert.Contains("'/proc/contrastiverec-test.crec'", e.Message);
        Assert.DoesNotContain(".probe", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_is_written_through_to_its_target_and_stays_a_link()
    {
        using var dir = new TempFolder();
        var real = Path.Combine(dir.Path, "real.crec");
        File.WriteAllText(real, "earlier");
        var link = Path.Combine(dir.Path, "link.crec");
        File.CreateSymbolicLink(link, "real.crec"); // relative, as `ln -s` makes them
        AtomicFile.WriteAllText(link, "new");
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("new", File.ReadAllText(real));
        Assert.Equal(2, Directory.GetFileSystemEntries(dir.Path).Length);
    }
}
