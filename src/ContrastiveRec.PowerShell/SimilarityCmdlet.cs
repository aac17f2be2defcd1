using System.Management.Automation;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.PowerShell;

/// <summary>
/// What Get-SimilarMovie and Get-SimilarUser share: -Model (piped or given) and -Top, each model asked once whether it can
/// compare at all (a refused model gives one non-terminating error, not one per id), each id looked up (its unknown-id
/// refusal concerns that id only) and answered once per model, the answer written as it comes.
/// </summary>
public abstract class SimilarityCmdlet : ContrastiveRecCmdlet
{
    private IRecommender? _model;
    private bool _capable;
    private readonly HashSet<int> _answered = new();

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [RecommenderTransformation]
    public IRecommender Model { get; set; } = null!;

    [Parameter]
    [ValidateRange(1, 100_000)]
    [CoreDefault(typeof(Similarity), nameof(Similarity.DefaultTop))]
    public int? Top { get; set; }

    /// <summary>The ids asked about in this record (-Movie, -User).</summary>
    private protected abstract IConvertible[] Ids { get; }

    /// <summary>The core's check that the model compares (movies or users), and the id of its refusal.</summary>
    private protected abstract (Action<IRecommender> Check, string Refusal) Capability { get; }

    /// <summary>The dense index of an id in the model's data, and the id of its refusal when unknown.</summary>
    private protected abstract (Func<IRecommender, object, int> Find, string Refusal) Lookup { get; }

    /// <summary>The similar rows of one known id (dense index); refusals named by <see cref="PerIdRefusals"/> concern it only.</summary>
    private protected abstract IReadOnlyList<object> Similar(IRecommender model, int index, int top);

    /// <summary>Refusals of <see cref="Similar"/> that concern one id (MovieNotInModel).</summary>
    private protected virtual string[] PerIdRefusals => [];

    protected override void ProcessRecord()
    {
        Model = Usable(Model);
        if (!ReferenceEquals(_model, Model))
        {
            _model = Model;
            _answered.Clear();
            _capable = TryRun(() => { Capability.Check(Model); return true; }, out _, Capability.Refusal);
        }
        if (!_capable) return;
        foreach (var id in Ids)
        {
            // Each id once per model: piped recommendations name a movie once per user, and a user once per movie.
            if (!TryRun(() => Lookup.Find(Model, id), out var index, Lookup.Refusal) || !_answered.Add(index)) continue;
            if (TryRun(() => Similar(Model, index, Top ?? Similarity.DefaultTop), out var rows, PerIdRefusals))
                WriteObject(rows, enumerateCollection: true);
        }
    }
}
