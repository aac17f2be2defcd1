using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>Learned movie embeddings (compared by cosine) and a per-movie bias, which carries popularity
/// that unit vectors cannot express.</summary>
public sealed class MovieTable : nn.Module
{
    // Field names become state-dict keys: part of the file format.
    private readonly Embedding embedding;
    private readonly Parameter bias;

    public MovieTable(int movies, int latentDim) : base(nameof(MovieTable))
    {
        Movies = movies;
        LatentDim = latentDim;
        embedding = nn.Embedding(movies, latentDim);
        using (no_grad()) embedding.weight!.normal_(0, 0.1);
        bias = nn.Parameter(zeros(movies));
        RegisterComponents();
    }

    public int Movies { get; }
    public int LatentDim { get; }

    /// <summary>All movies' unit vectors [movies, latent].</summary>
    public Tensor UnitVectors() => StepUnits ?? nn.functional.normalize(embedding.weight!, p: 2.0, dim: 1);

    /// <summary>While a Graph encoder trains: the unit vectors of this step's propagated movie vectors, read in place
    /// of the table's.</summary>
    internal Tensor? StepUnits { get; set; }

    public Tensor Bias => bias;

    /// <summary>The vectors, one row per movie (for <see cref="RowWiseAdam"/>).</summary>
    internal Parameter EmbeddingTable => embedding.weight!;

    /// <summary>Set while <see cref="RowWiseAdam"/> trains the table: training scores of candidates read their rows through it.</summary>
    internal RowWiseAdam? RowWise { get; set; }

    /// <summary>Scores (logits) of every movie for unit user vectors [n, latent]: cosine / temperature + bias.</summary>
    public Tensor Score(Tensor users, double temperature)
    {
        using var held = new HeldScalars();
        return users.matmul(UnitVectors().t()).div(held[temperature]).add(bias, held[1]);
    }

    /// <summary><see cref="Score"/> without autograd, written into <paramref name="into"/> [n, movies] from the unit
    /// vectors made once (<paramref name="units"/>); the same operations in the same order, so the same bits.</summary>
    internal Tensor ScoreInto(Tensor users, Tensor units, double temperature, Tensor into)
    {
        using var held = new HeldScalars();
        return into.addmm_(users, units.t(), beta: 0, alpha: 1).div_(held[temperature]).add_(bias, held[1]);
    }

    /// <summary>Scores [n, candidates] of the movies <paramref name="candidates"/> (int64) for unit user vectors, as
    /// <see cref="Score"/>'s columns; while trained row-wise only those rows are read (and get a gradient).</summary>
    internal Tensor ScoreCandidates(Tensor users, Tensor candidates, double temperature)
    {
        using var held = new HeldScalars();
        if (RowWise is null || !training)
        {
            var e = UnitVectors().index_select(0, candidates);
            return users.matmul(e.t()).div(held[temperature]).add(bias.index_select(0, candidates), held[1]);
        }
        var rows = RowWise.Gather(candidates);
        var unit = nn.functional.normalize(rows[0], p: 2.0, dim: 1);
        return users.matmul(unit.t()).div(held[temperature]).add(rows[1].reshape(-1), held[1]);
    }
}
