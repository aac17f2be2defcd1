namespace ContrastiveRec.Analysis;

/// <summary>The paired t-test of two measurements of the same units (two models' recall for the same users): the
/// mean difference, its confidence interval and the two-sided p-value. Users differ far more from each other than
/// models do, so pairing them is what makes a small difference between models visible, or shows it is noise.</summary>
public static class PairedTest
{
    /// <summary>Compares <paramref name="first"/> with <paramref name="second"/>, unit by unit (the same index is the same unit).</summary>
    /// <param name="confidence">Of the interval, between 0 and 1 (0.95: a 95 % interval).</param>
    public static PairedDifference Of(ReadOnlySpan<double> first, ReadOnlySpan<double> second, double confidence = 0.95)
    {
        if (first.Length != second.Length) throw new ArgumentException("Both measurements need one value per unit.", nameof(second));
        if (!(confidence is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be between 0 and 1.");
        var n = first.Length;
        double firstSum = 0, secondSum = 0;
        for (var i = 0; i < n; i++)
        {
            firstSum += first[i];
            secondSum += second[i];
        }
        if (n < 2)
            return new PairedDifference(n, n == 0 ? double.NaN : firstSum, n == 0 ? double.NaN : secondSum, n == 0 ? double.NaN : firstSum - secondSum,
                double.NaN, double.NaN, double.NaN, double.NaN, confidence);
        double meanDifference = (firstSum - secondSum) / n, squares = 0;
        for (var i = 0; i < n; i++)
        {
            var d = first[i] - second[i] - meanDifference;
            squares += d * d;
        }
        var sd = Math.Sqrt(squares / (n - 1));
        var error = sd / Math.Sqrt(n);
        var df = n - 1;
        double p, margin;
        if (error == 0)
        {
            // Every unit moved by the same amount: no noise to doubt it, or no difference at all.
            p = meanDifference == 0 ? 1 : 0;
            margin = 0;
        }
        else
        {
            p = StudentT.TwoSidedP(meanDifference / error, df);
            margin = StudentT.Quantile(1 - (1 - confidence) / 2, df) * error;
        }
        return new PairedDifference(n, firstSum / n, secondSum / n, meanDifference, sd, meanDifference - margin, meanDifference + margin, p, confidence);
    }
}

/// <summary>What a paired test found. Means and the difference are in the measurements' unit (fractions for recall).</summary>
/// <param name="Count">Units measured twice.</param>
/// <param name="StdDev">The sample standard deviation of the unit-by-unit differences.</param>
/// <param name="Lower">The confidence interval of the mean difference (NaN below two units).</param>
/// <param name="PValue">Two-sided: the chance of a mean difference at least this large if the two measurements had the same mean.</param>
public sealed record PairedDifference(int Count, double FirstMean, double SecondMean, double Difference, double StdDev, double Lower, double Upper,
    double PValue, double Confidence);

/// <summary>Student's t distribution: its two-sided tail and quantiles, from the regularized incomplete beta function.</summary>
internal static class StudentT
{
    /// <summary>P(|T| ≥ |t|) with <paramref name="df"/> degrees of freedom.</summary>
    public static double TwoSidedP(double t, double df)
    {
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsInfinity(t)) return 0;
        return Math.Clamp(IncompleteBeta(df / 2, 0.5, df / (df + t * t)), 0, 1);
    }

    /// <summary>The t with P(T ≤ t) = <paramref name="probability"/> (above 0.5), by bisection on the tail: 60 halvings
    /// of a bracket that holds it.</summary>
    public static double Quantile(double probability, double df)
    {
        var tail = 2 * (1 - probability);
        double lo = 0, hi = 1;
        while (TwoSidedP(hi, df) > tail && hi < 1e12) hi *= 2;
        for (var i = 0; i < 200 && hi - lo > 1e-12 * hi; i++)
        {
            var mid = (lo + hi) / 2;
            if (TwoSidedP(mid, df) > tail) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2;
    }

    /// <summary>I_x(a, b), by its continued fraction (modified Lentz), on the side where it converges fast.</summary>
    internal static double IncompleteBeta(double a, double b, double x)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2) ? front * Fraction(a, b, x) / a : 1 - front * Fraction(b, a, 1 - x) / b;
    }

    private static double Fraction(double a, double b, double x)
    {
        const double tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        if (Math.Abs(d) < tiny) d = tiny;
        d = 1 / d;
        var f = d;
        for (var m = 1; m <= 1000; m++)
        {
            // The even step, then the odd step, of the fraction's terms.
            var even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + even * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + even / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            f *= d * c;
            var odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + odd * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + odd / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            var step = d * c;
            f *= step;
            if (Math.Abs(step - 1) < 1e-15) break;
        }
        return f;
    }

    /// <summary>ln Γ(x) for x &gt; 0: Lanczos' approximation (g = 7, nine terms), good to about 15 digits.</summary>
    internal static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        x -= 1;
        var sum = c[0];
        for (var i = 1; i < c.Length; i++) sum += c[i] / (x + i);
        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
