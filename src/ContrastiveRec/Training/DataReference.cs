using ContrastiveRec.Data;

namespace ContrastiveRec.Training;

/// <summary>Where a model's ratings came from, so a loaded model can re-read them with the same split.</summary>
public sealed record DataReference(string Source, SplitMethod SplitMethod, double TestFraction, int? SplitSeed, string? Derivation = null)
{
    public static DataReference Of(RatingSet set) => new(set.Source, set.Split.Method, set.Split.TestFraction, set.Split.Seed, set.Derivation);
}
