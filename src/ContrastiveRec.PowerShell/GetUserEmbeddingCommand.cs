using System.Management.Automation;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>Emits users' learned embeddings (UserId, Vector) from a trained encoder.</summary>
[Cmdlet(VerbsCommon.Get, "UserEmbedding")]
[OutputType(typeof(UserEmbedding))]
public sealed class GetUserEmbeddingCommand : ContrastiveRecCmdlet
{
    // Ids already emitted for the current model: piped rows (recommendations, ratings.csv) repeat a user many times.
    private readonly HashSet<int> _emitted = new(); // embedding rows
    private TrainedEncoder? _emittedFor;

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public TrainedEncoder Model { get; set; } = null!;

    /// <summary>Users by their own ids (numbers or text). Plain ids bind from the pipeline (1,2 | Get-UserEmbedding -Model $m),
    /// and so do the User or UserId properties of piped objects; a piped model still binds to -Model (it is no IConvertible).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("UserId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(UserIdCompleter))]
    public IConvertible[]? User { get; set; }

    protected override void ProcessRecord()
    {
        if (!ReferenceEquals(_emittedFor, Model))
        {
            _emitted.Clear();
            _emittedFor = Model;
        }
        if (User is null)
        {
            var all = Run(Model.GetEmbeddings, Model);
            var ids = Model.GetUserIds();
            for (var u = 0; u < all.Length; u++) WriteObject(new UserEmbedding(ids[u], all[u]));
            return;
        }
        foreach (var id in User)
        {
            if (Model.TryGetUserIndex(id, out var row) && _emitted.Contains(row)) continue;
            if (!TryRun(() => Model.GetEmbedding(id), out var vector, "UnknownUser")) continue;
            _emitted.Add(row);
            WriteObject(new UserEmbedding(Model.GetUserIds()[row], vector)); // the model's own id: 1, not "1"
        }
    }
}
