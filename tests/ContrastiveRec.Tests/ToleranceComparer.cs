namespace ContrastiveRec.Tests;

/// <summary>Numbers equal within an absolute tolerance, for Assert.Equal over sequences.</summary>
internal sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
    public int GetHashCode(double obj) => 0;
}
