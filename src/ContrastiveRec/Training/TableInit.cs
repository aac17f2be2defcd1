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
        if (UserTable(modules.Tower) is { } users) Draw(users, std);
        Draw(modules.Movies.EmbeddingTable, std);
        return modules;
    }

    /// <summary>The tower's vector per user, if it has one (the id and graph encoders; not the profile encoder).</summary>
    public static Tensor? UserTable(nn.Module<Tensor, Tensor> tower) => tower switch
    {
        UserEncoder id => id.EmbeddingTable,
        GraphEncoder graph => graph.EmbeddingTable,
        _ => null,
    };

    private static void Draw(Tensor table, double? std)
    {
        if (std is not { } s) return;
        using var _ = no_grad();
        nn.init.normal_(table, 0, s);
    }
}
