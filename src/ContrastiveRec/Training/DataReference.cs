using ContrastiveRec.Data;

namespace ContrastiveRec.Training;

/// <summary>Where a model's ratings came from, so a loaded model can re-read them with the same split, and their
/// fingerprint, so that other data given to the model is recognised (null in files saved before it existed).</summary>
/// <param name="Format">How a file other than MovieLens was read (null: a MovieLens release, or files saved before it existed).</param>
public sealed record DataReference(string Source, SplitMethod SplitMethod, double TestFraction, int? SplitSeed, string? Derivation = null,
    DataFingerprint? Fingerprint = null, RatingFileFormat? Format = null)
{
    public static DataReference Of(RatingSet set) =>
        new(set.Source, set.Split.Method, set.Split.TestFraction, set.Split.Seed, set.Derivation, DataFingerprint.Of(set), set.Format);

    /// <summary>"{ Source = ..., SplitMethod = Random, ... }", invariant, without the type name (a CSV cell).</summary>
    public override string ToString() => RecordText.Of(PrintMembers);
}
