using System.Collections;
using System.Management.Automation;

namespace ContrastiveRec.PowerShell;

/// <summary>
/// Lets an id property bound by name (UserId of piped points, clusters, rows of a CSV) take the data's own ids as
/// given: numbers stay numbers (1, 1.0 from JSON, "1" from Import-Csv all find user 1 of a MovieLens set) and text stays
/// text ("c17"), with PowerShell's wrappers removed so the core's lookup sees the value itself. Anything else (a
/// hashtable, a model) is refused by name. (A parameter that also binds whole piped objects, such as -User, is typed
/// IConvertible[] instead: a failed transformation would stop the pipeline, where a failed conversion lets a piped
/// model bind to -Model.)
/// </summary>
public sealed class IdTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = Unwrap(inputData);
        if (value is null or string) return value;
        if (value is IEnumerable many and not IDictionary)
        {
            var ids = new List<object?>();
            foreach (var item in many) ids.Add(Checked(Unwrap(item)));
            return ids.ToArray();
        }
        return Checked(value);
    }

    /// <summary>The value inside a PowerShell wrapper (a piped or property value), or the value itself.</summary>
    public static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;

    private static object? Checked(object? value) => value switch
    {
        null or string or int or long or short or byte or sbyte or ushort or uint or ulong or double or float or decimal => value,
        _ => throw new ArgumentTransformationMetadataException(
            $"A {value.GetType().Name} is not an id: give a user's or movie's id as a number or as text (1, 'c17').")
    };
}
