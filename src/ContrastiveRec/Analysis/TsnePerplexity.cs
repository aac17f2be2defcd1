namespace ContrastiveRec.Analysis;

/// <summary>The perplexity a t-SNE run uses (<see cref="TsneOptions.PerplexityFor"/>): <see cref="Value"/>, and whether it
/// is the default lowered to what the points can carry.</summary>
public readonly record struct TsnePerplexity(double Value, bool Lowered);
