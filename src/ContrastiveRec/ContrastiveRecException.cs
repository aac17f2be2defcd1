namespace ContrastiveRec;

/// <summary>
/// Something the library refuses to do, or failed doing, told to the person who asked: a stable <see cref="ErrorId"/>
/// (the cmdlets report it as "ContrastiveRec." + ErrorId), a <see cref="Category"/>, the <see cref="Problem"/> in a
/// sentence or two, a <see cref="Remedy"/> that names what to change (cmdlets and parameters, never .NET calls), and the
/// <see cref="Target"/> it concerns. Every refusal of the core derives from it, so the PowerShell layer maps it once and
/// a .NET caller catches one type.
/// </summary>
public class ContrastiveRecException : Exception
{
    public ContrastiveRecException(string errorId, RefusalCategory category, string problem, string remedy, object? target = null, Exception? inner = null)
        : base(string.IsNullOrEmpty(remedy) ? problem : $"{problem} {remedy}", inner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorId);
        ArgumentException.ThrowIfNullOrWhiteSpace(problem);
        ErrorId = errorId;
        Category = category;
        Problem = problem;
        Remedy = remedy ?? "";
        Target = target;
    }

    /// <summary>What failed, stable across versions: scripts and tests match on it ("MalformedRow", "SampleTooSmall").</summary>
    public string ErrorId { get; }

    public RefusalCategory Category { get; }

    /// <summary>What is wrong, without the remedy: the sentence a shell shows as the error.</summary>
    public string Problem { get; }

    /// <summary>What to do about it; empty when there is nothing to advise.</summary>
    public string Remedy { get; }

    /// <summary>The value, file or object the refusal concerns (the ErrorRecord's target), if any.</summary>
    public object? Target { get; }
}

/// <summary>How a refusal is classed. Each name is a member of PowerShell's ErrorCategory, so the cmdlets map it by name
/// while the core knows nothing of PowerShell (a test holds the names to ErrorCategory's).</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum RefusalCategory
{
    InvalidArgument,
    InvalidData,
    InvalidOperation,
    InvalidType,
    ObjectNotFound,
    ResourceExists,
    ResourceUnavailable,
    LimitsExceeded,
    ParserError,
    ReadError,
    WriteError,
    PermissionDenied,
}
