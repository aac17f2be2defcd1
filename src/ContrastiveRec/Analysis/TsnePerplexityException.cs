using System.Globalization;

namespace ContrastiveRec.Analysis;

/// <summary>A perplexity given for fewer points than it needs (<see cref="TsneOptions.PerplexityFor"/>): refused before any work.</summary>
public sealed class TsnePerplexityException(int points, double perplexity, double maxPerplexity)
    : ContrastiveRecException("PerplexityTooLarge", RefusalCategory.InvalidArgument,
        string.Create(CultureInfo.InvariantCulture,
            $"{points:N0} points cannot carry a perplexity of {perplexity:#,0.##}: t-SNE calibrates each point over its 3 × perplexity nearest others, so {points:N0} points carry a perplexity of at most {Shown(maxPerplexity):#,0.##}."),
        string.Create(CultureInfo.InvariantCulture,
            $"Give -Perplexity {Shown(maxPerplexity):#,0.##} or less, or lay out {PointsFor(perplexity):N0} users or more."),
        perplexity)
{
    public int Points { get; } = points;
    public double Perplexity { get; } = perplexity;

    /// <summary>The largest perplexity these points carry (<see cref="TsneOptions.MaxPerplexity"/>).</summary>
    public double MaxPerplexity { get; } = maxPerplexity;

    // Rounded down, so that the value the message advises is accepted.
    private static double Shown(double max) => Math.Floor(max * 100) / 100;

    // N − 1 ≥ 3 × perplexity.
    private static long PointsFor(double perplexity) => (long)Math.Ceiling(3 * perplexity) + 1;
}
