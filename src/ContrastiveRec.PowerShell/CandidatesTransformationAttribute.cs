using System.Management.Automation;

namespace ContrastiveRec.PowerShell;

/// <summary>Lets -Candidates take a scriptblock (a filter on movies, kept as it is) or movie ids of any kind (as
/// <see cref="IdTransformationAttribute"/> takes them: numbers stay numbers, text stays text).</summary>
public sealed class CandidatesTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        IdTransformationAttribute.Unwrap(inputData) is ScriptBlock filter ? filter : new IdTransformationAttribute().Transform(engineIntrinsics, inputData);
}
