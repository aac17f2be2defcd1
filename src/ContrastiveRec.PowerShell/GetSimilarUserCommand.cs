using System.Management.Automation;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.PowerShell;

/// <summary>The users most like given users, by any model that has representations of users (every trained encoder,
/// UserKnn), with scores.</summary>
[Cmdlet(VerbsCommon.Get, "SimilarUser")]
[OutputType(typeof(SimilarUser))]
public sealed class GetSimilarUserCommand : SimilarityCmdlet
{
    /// <summary>Users by their own ids (numbers or text). Plain ids bind from the pipeline, and so do the UserId properties
    /// of piped objects (recommendations, similar users, embeddings); a piped model still binds to -Model.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("UserId")]
    [ArgumentCompleter(typeof(UserIdCompleter))]
    [ValidateNotNullOrEmpty]
    public IConvertible[] User { get; set; } = null!;

    private protected override IConvertible[] Ids => User;

    private protected override (Action<IRecommender>, string) Capability => (m => Similarity.UsersOf(m), "CannotFindSimilarUsers");

    private protected override (Func<IRecommender, object, int>, string) Lookup => ((m, id) => m.RatingSet.GetUserIndex(id), "UnknownUser");

    private protected override IReadOnlyList<object> Similar(IRecommender model, int index, int top) =>
        model.SimilarUsers([model.RatingSet.UserIds[index]], top, Cancellation);
}
