using System.Management.Automation;
using ContrastiveRec.Data;

namespace ContrastiveRec.PowerShell;

/// <summary>Shared cmdlet plumbing: cancellation for Ctrl+C, progress, and error records.</summary>
public abstract class ContrastiveRecCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>Cancelled when the user presses Ctrl+C; the core library checks it between batches.</summary>
    protected CancellationToken Cancellation => _cancellation.Token;

    protected override void StopProcessing() => _cancellation.Cancel();

    public void Dispose()
    {
        _cancellation.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Folder holding the module's binaries (and its bundled data).</summary>
    protected static string ModuleFolder => Path.GetDirectoryName(typeof(ContrastiveRecCmdlet).Assembly.Location)!;

    /// <summary>A core estimate as ProgressRecord.SecondsRemaining (-1: not known yet).</summary>
    protected static int SecondsLeft(TimeSpan? remaining) =>
        remaining is { } r ? (int)Math.Min(int.MaxValue, Math.Ceiling(r.TotalSeconds)) : -1;

    protected string ResolvePath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>-PassThru's output: the written file as Get-Item gives it. A bare FileInfo lacks the file system
    /// provider's notes (UnixStat, PSParentPath), so its view showed empty Mode, User, Group and Size columns.</summary>
    protected void WriteFileItem(string path) =>
        WriteObject(InvokeProvider.Item.Get(new[] { path }, force: true, literalPath: true), enumerateCollection: true);

    /// <summary>Runs core work; turns cancellation into a stopped pipeline and data errors into terminating errors.</summary>
    protected T Run<T>(Func<T> work, object? target = null)
    {
        try
        {
            return work();
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (MovieLensFormatException e)
        {
            ThrowTerminatingError(ErrorFor(e));
            throw; // not reached
        }
        catch (UnauthorizedAccessException e)
        {
            // Not testable as root, who reads everything: the message is the runtime's, which names the path.
            ThrowTerminatingError(new ErrorRecord(e, "ContrastiveRec.AccessDenied", ErrorCategory.PermissionDenied, target)
            {
                ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = "Check the file's permissions (ls -l, or icacls on Windows), or copy the data somewhere you can read." },
            });
            throw; // not reached
        }
    }

    protected static ErrorRecord ErrorFor(MovieLensFormatException e)
    {
        var (id, category) = e.Kind switch
        {
            MovieLensErrorKind.PathNotFound => ("PathNotFound", ErrorCategory.ObjectNotFound),
            MovieLensErrorKind.UnknownLayout => ("UnknownMovieLensLayout", ErrorCategory.InvalidArgument),
            MovieLensErrorKind.EmptyFile => ("EmptyFile", ErrorCategory.InvalidData),
            MovieLensErrorKind.MalformedRow => ("MalformedRow", ErrorCategory.ParserError),
            MovieLensErrorKind.RatingOutOfRange => ("RatingOutOfRange", ErrorCategory.InvalidData),
            MovieLensErrorKind.DuplicateRating => ("DuplicateRating", ErrorCategory.InvalidData),
            _ => ("MovieLensReadError", ErrorCategory.ReadError),
        };
        return new ErrorRecord(e, "ContrastiveRec." + id, category, e.FilePath)
        {
            ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = e.Remedy },
        };
    }

    /// <summary>Stops with a ResourceExists error when <paramref name="path"/> exists and -Force was not given.</summary>
    /// <summary>Stops unless <paramref name="path"/> ends in .png: the charts are PNG images, and PNG bytes under
    /// another name (.jpg, .svg) would mislead whatever opens the file.</summary>
    protected void ThrowIfNotPng(string path)
    {
        if (string.Equals(System.IO.Path.GetExtension(path), ".png", StringComparison.OrdinalIgnoreCase)) return;
        var message = $"'{path}' does not end in .png, but the image is written as PNG.";
        ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), "ContrastiveRec.NotPngPath", ErrorCategory.InvalidArgument, path)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Give a path ending in .png." },
        });
    }

    protected void ThrowIfFileExists(string path, bool force, string errorId, string parameter = "-Path")
    {
        if (force || !File.Exists(path)) return;
        ThrowTerminatingError(new ErrorRecord(new IOException($"'{path}' already exists."), "ContrastiveRec." + errorId, ErrorCategory.ResourceExists, path)
        {
            ErrorDetails = new ErrorDetails($"'{path}' already exists.") { RecommendedAction = $"Use -Force to overwrite it, or choose another {parameter}." },
        });
    }

    /// <summary>An argument exception's own sentence, without the parameter name and value .NET appends to it.</summary>
    protected static string Sentence(ArgumentException e)
    {
        var appended = e.Message.IndexOf($" (Parameter '{e.ParamName}')", StringComparison.Ordinal);
        return e.ParamName is null || appended < 0 ? e.Message : e.Message[..appended];
    }

    protected ErrorRecord ArgumentError(string id, string message, object? target, ErrorCategory category = ErrorCategory.InvalidArgument) =>
        new(new ArgumentException(message), "ContrastiveRec." + id, category, target);
}
