using System.Management.Automation;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>Emits users' learned embeddings (UserId, Vector) from a trained encoder.</summary>
[Cmdlet(VerbsCommon.Get, "UserEmbedding")]
[OutputType(typeof(UserEmbedding))]
public sealed class GetUserEmbeddingCommand : ContrastiveRecCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public TrainedEncoder Model { get; set; } = null!;

    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public int[]? User { get; set; }

    protected override void ProcessRecord()
    {
        if (User is null)
        {
            var all = Run(Model.GetEmbeddings, Model);
            var ids = Model.GetUserIds();
            for (var u = 0; u < all.Length; u++) WriteObject(new UserEmbedding(ids[u], all[u]));
            return;
        }
        foreach (var id in User)
        {
            if (!Model.TryGetUserIndex(id, out _))
            {
                WriteError(new ErrorRecord(new ArgumentException($"User {id} is not among the model's {Model.UserCount} users."),
                    "ContrastiveRec.UnknownUser", ErrorCategory.ObjectNotFound, id));
                continue;
            }
            WriteObject(new UserEmbedding(id, Run(() => Model.GetEmbedding(id), Model)));
        }
    }
}
