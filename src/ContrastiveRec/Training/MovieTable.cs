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
    public Tensor UnitVectors() => nn.functional.normalize(embedding.weight!, p: 2.0, dim: 1);

    public Tensor Bias => bias;

    /// <summary>Scores (logits) of every movie for unit user vectors [n, latent]: cosine / temperature + bias.</summary>
    public Tensor Score(Tensor users, double temperature)
    {
        using var held = new HeldScalars();
        return users.matmul(UnitVectors().t()).div(held[temperature]).add(bias, held[1]);
    }
}
