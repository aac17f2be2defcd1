namespace ContrastiveRec.Analysis;

internal static class Distance
{
    public static double Squared(double[] a, double[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Points of {a.Length} and {b.Length} coordinates cannot be compared.");
        double s = 0;
        for (var d = 0; d < a.Length; d++)
        {
            var t = a[d] - b[d];
            s += t * t;
        }
        return s;
    }
}
