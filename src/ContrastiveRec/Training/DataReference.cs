using ContrastiveRec.Data;

namespace ContrastiveRec.Training;

/// <summary>Where a model's ratings came from, so a loaded model can re-read them with the same split, their
/// fingerprint, so that other data given to the model is recognised, and what the ratings meant (scale, relevance
/// threshold, implicit); the last two are null in files saved before they existed (MovieLens ratings: <see cref="TrainedEncoder.Feedback"/>).</summary>
/// <param name="Format">How a file other than MovieLens was read (null: a MovieLens release, or files saved before it existed).</param>
/// <remarks>The feedback is not part of the fingerprint: the train hash already covers the ratings themselves, and the
/// same ratings measured at another relevance threshold are a fair question to ask of a model, not other data.</remarks>
public sealed record DataReference(string Source, SplitMethod SplitMethod, double TestFraction, int? SplitSeed, string? Derivation = null,
    DataFingerprint? Fingerprint = null, Feedback? Feedback = null, RatingFileFormat? Format = null)
{
    public static DataReference Of(RatingSet set) =>
        new(set.Source, set.Split.Method, set.Split.TestFraction, set.Split.Seed, set.Derivation, DataFingerprint.Of(set), set.Feedback, set.Format);

    /// <summary>"{ Source = ..., SplitMethod = Random, ... }", invariant, without the type name (a CSV cell).</summary>
    public override string ToString() => RecordText.Of(PrintMembers);
}
