using ContrastiveRec.Analysis;
using Xunit;

namespace ContrastiveRec.Tests.Analysis;

public class PairedTestTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    [InlineData(12.706)]
    public void The_t_tail_matches_its_closed_forms_at_one_and_two_degrees_of_freedom(double t)
    {
        // df 1 is Cauchy: P(|T| >= t) = 1 - 2 atan(t) / pi. df 2: 1 - t / sqrt(t^2 + 2).
        Assert.Equal(1 - 2 * Math.Atan(t) / Math.PI, StudentT.TwoSidedP(t, 1), 12);
        Assert.Equal(1 - t / Math.Sqrt(t * t + 2), StudentT.TwoSidedP(t, 2), 12);
    }

    [Theory]
    [InlineData(1, 12.7062047)]
    [InlineData(2, 4.30265273)]
    [InlineData(10, 2.22813885)]
    [InlineData(30, 2.04227246)]
    [InlineData(1000, 1.96233908)]
    public void The_97_5_percent_quantile_is_the_tables(int df, double table)
    {
        Assert.Equal(table, StudentT.Quantile(0.975, df), 6);
    }

    [Fact]
    public void Log_gamma_matches_factorials()
    {
        Assert.Equal(Math.Log(24), StudentT.LogGamma(5), 12);
        Assert.Equal(0.5 * Math.Log(Math.PI), StudentT.LogGamma(0.5), 12);
        Assert.Equal(Math.Log(3628800), StudentT.LogGamma(11), 11);
    }

    [Fact]
    public void A_paired_test_by_hand()
    {
        // Differences 1, 2, 3, 4, 5 (second is 0): mean 3, SD sqrt(2.5), error sqrt(0.5), t = 3 / sqrt(0.5), 4 df.
        double[] first = [1, 2, 3, 4, 5], second = [0, 0, 0, 0, 0];
        var r = PairedTest.Of(first, second);
        Assert.Equal((5, 3.0, 0.0, 3.0), (r.Count, r.FirstMean, r.SecondMean, r.Difference));
        Assert.Equal(Math.Sqrt(2.5), r.StdDev, 12);
        var t = 3 / Math.Sqrt(0.5);
        Assert.Equal(StudentT.TwoSidedP(t, 4), r.PValue, 15);
        // On 4 df, F(t) = 1/2 + 3/8 u (1 - u^2 / 12) with u = t / sqrt(1 + t^2 / 4): t = 4.243 gives p = 0.0132.
        var u = t / Math.Sqrt(1 + t * t / 4);
        Assert.Equal(2 * (1 - (0.5 + 0.375 * u * (1 - t * t / (12 * (1 + t * t / 4))))), r.PValue, 12);
        var margin = 2.77644511 * Math.Sqrt(0.5); // the table's t(0.975, 4)
        Assert.Equal(3 - margin, r.Lower, 6);
        Assert.Equal(3 + margin, r.Upper, 6);
    }

    [Fact]
    public void The_same_measurement_twice_differs_by_nothing_and_a_constant_shift_is_certain()
    {
        double[] a = [0.5, 0.75, 1.0];
        var same = PairedTest.Of(a, a);
        Assert.Equal((0.0, 1.0), (same.Difference, same.PValue));
        var shifted = PairedTest.Of(a, a.Select(x => x - 0.25).ToArray()); // exact in binary: every difference is 0.25
        Assert.Equal((0.25, 0.0, 0.25, 0.25), (shifted.Difference, shifted.PValue, shifted.Lower, shifted.Upper));
    }

    [Fact]
    public void Noise_around_no_difference_is_not_significant_and_a_real_shift_is()
    {
        var rng = new Random(3);
        var users = Enumerable.Range(0, 500).Select(_ => rng.NextDouble()).ToArray();
        var noisy = users.Select(x => x + (rng.NextDouble() - 0.5) * 0.1).ToArray();
        Assert.True(PairedTest.Of(noisy, users).PValue > 0.05);
        var better = users.Select(x => x + 0.02 + (rng.NextDouble() - 0.5) * 0.1).ToArray();
        var r = PairedTest.Of(better, users);
        Assert.True(r.PValue < 1e-6, $"p {r.PValue}");
        Assert.InRange(0.02, r.Lower, r.Upper);
    }
}
