using System.Diagnostics.CodeAnalysis;
using System.Management.Automation;
using ContrastiveRec.Recommendation;

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

    private const int ProgressEveryMs = 250;

    // When each record was last shown, by record: a cmdlet may show several at once (a run and its current model).
    private readonly Dictionary<ProgressRecord, long> _progressShown = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Shows a progress record at most a few times a second: small work reports far faster than a host draws. A record's
    /// first showing, a completed or 100 % record, and one shown <paramref name="now"/> (a new stage, whose text must not
    /// wait for the next report) always go through. After Ctrl+C the host takes no more records; that is ignored here,
    /// since the cancellation token ends the work at its next check.
    /// </summary>
    protected void TryWriteProgress(ProgressRecord record, bool now = false)
    {
        var time = System.Diagnostics.Stopwatch.GetTimestamp();
        var shown = _progressShown.TryGetValue(record, out var last);
        if (shown && !now && record.RecordType != ProgressRecordType.Completed && record.PercentComplete < 100
            && System.Diagnostics.Stopwatch.GetElapsedTime(last, time).TotalMilliseconds < ProgressEveryMs) return;
        _progressShown[record] = time;
        WhileRunning(() => WriteProgress(record));
    }

    /// <summary>Marks the records completed and shows them, so the host removes their bars.</summary>
    protected void CompleteProgress(params ProgressRecord[] records)
    {
        foreach (var record in records)
        {
            record.RecordType = ProgressRecordType.Completed;
            TryWriteProgress(record);
        }
    }

    /// <summary>A -Verbose line written from a core callback: after Ctrl+C it is dropped, as progress is, so the core's
    /// cancellation (and what it keeps, such as a partial model) is not cut short by the host.</summary>
    protected void TryWriteVerbose(string text) => WhileRunning(() => WriteVerbose(text));

    private static void WhileRunning(Action write)
    {
        try
        {
            write();
        }
        catch (PipelineStoppedException)
        {
            // Ctrl+C: the host takes no more output; the cancellation token stops the work at its next check.
        }
    }

    protected string ResolvePath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>-PassThru's output: the written file as Get-Item gives it. A bare FileInfo lacks the file system
    /// provider's notes (UnixStat, PSParentPath), so its view showed empty Mode, User, Group and Size columns.</summary>
    protected void WriteFileItem(string path) =>
        WriteObject(InvokeProvider.Item.Get(new[] { path }, force: true, literalPath: true), enumerateCollection: true);

    /// <summary>
    /// Runs core work: a refusal of the core (<see cref="ContrastiveRecException"/>, libtorch's failures included) stops the
    /// command with its own id, category and advice; Ctrl+C stops the pipeline. <paramref name="target"/> is the error's
    /// target when the refusal names none.
    /// </summary>
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
        catch (ContrastiveRecException e)
        {
            ThrowTerminatingError(ErrorFor(e, target));
            throw; // not reached
        }
        catch (System.Runtime.InteropServices.ExternalException e)
        {
            // The core's entry points convert libtorch's errors; this catches any that a new entry point lets through.
            ThrowTerminatingError(ErrorFor(NativeFailureException.From(e, "computing"), target));
            throw; // not reached
        }
        catch (UnauthorizedAccessException e)
        {
            // Not testable as root, who reads everything: the message is the runtime's, which names the path.
            ThrowTerminatingError(Refusal("AccessDenied", RefusalCategory.PermissionDenied, e.Message,
                "Check the file's permissions (ls -l, or icacls on Windows), or copy the data somewhere you can read.", target, e));
            throw; // not reached
        }
    }

    /// <summary>Runs core work that returns nothing, as <see cref="Run{T}"/> does.</summary>
    protected void Run(Action work, object? target = null) => Run<object?>(() =>
    {
        work();
        return null;
    }, target);

    /// <summary>
    /// Runs core work as <see cref="Run{T}"/> does, except that a refusal whose id is one of <paramref name="nonTerminating"/>
    /// concerns this input only: it is written as a non-terminating error and false is returned, so the command goes on
    /// with its next input. Any other refusal stops the command.
    /// </summary>
    protected bool TryRun<T>(Func<T> work, [MaybeNullWhen(false)] out T result, params string[] nonTerminating)
    {
        ContrastiveRecException? refused = null;
        result = Run(() =>
        {
            try
            {
                return work();
            }
            catch (ContrastiveRecException e) when (nonTerminating.Contains(e.ErrorId))
            {
                refused = e;
                return default!;
            }
        });
        if (refused is null) return true;
        WriteError(ErrorFor(refused));
        return false;
    }

    /// <summary>The one mapping of a refusal to a record: its id, category, target, problem (the message shown) and remedy
    /// (shown as the recommendation). <paramref name="target"/> stands in when the refusal names none.</summary>
    protected static ErrorRecord ErrorFor(ContrastiveRecException e, object? target = null) =>
        new(e, "ContrastiveRec." + e.ErrorId, Enum.Parse<ErrorCategory>(e.Category.ToString()), e.Target ?? target)
        {
            ErrorDetails = new ErrorDetails(e.Problem) { RecommendedAction = e.Remedy },
        };

    /// <summary>A refusal the cmdlet itself makes (its pipeline input, a parameter combination, the writers' rule), built as
    /// the core's are, so it reaches the user the same way and <c>catch [ContrastiveRec.ContrastiveRecException]</c> holds it too.</summary>
    private protected static ErrorRecord Refusal(string errorId, RefusalCategory category, string problem, string remedy, object? target = null, Exception? inner = null) =>
        ErrorFor(new ContrastiveRecException(errorId, category, problem, remedy, target, inner));

    /// <summary>
    /// The one rule every writer follows, checked before any work so that a long run never ends in a refusal:
    /// a folder is refused, an existing file is kept unless -Force, then -WhatIf/-Confirm are asked.
    /// False when the user declined or gave -WhatIf: write nothing then.
    /// </summary>
    private protected bool ShouldWrite(string path, OutputFile kind, bool force, string action, string parameter = "-Path")
    {
        ThrowIfFolder(path, kind, parameter);
        if (kind == OutputFile.Plot && !string.Equals(System.IO.Path.GetExtension(path), ".png", StringComparison.OrdinalIgnoreCase))
        {
            // PNG bytes under another name (.jpg, .svg) would mislead whatever opens the file.
            ThrowTerminatingError(Refusal("NotPngPath", RefusalCategory.InvalidArgument, $"'{path}' does not end in .png, but the image is written as PNG.",
                "Give a path ending in .png.", path));
        }
        if (!force && File.Exists(path))
        {
            ThrowTerminatingError(Refusal($"{kind}FileExists", RefusalCategory.ResourceExists, $"'{path}' already exists.",
                $"Use -Force to overwrite it, or choose another {parameter}.", path));
        }
        if (!ShouldProcess(path, action)) return false;
        // A read-only folder, or a file where a folder belongs, is found now rather than after the work.
        WriteFile(path, kind, () => AtomicFile.CheckWritable(path));
        return true;
    }

    private protected void ThrowIfFolder(string path, OutputFile kind, string parameter)
    {
        // "out/" names a folder even before it exists; written to, it would be made and left empty.
        var endsInSeparator = System.IO.Path.EndsInDirectorySeparator(path);
        if (!Directory.Exists(path) && !endsInSeparator) return;
        var folder = endsInSeparator ? System.IO.Path.TrimEndingDirectorySeparator(path) : path;
        ThrowTerminatingError(Refusal($"{kind}PathIsFolder", RefusalCategory.InvalidArgument,
            endsInSeparator ? $"{parameter} '{path}' ends in '{path[^1]}', so it names a folder; give the file to write." : $"{parameter} '{path}' is a folder; give the file to write.",
            $"Add a file name to {parameter}, e.g. {System.IO.Path.Combine(folder, DefaultName(kind))}.", path));
    }

    /// <summary>Runs a write that <see cref="ShouldWrite"/> allowed; a failed write stops with {Kind}WriteFailed naming the
    /// target, and what the writer refuses to draw (BadPoints, DuplicateRecall) stops with its own refusal.</summary>
    private protected void WriteFile(string path, OutputFile kind, Action write)
    {
        if (TryWrite(path, kind, write) is { } error) ThrowTerminatingError(error);
    }

    /// <summary>As <see cref="WriteFile"/>, but a failed write is a non-terminating error: for a command whose files are
    /// a by-product of output already emitted (a comparison's rows), so one failed file loses neither.</summary>
    private protected bool WriteFileOrError(string path, OutputFile kind, Action write)
    {
        if (TryWrite(path, kind, write) is not { } error) return true;
        WriteError(error);
        return false;
    }

    private static ErrorRecord? TryWrite(string path, OutputFile kind, Action write)
    {
        try
        {
            write();
            return null;
        }
        catch (ContrastiveRecException e)
        {
            // Includes ModelFileExists from the last step of a write without -Force (TargetExistsException): another
            // writer made the file between ShouldWrite's check and the rename.
            return ErrorFor(e, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // AtomicFile's messages already name the target, never its hidden temporary file.
            return Refusal($"{kind}WriteFailed", RefusalCategory.WriteError, e.Message,
                "Check that the drive has space and the folder is writable, or choose another path.", path, e);
        }
    }

    private static string DefaultName(OutputFile kind) => kind switch
    {
        OutputFile.Model => "model.crec",
        OutputFile.Plot => "plot.png",
        OutputFile.Report => "report.html",
        OutputFile.Embedding => "embeddings.csv",
        _ => "comparison",
    };

    /// <summary>The recommender bound to -Model, or a stop with its refusal (ModelWithoutRatings: a model loaded
    /// without its ratings) named as this cmdlet's error.</summary>
    private protected IRecommender Usable(IRecommender model)
    {
        if (model is UnusableRecommender unusable) ThrowTerminatingError(ErrorFor(unusable.Refusal, unusable.Name));
        return model;
    }

    /// <summary>Stops with ContrastiveRec.InvalidModelName when -Name cannot name a model (checked before any work).</summary>
    protected void ThrowIfInvalidModelName(string? name)
    {
        if (name is null || ModelName.Problem(name) is not { } problem) return;
        ThrowTerminatingError(Refusal("InvalidModelName", RefusalCategory.InvalidArgument, $"-Name cannot be used: {problem}.",
            $"Give -Name a short name on one line (1 to {ModelName.MaxLength} characters, no tabs or line breaks), such as 'Strategy 4, 50 epochs'.", name));
    }
}

/// <summary>What a writer makes; it names the writer's error ids (ModelFileExists, PlotWriteFailed, ...).</summary>
internal enum OutputFile
{
    Model,
    Plot,
    Report,
    Table,
    Embedding,
}
