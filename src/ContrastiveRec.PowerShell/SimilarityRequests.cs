using ContrastiveRec.Recommendation;

namespace ContrastiveRec.PowerShell;

/// <summary>What Get-SimilarMovie and Get-SimilarUser remember between piped records: whether the current model can
/// compare at all (asked once per model, so a refused model gives one error, not one per id) and which ids it has
/// answered already (each once per model).</summary>
internal sealed class SimilarityRequests
{
    private IRecommender? _model;
    private bool _capable;
    private readonly HashSet<int> _answered = new();

    /// <summary>Whether <paramref name="model"/> can compare; <paramref name="check"/> is asked (and reports its
    /// refusal) the first time a model comes.</summary>
    public bool Capable(IRecommender model, Func<bool> check)
    {
        if (ReferenceEquals(_model, model)) return _capable;
        _model = model;
        _answered.Clear();
        return _capable = check();
    }

    /// <summary>True the first time a dense index is asked about for the current model.</summary>
    public bool First(int index) => _answered.Add(index);
}
