using ContrastiveRec.Data;

namespace ContrastiveRec.Evaluation;

/// <summary>How popular each movie of a catalogue is in the train part (the users who rated it), for the beyond-accuracy
/// measures: the popularity of what is recommended, its percentile in the catalogue, and novelty.</summary>
internal sealed class MoviePopularity
{
    private readonly int[] _users;
    private readonly double[] _percentile;
    private readonly double[] _selfInformation;

    private MoviePopularity(int[] users, int trainUsers)
    {
        _users = users;
        var n = users.Length;
        // Percentile: the share of the catalogue that is less popular (the most popular movie of 10,000 sits at 99.99 %).
        var sorted = (int[])users.Clone();
        Array.Sort(sorted);
        _percentile = new double[n];
        _selfInformation = new double[n];
        for (var m = 0; m < n; m++)
        {
            var below = LowerBound(sorted, users[m]);
            _percentile[m] = n == 0 ? 0 : (double)below / n;
            // Self-information -log2 p(movie), p = the share of train users who rated it; a movie nobody rated counts
            // as rated once (it is the rarest there is, not infinitely novel).
            _selfInformation[m] = -Math.Log2((double)Math.Max(users[m], 1) / Math.Max(trainUsers, 1));
        }
    }

    // A set and its split never change, so a set's popularity is counted once: a comparison evaluates each model under
    // two protocols, over seeds, on the same set.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RatingSet, MoviePopularity> Counted = new();

    /// <summary>The train popularity of <paramref name="set"/>'s movies.</summary>
    public static MoviePopularity Of(RatingSet set) => Counted.GetValue(set, Count);

    private static MoviePopularity Count(RatingSet set)
    {
        var users = new int[set.MovieCount];
        var isTest = set.Split.IsTestRow;
        var trainUsers = 0;
        for (var u = 0; u < set.UserCount; u++)
        {
            var any = false;
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
            {
                if (isTest[r]) continue;
                users[set.MovieColumn[r]]++; // a user rates a movie once: rows are distinct pairs
                any = true;
            }
            if (any) trainUsers++;
        }
        return new MoviePopularity(users, trainUsers);
    }

    /// <summary>Train users who rated the movie.</summary>
    public int Users(int movie) => _users[movie];

    public double Percentile(int movie) => _percentile[movie];

    /// <summary>-log2 of the share of train users who rated the movie: 0 for a movie everyone rated.</summary>
    public double SelfInformation(int movie) => _selfInformation[movie];

    private static int LowerBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
