namespace ContrastiveRec.Analysis;

/// <summary>A finished t-SNE layout: one (X, Y) per input row, in input order, and the perplexity it was calibrated to
/// (the one given, or the default lowered to fit: <see cref="TsneOptions.PerplexityFor"/>).</summary>
public sealed record TsneResult(double[] X, double[] Y, double KlDivergence, int Iterations, TimeSpan Elapsed, double Perplexity)
{
    public int Count => X.Length;
}
