using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>
/// The study's encoder: a learned vector per dense user index, a two-layer MLP, and L2 normalisation so
/// that distances (and cosines) between users live on the unit sphere.
/// </summary>
public sealed class UserEncoder : nn.Module<Tensor, Tensor>
{
    // Field names become the state-dict keys ("embedding.weight", ...), so they are part of the file format.
    private readonly Embedding embedding;
    private readonly Linear hidden;
    private readonly ReLU relu;
    private readonly Linear output;

    public UserEncoder(int users, int inputDim = 1024, int hiddenDim = 600, int latentDim = 200) : base(nameof(UserEncoder))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(users);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(latentDim);
        Users = users;
        InputDim = inputDim;
        HiddenDim = hiddenDim;
        LatentDim = latentDim;
        embedding = nn.Embedding(users, inputDim);
        hidden = nn.Linear(inputDim, hiddenDim);
        relu = nn.ReLU();
        output = nn.Linear(hiddenDim, latentDim);
        RegisterComponents();
    }

    public int Users { get; }
    public int InputDim { get; }
    public int HiddenDim { get; }
    public int LatentDim { get; }

    /// <summary>The embedding table, one row per user (for <see cref="RowWiseAdam"/>).</summary>
    internal Parameter EmbeddingTable => embedding.weight!;

    /// <summary>The dense parameters: every one but the embedding table (the MLP's).</summary>
    internal IEnumerable<Parameter> DenseParameters() => hidden.parameters().Concat(output.parameters());

    /// <summary>Set while <see cref="RowWiseAdam"/> trains the table: training forwards read its rows through it.</summary>
    internal RowWiseAdam? RowWise { get; set; }

    /// <summary>Dense user indices (int64, shape [n]) to unit-length embeddings (float32, shape [n, LatentDim]).</summary>
    public override Tensor forward(Tensor users)
    {
        // Gathered rows belong to RowWiseAdam until its step reads their gradient.
        var gathered = RowWise is not null && training;
        var e = gathered ? RowWise!.Gather(users)[0] : embedding.forward(users);
        using var h = hidden.forward(e);
        if (!gathered) e.Dispose();
        using var a = relu.forward(h);
        using var z = output.forward(a);
        return nn.functional.normalize(z, p: 2.0, dim: 1);
    }
}
