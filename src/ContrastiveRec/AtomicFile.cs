using System.Text;

namespace ContrastiveRec;

/// <summary>
/// The one way the library writes a file: into a hidden temporary file beside the target, flushed to disk, then
/// renamed over it. A crash, a full disk or Ctrl+C leaves either the earlier file or the whole new one, never half.
/// </summary>
public static class AtomicFile
{
    /// <summary>Creates the folder if needed and writes <paramref name="path"/> through <paramref name="write"/>. Without
    /// <paramref name="overwrite"/> the last step will not replace a file that appeared meanwhile (another process
    /// writing the same path): it fails with <see cref="TargetExistsException"/> and the other file is kept.</summary>
    public static void Write(string path, Action<Stream> write, bool overwrite = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Target(path);
        var dir = Path.GetDirectoryName(full)!;
        ThrowIfNotFolder(full);
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(file);
                file.Flush(flushToDisk: true);
            }
            // Without overwrite the move is a link then an unlink on Unix (no-clobber): it fails if the target exists.
            File.Move(temp, full, overwrite);
        }
        catch (Exception e)
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            if (!overwrite && e is IOException && File.Exists(full))
                throw new TargetExistsException(full, $"'{full}' appeared while it was being written, and is kept.", e);
            // The user named the target, not our hidden temporary file: say the target.
            if (e is UnauthorizedAccessException) throw new UnauthorizedAccessException(Retold(e, temp, full), e);
            if (e is IOException) throw new IOException(Retold(e, temp, full), e);
            throw;
        }
    }

    /// <summary>The file a write to <paramref name="path"/> lands in: the path itself, or the final target of a symbolic
    /// link, written through as editors and Set-Content do (replacing the link by a file would cut what it joined).</summary>
    /// <exception cref="IOException">The path ends in a folder separator: it names a folder, not a file.</exception>
    public static string Target(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (Path.EndsInDirectorySeparator(full))
            throw new IOException($"'{path}' ends in '{full[^1]}', so it names a folder, not a file.");
        try
        {
            return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }
        catch (FileNotFoundException)
        {
            return full; // not there yet: written as named
        }
        catch (DirectoryNotFoundException)
        {
            return full;
        }
    }

    /// <summary>Checks, before a long piece of work, that <paramref name="path"/> can be written: no part of its folder is a
    /// file, and the deepest folder that exists takes a new file (tried, then removed). Creates nothing that stays: the
    /// folders a write would make are made by the write.</summary>
    /// <exception cref="IOException">A part of the folder is a file, or the folder takes no file (read-only, no space for
    /// one more entry).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable by this user.</exception>
    public static void CheckWritable(string path)
    {
        var full = Target(path);
        ThrowIfNotFolder(full);
        var dir = Path.GetDirectoryName(full)!;
        while (!Directory.Exists(dir)) dir = Path.GetDirectoryName(dir)!;
        var probe = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.probe");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UnauthorizedAccessException($"Cannot write '{full}': the folder '{dir}' is not writable ({e.Message.Replace(probe, dir, StringComparison.Ordinal)}).", e);
        }
        catch (IOException e)
        {
            throw new IOException($"Cannot write '{full}': the folder '{dir}' takes no new file ({e.Message.Replace(probe, dir, StringComparison.Ordinal)}).", e);
        }
    }

    /// <summary>A file where a folder of the path belongs (m.crec/x.crec with m.crec a file) is said as such; creating the
    /// folder would only say "already exists".</summary>
    private static void ThrowIfNotFolder(string full)
    {
        for (var dir = Path.GetDirectoryName(full); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(dir)) return;
            if (File.Exists(dir)) throw new IOException($"Cannot write '{full}': '{dir}' is a file, not a folder.");
        }
    }

    private static string Retold(Exception e, string temp, string full) =>
        e.Message.Contains(temp, StringComparison.Ordinal) ? e.Message.Replace(temp, full, StringComparison.Ordinal) : $"Could not write '{full}': {e.Message}";

    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, s => s.Write(bytes));
    }

    /// <summary>UTF-8 without a byte-order mark.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));
}

/// <summary>A write that was not to replace an existing file found one at the last step (another writer was quicker).
/// Only model files are written so (Export-EncoderModel without -Force), hence the id.</summary>
public sealed class TargetExistsException(string path, string message, Exception inner)
    : ContrastiveRecException("ModelFileExists", RefusalCategory.ResourceExists, message, "Use -Force to overwrite it, or choose another path.", path, inner);
