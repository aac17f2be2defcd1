using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>Draws the per-row tables afresh from N(0, std) (<see cref="TrainingOptions.InitStd"/>), inside the seeded
/// build so the same seed gives the same weights.</summary>
internal static class TableInit
{
    public static UserEncoder StartingAt(this UserEncoder encoder, double? std)
    {
        Draw(encoder.EmbeddingTable, std);
        return encoder;
    }

    public static (nn.Module<Tensor, Tensor> Tower, MovieTable Movies) StartingAt(this (nn.Module<Tensor, Tensor> Tower, MovieTable Movies) modules, double? std)
    {
        switch (modules.Tower)
        {
            case UserEncoder id: Draw(id.EmbeddingTable, std); break;
            case GraphEncoder graph: Draw(graph.EmbeddingTable, std); break;
        }
        Draw(modules.Movies.EmbeddingTable, std);
        return modules;
    }

    private static void Draw(Tensor table, double? std)
    {
        if (std is not { } s) return;
        using var _ = no_grad();
        nn.init.normal_(table, 0, s);
    }
}
