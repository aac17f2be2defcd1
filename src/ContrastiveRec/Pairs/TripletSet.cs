namespace ContrastiveRec.Pairs;

/// <summary>Training triplets in parallel columns of dense user indices; Movie is the movie that linked each one.</summary>
public sealed class TripletSet
{
    internal TripletSet(int[] anchor, int[] positive, int[] negative, int[] movie, MiningStatistics statistics, PairStrategy strategy, int seed)
    {
        Anchor = anchor;
        Positive = positive;
        Negative = negative;
        Movie = movie;
        Statistics = statistics;
        Strategy = strategy;
        Seed = seed;
    }

    public int[] Anchor { get; }
    public int[] Positive { get; }
    public int[] Negative { get; }
    public int[] Movie { get; }
    public int Count => Anchor.Length;
    public MiningStatistics Statistics { get; }
    public PairStrategy Strategy { get; }
    public int Seed { get; }

    public override string ToString() => $"{Count} triplets ({Strategy})";
}
