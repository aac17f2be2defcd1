using System.Management.Automation;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.PowerShell;

/// <summary>Recommends movies to users with a trained encoder (nearest users' liked movies) or a baseline.</summary>
[Cmdlet(VerbsCommon.Get, "Recommendation")]
[OutputType(typeof(MovieRecommendation))]
public sealed class GetRecommendationCommand : ContrastiveRecCmdlet
{
    private readonly List<int> _pending = new();
    private IRecommender? _pendingModel;
    private bool _all;

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [RecommenderTransformation]
    public IRecommender Model { get; set; } = null!;

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("UserId")]
    [ValidateNotNullOrEmpty]
    public int[]? User { get; set; }

    [Parameter]
    [ValidateRange(1, 100_000)]
    public int Top { get; set; } = 10;

    [Parameter]
    [ValidateRange(1, 100_000)]
    public int Neighbors { get; set; } = 10;

    protected override void ProcessRecord()
    {
        // Ids arriving record by record are batched per model, so all of them share one similarity product.
        if (!ReferenceEquals(_pendingModel, Model)) Flush();
        _pendingModel = Model;
        if (User is null)
        {
            _all = true;
            return;
        }
        foreach (var id in User)
        {
            if (Model.RatingSet.TryGetUserIndex(id, out _)) _pending.Add(id);
            else
                WriteError(new ErrorRecord(
                    new ArgumentException($"User {id} is not among the {Model.RatingSet.UserCount} users of the model's ratings."),
                    "ContrastiveRec.UnknownUser", ErrorCategory.ObjectNotFound, id));
        }
    }

    protected override void EndProcessing() => Flush();

    private void Flush()
    {
        if (_pendingModel is not { } model) return;
        var ids = _all ? model.RatingSet.UserIds.ToList() : _pending.Distinct().ToList();
        _pending.Clear();
        _all = false;
        _pendingModel = null;
        if (ids.Count == 0) return;
        var scope = model.DefaultScope with { Neighbors = Neighbors };
        var recommendations = Run(() => model.RecommendFor(ids, Top, scope, Cancellation).ToList());
        WriteObject(recommendations, enumerateCollection: true);
    }
}
