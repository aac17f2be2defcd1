namespace ContrastiveRec.Data;

/// <summary>A per-user train/test division of a RatingSet's rows. Immutable.</summary>
public sealed class RatingSplit
{
    internal RatingSplit(SplitMethod method, double testFraction, int? seed, bool[] isTest, int testCount)
    {
        Method = method;
        TestFraction = testFraction;
        Seed = seed;
        IsTestRow = isTest;
        TestCount = testCount;
    }

    public SplitMethod Method { get; }
    public double TestFraction { get; }

    /// <summary>The seed of a random split; null for a temporal one.</summary>
    public int? Seed { get; }
    public int TestCount { get; }
    public int TrainCount => IsTestRow.Length - TestCount;

    /// <summary>One flag per rating row of the owning RatingSet.</summary>
    internal bool[] IsTestRow { get; }

    public bool IsTest(int row) => IsTestRow[row];

    public override string ToString() => Method == SplitMethod.Random
        ? $"Random {TestFraction:0.##%} per user, seed {Seed}"
        : $"Temporal {TestFraction:0.##%} per user (latest)";

    /// <summary>How many of a user's <paramref name="n"/> ratings go to test: the rounded fraction,
    /// at least one when the fraction is positive and the user has two or more, never all of them.</summary>
    public static int TestCountFor(int n, double fraction)
    {
        if (fraction <= 0 || n < 2) return 0;
        var k = (int)Math.Round(n * fraction, MidpointRounding.AwayFromZero);
        return Math.Clamp(k, 1, n - 1);
    }

    internal static RatingSplit Create(RatingSet set, SplitMethod method, double fraction, int seed)
    {
        if (double.IsNaN(fraction) || fraction < 0 || fraction >= 1)
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The test fraction must be at least 0 and below 1.");
        if (method == SplitMethod.Temporal && !set.HasTimestamps)
            throw new ContrastiveRecException("NoTimestamps", RefusalCategory.InvalidOperation,
                $"A temporal split holds out each user's latest ratings, but {set} has no timestamps.",
                "Split it with -SplitMethod Random, or read the data again with its timestamp column.", set);

        var offsets = set.UserOffsets;
        var isTest = new bool[set.RatingCount];
        var total = 0;
        var rng = new Random(seed);
        var scratch = new int[16];
        for (var u = 0; u < set.UserCount; u++)
        {
            int start = offsets[u], n = offsets[u + 1] - start;
            var k = TestCountFor(n, fraction);
            if (k == 0) continue;
            if (scratch.Length < n) scratch = new int[Math.Max(n, scratch.Length * 2)];
            for (var i = 0; i < n; i++) scratch[i] = start + i;
            if (method == SplitMethod.Random)
            {
                // Partial Fisher-Yates: the first k slots become a uniform sample.
                for (var i = 0; i < k; i++)
                {
                    var j = rng.Next(i, n);
                    (scratch[i], scratch[j]) = (scratch[j], scratch[i]);
                }
            }
            else
            {
                var ts = set.TimestampColumn;
                var movie = set.MovieColumn;
                // Latest first; equal timestamps fall back to the higher movie index so the split is total.
                Array.Sort(scratch, 0, n, Comparer<int>.Create((a, b) =>
                {
                    var c = ts[b].CompareTo(ts[a]);
                    return c != 0 ? c : movie[b].CompareTo(movie[a]);
                }));
            }
            for (var i = 0; i < k; i++) isTest[scratch[i]] = true;
            total += k;
        }
        return new RatingSplit(method, fraction, method == SplitMethod.Random ? seed : null, isTest, total);
    }
}
