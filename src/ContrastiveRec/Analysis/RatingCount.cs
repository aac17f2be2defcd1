namespace ContrastiveRec.Analysis;

/// <summary>How many ratings carry one value of the scale.</summary>
public sealed record RatingCount(float Rating, long Count)
{
    /// <summary>"4.5:8551", invariant: a histogram's CSV cell joins these ("0.5:1370|1:2811|...").</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Rating}:{Count}");
}
