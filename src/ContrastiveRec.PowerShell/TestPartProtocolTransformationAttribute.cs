using System.Management.Automation;
using ContrastiveRec.Evaluation;

namespace ContrastiveRec.PowerShell;

/// <summary>Measure-RecallAtK -Protocol: turns "Newcomers" away with the way to measure it (-Newcomers). The parameter's
/// ValidateSet keeps Newcomers out of Tab completion, since PowerShell completes an enum from its values or a ValidateSet
/// and never asks an ArgumentCompleter; this attribute runs before that check, so the refusal says what to do instead of
/// only "not in the set".</summary>
public sealed class TestPartProtocolTransformationAttribute : ArgumentTransformationAttribute
{
    public const string NewcomersAdvice =
        "-Protocol takes Study or Full. The Newcomers protocol is measured on held-out users: give -Newcomers the Newcomers of Split-RatingSet -HoldOutUsers instead of -Protocol.";

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject ps ? ps.BaseObject : inputData;
        var isNewcomers = value is EvaluationProtocol.Newcomers
            || (value is string s && string.Equals(s.Trim(), nameof(EvaluationProtocol.Newcomers), StringComparison.OrdinalIgnoreCase));
        return isNewcomers ? throw new ArgumentTransformationMetadataException(NewcomersAdvice) : inputData;
    }
}
