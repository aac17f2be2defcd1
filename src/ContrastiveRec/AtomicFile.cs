using System.Text;

namespace ContrastiveRec;

/// <summary>
/// The one way the library writes a file: into a hidden temporary file beside the target, flushed to disk, then
/// renamed over it. A crash, a full disk or Ctrl+C leaves either the earlier file or the whole new one, never half.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Creates the folder if needed and writes <paramref name="path"/> through <paramref name="write"/>. Without
    /// <paramref name="overwrite"/> the last step will not replace a file that appeared meanwhile (another process
    /// writing the same path): it fails with <see cref="TargetExistsException"/> and the other file is kept.</summary>
    public static void Write(string path, Action<Stream> write, bool overwrite = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
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
