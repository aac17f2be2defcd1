namespace ContrastiveRec.Analysis;

/// <summary>A finished t-SNE layout: one (X, Y) per input row, in input order.</summary>
public sealed record TsneResult(double[] X, double[] Y, double KlDivergence, int Iterations, TimeSpan Elapsed)
{
    public int Count => X.Length;
}
