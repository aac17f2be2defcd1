using System.Collections;

namespace ContrastiveRec.Experiments;

/// <summary>A trial's settings by cmdlet parameter name (case-insensitive, as PowerShell's hashtables are): a Hashtable,
/// so that it splats (@setting) into the cmdlet that builds the model, and reads "Lambda = 400" in a table or a CSV cell.</summary>
public sealed class SearchSetting : Hashtable
{
    public SearchSetting() : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    internal SearchSetting(IReadOnlyDictionary<string, object> values) : this()
    {
        foreach (var (name, value) in values) this[name] = value;
    }

    /// <summary>"LearningRate = 0.003, Temperature = 0.15": in name order, invariant.</summary>
    public override string ToString() => SearchSpace.Describe(Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value!));

    private IEnumerable<T> Cast<T>() => ((IEnumerable)this).Cast<T>();
}
