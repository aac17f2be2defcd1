using System.Management.Automation;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.PowerShell;

/// <summary>The users most like given users, by any model that has representations of users (every trained encoder,
/// UserKnn), with scores.</summary>
[Cmdlet(VerbsCommon.Get, "SimilarUser")]
[OutputType(typeof(SimilarUser))]
public sealed class GetSimilarUserCommand : ContrastiveRecCmdlet
{
    private readonly SimilarityRequests _requests = new();

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [RecommenderTransformation]
    public IRecommender Model { get; set; } = null!;

    /// <summary>Users by their own ids (numbers or text). Plain ids bind from the pipeline, and so do the UserId properties
    /// of piped objects (recommendations, similar users, embeddings); a piped model still binds to -Model.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("UserId")]
    [ArgumentCompleter(typeof(UserIdCompleter))]
    [ValidateNotNullOrEmpty]
    public IConvertible[] User { get; set; } = null!;

    [Parameter]
    [ValidateRange(1, 100_000)]
    [CoreDefault(typeof(Similarity), nameof(Similarity.DefaultTop))]
    public int? Top { get; set; }

    protected override void ProcessRecord()
    {
        Model = Usable(Model);
        if (!_requests.Capable(Model, () => TryRun(() => Similarity.UsersOf(Model), out _, "CannotFindSimilarUsers"))) return;
        foreach (var id in User)
        {
            // Each user once per model: piped recommendations name a user once per movie.
            if (!TryRun(() => Model.RatingSet.GetUserIndex(id), out var user, "UnknownUser") || !_requests.First(user)) continue;
            var similar = Run(() => Model.SimilarUsers([Model.RatingSet.UserIds[user]], Top ?? Similarity.DefaultTop, Cancellation));
            WriteObject(similar, enumerateCollection: true);
        }
    }
}
