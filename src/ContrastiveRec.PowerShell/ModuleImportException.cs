using System.Management.Automation;

namespace ContrastiveRec.PowerShell;

/// <summary>A failed import that carries its own ErrorRecord, so Import-Module reports its id, category and advice.</summary>
public sealed class ModuleImportException : RuntimeException
{
    private readonly ErrorRecord _record;

    internal ModuleImportException(Exception inner, string id, ErrorCategory category, object target, string advice)
        : base(inner.Message, inner)
    {
        // The default error view prints RecommendedAction as "Recommendation:" under the message.
        _record = new ErrorRecord(this, id, category, target)
        {
            ErrorDetails = new ErrorDetails(Message) { RecommendedAction = advice },
        };
    }

    public override ErrorRecord ErrorRecord => _record;
}
