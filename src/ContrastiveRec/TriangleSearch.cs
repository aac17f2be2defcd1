using System.Numerics;

namespace ContrastiveRec;

/// <summary>
/// Every point's k best partners under a symmetric score (cosine of users, negative squared distance of t-SNE's
/// points), each pair scored once: a block of rows against every later point, then each row takes its best among
/// later points plus what earlier blocks offered it, and each later point is offered the block's scores of it.
/// Candidates arrive in ascending index, so a tie keeps the lower index without comparing indices. Half the products
/// of a search row by row, and the block is the only large allocation.
/// </summary>
internal static class TriangleSearch
{
    /// <summary>Writes the scores of rows first … first + rows − 1 against columns first … first + width − 1 (row-major,
    /// rows × width floats) and returns where they are, valid until the next call.</summary>
    public delegate IntPtr BlockScores(int first, int rows, int width);

    /// <summary>Whether the lists of all <paramref name="points"/> fit the budget, and enough of them are asked for that
    /// scoring every pair once costs less than scoring the asked rows in full.</summary>
    public static bool Pays(int asked, int points, int k) => (long)asked * 2 >= points && (long)points * k * 8 <= ListBytes;

    /// <summary>The most memory the lists of a search may take (bytes).</summary>
    public const long ListBytes = 1L << 30;

    /// <summary>Floats the largest block of a search holds: <paramref name="blockFloats"/>, or one full row when a row
    /// is longer, and never more than all pairs (a small set's block is small).</summary>
    public static long BlockCapacity(int points, long blockFloats) => Math.Min(Math.Max(blockFloats, points), (long)points * points);

    public static NeighborLists Search(int points, int k, long blockFloats, BlockScores scores, Action<double>? progress, CancellationToken ct)
    {
        var lists = new NeighborLists(points, k);
        if (k == 0) return lists;
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        var totalPairs = (double)points * (points + 1) / 2;
        double donePairs = 0;
        for (var first = 0; first < points;)
        {
            ct.ThrowIfCancellationRequested();
            var width = points - first;
            var rows = (int)Math.Clamp(blockFloats / width, 1, width);
            var end = first + rows;
            var block = scores(first, rows, width);
            var start = first;
            Parallel.For(0, rows, options, i =>
            {
                var row = NativeTensor.Span<float>(block, (long)i * width, width);
                row[i] = float.NegativeInfinity; // never one's own neighbour
                lists.OfferAll(start + i, row, start);
            });
            // Later points (each thread owns a range of them) are offered this block's rows in ascending order.
            var later = points - end;
            if (later > 0)
            {
                const int Columns = 2048;
                Parallel.For(0, (later + Columns - 1) / Columns, options, c =>
                {
                    var from = end + c * Columns;
                    var to = Math.Min(points, from + Columns);
                    for (var i = 0; i < rows; i++)
                        lists.OfferColumns(start + i, NativeTensor.Span<float>(block, (long)i * width + (from - start), to - from), from);
                });
            }
            donePairs += (double)rows * width - (double)rows * (rows - 1) / 2;
            progress?.Invoke(Math.Min(1, donePairs / totalPairs));
            first = end;
        }
        return lists;
    }
}

/// <summary>
/// The best <c>k</c> (similarity, user) candidates of each of a number of users, most similar first. A candidate is
/// taken only when strictly better than the worst kept: callers offer candidates in ascending user order, so that
/// equal similarities keep the lower index.
/// </summary>
internal sealed class NeighborLists
{
    private readonly int _k;
    private readonly float[] _scores;
    private readonly int[] _users;
    private readonly int[] _counts;
    private readonly float[] _worst; // -inf until full, then the k-th best similarity

    public NeighborLists(int owners, int k)
    {
        _k = k;
        _scores = new float[(long)owners * k];
        _users = new int[(long)owners * k];
        _counts = new int[owners];
        _worst = new float[owners];
        Array.Fill(_worst, float.NegativeInfinity);
    }

    public void Offer(int owner, float score, int user)
    {
        if (!(score > _worst[owner]) || _k == 0) return;
        var at = owner * _k;
        var n = _counts[owner];
        var place = n;
        while (place > 0 && _scores[at + place - 1] < score) place--;
        var last = Math.Min(n, _k - 1);
        for (var i = last; i > place; i--)
        {
            _scores[at + i] = _scores[at + i - 1];
            _users[at + i] = _users[at + i - 1];
        }
        _scores[at + place] = score;
        _users[at + place] = user;
        if (n < _k) _counts[owner] = ++n;
        if (n == _k) _worst[owner] = _scores[at + _k - 1];
    }

    /// <summary>Offers <paramref name="owner"/> every user of a row (row[i] is user first + i) but <paramref name="except"/>.</summary>
    public void OfferAll(int owner, ReadOnlySpan<float> row, int first, int except = -1)
    {
        var width = Vector<float>.Count;
        var i = 0;
        while (i < row.Length)
        {
            // Most of a row is below the worst kept: skip it a vector at a time.
            if (i + width <= row.Length && _counts[owner] == _k
                && !Vector.GreaterThanAny(new Vector<float>(row.Slice(i, width)), new Vector<float>(_worst[owner])))
            {
                i += width;
                continue;
            }
            if (first + i != except) Offer(owner, row[i], first + i);
            i++;
        }
    }

    /// <summary>Offers user <paramref name="user"/> to each owner first + i with similarity scores[i].</summary>
    public void OfferColumns(int user, ReadOnlySpan<float> scores, int first)
    {
        var width = Vector<float>.Count;
        var worst = _worst.AsSpan(first, scores.Length);
        var i = 0;
        for (; i + width <= scores.Length; i += width)
        {
            if (!Vector.GreaterThanAny(new Vector<float>(scores.Slice(i, width)), new Vector<float>(worst.Slice(i, width)))) continue;
            for (var j = i; j < i + width; j++) Offer(first + j, scores[j], user);
        }
        for (; i < scores.Length; i++) Offer(first + i, scores[i], user);
    }

    public (int[] Users, float[] Similarities) Of(int owner)
    {
        var at = owner * _k;
        var n = _counts[owner];
        return (_users.AsSpan(at, n).ToArray(), _scores.AsSpan(at, n).ToArray());
    }
}
