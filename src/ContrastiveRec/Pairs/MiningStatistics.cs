namespace ContrastiveRec.Pairs;

/// <summary>What mining kept and why interactions were skipped.</summary>
public sealed record MiningStatistics
{
    /// <summary>Movies with at least one train rating.</summary>
    public int MoviesRated { get; init; }

    /// <summary>Movies that passed the liker, disliker and popularity filters.</summary>
    public int MoviesKept { get; init; }

    /// <summary>Train rows on kept movies (the study's "Size Train Set").</summary>
    public int TrainRowsKept { get; init; }

    /// <summary>Test rows on kept movies (the study's "Size Test Set").</summary>
    public int TestRowsKept { get; init; }

    public int Triplets { get; init; }

    /// <summary>Kept rows rated between the thresholds: neither like nor dislike.</summary>
    public int NeutralRating { get; init; }
    public int NoPositive { get; init; }
    public int NoNegative { get; init; }

    public override string ToString() =>
        $"{Triplets} triplets from {TrainRowsKept} train rows on {MoviesKept}/{MoviesRated} movies ({TestRowsKept} test rows kept); skipped {NeutralRating} neutral, {NoPositive} no positive, {NoNegative} no negative";
}
