namespace ContrastiveRec.Training;

/// <summary>Draws negatives in proportion to how often movies were rated (by picking random train ratings).</summary>
internal sealed class NegativeSampler
{
    private readonly long[] _ratedMovies;
    private readonly double[] _logFrequency;
    private readonly Random _random;
    private readonly int _count;

    public NegativeSampler(long[] ratedMovies, int movies, int seed, int count = 8192)
    {
        _ratedMovies = ratedMovies;
        _random = new Random(seed);
        _count = count;
        var freq = new double[movies];
        foreach (var m in ratedMovies) freq[m]++;
        _logFrequency = freq.Select(f => Math.Log(Math.Max(f, 0.5) / ratedMovies.Length)).ToArray();
    }

    public (long[] Candidates, float[] LogQ, Dictionary<long, int> Slot) Candidates(List<long> positives)
    {
        var slot = new Dictionary<long, int>();
        var list = new List<long>();
        void Add(long m)
        {
            if (slot.TryAdd(m, list.Count)) list.Add(m);
        }
        foreach (var m in positives) Add(m);
        for (var i = 0; i < _count; i++) Add(_ratedMovies[_random.Next(_ratedMovies.Length)]);
        var logQ = list.Select(m => (float)(_logFrequency[m] + Math.Log(_count))).ToArray();
        return (list.ToArray(), logQ, slot);
    }
}
