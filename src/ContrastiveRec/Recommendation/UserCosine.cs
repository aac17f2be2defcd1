using System.Numerics;
using ContrastiveRec.Data;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// Exact cosine similarities between users' train rating vectors from an inverted index (users by movie): a user's row
/// costs the sum of the rating counts of the movies they rated, never users x movies. Every similarity is summed over
/// the common movies in ascending movie order, so sim(u, v) and sim(v, u) are the same float, whichever path made them.
/// </summary>
internal sealed class UserCosine
{
    /// <summary>Floats in the similarity block of <see cref="AllNeighbors"/> (128 MB); tests make it tiny to force many blocks.</summary>
    internal static int BlockFloats = 1 << 25;

    /// <summary>The most memory the per-user neighbour lists of <see cref="AllNeighbors"/> may take (bytes).</summary>
    private const long NeighborListBytes = 1L << 30;

    private readonly int _users;
    // By user (CSR), movies ascending, each row scaled to unit length.
    private readonly int[] _userOffsets, _userMovies;
    private readonly float[] _userValues;
    // By movie (CSC), users ascending: the same values.
    private readonly int[] _movieOffsets, _movieUsers;
    private readonly float[] _movieValues;

    private UserCosine(int users, int[] userOffsets, int[] userMovies, float[] userValues, int[] movieOffsets, int[] movieUsers, float[] movieValues)
    {
        _users = users;
        _userOffsets = userOffsets;
        _userMovies = userMovies;
        _userValues = userValues;
        _movieOffsets = movieOffsets;
        _movieUsers = movieUsers;
        _movieValues = movieValues;
    }

    public int Users => _users;

    public static UserCosine Build(RatingSet set)
    {
        var isTest = set.Split.IsTestRow;
        var userOffsets = new int[set.UserCount + 1];
        for (var u = 0; u < set.UserCount; u++)
        {
            var n = 0;
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++) if (!isTest[r]) n++;
            userOffsets[u + 1] = userOffsets[u] + n;
        }
        var nnz = userOffsets[^1];
        var movies = new int[nnz];
        var values = new float[nnz];
        var counts = new int[set.MovieCount + 1];
        for (var u = 0; u < set.UserCount; u++)
        {
            var at = userOffsets[u];
            double norm = 0;
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
            {
                if (isTest[r]) continue;
                movies[at] = set.MovieColumn[r];
                values[at++] = set.RatingColumn[r];
                norm += (double)set.RatingColumn[r] * set.RatingColumn[r];
            }
            var from = userOffsets[u];
            var length = at - from;
            // Scaled as TrainMatrix scales rows, so the values are the same floats.
            for (var i = from; i < at; i++) values[i] = (float)(values[i] / Math.Sqrt(norm));
            if (!Ascending(movies.AsSpan(from, length))) Array.Sort(movies, values, from, length);
            for (var i = from; i < at; i++) counts[movies[i] + 1]++;
        }
        for (var m = 0; m < set.MovieCount; m++) counts[m + 1] += counts[m];
        var movieOffsets = (int[])counts.Clone();
        var movieUsers = new int[nnz];
        var movieValues = new float[nnz];
        var next = counts; // reused as the fill cursor of each movie
        for (var u = 0; u < set.UserCount; u++)
            for (var i = userOffsets[u]; i < userOffsets[u + 1]; i++)
            {
                var p = next[movies[i]]++;
                movieUsers[p] = u;
                movieValues[p] = values[i];
            }
        return new UserCosine(set.UserCount, userOffsets, movies, values, movieOffsets, movieUsers, movieValues);
    }

    private static bool Ascending(ReadOnlySpan<int> movies)
    {
        for (var i = 1; i < movies.Length; i++) if (movies[i] < movies[i - 1]) return false;
        return true;
    }

    /// <summary>Adds user <paramref name="user"/>'s similarities to users from <paramref name="first"/> on into
    /// <paramref name="row"/> (row[v - first]); <paramref name="starts"/> holds each movie's first index of a user at or after <paramref name="first"/>.</summary>
    private unsafe void Accumulate(int user, Span<float> row, int first, int[]? starts)
    {
        fixed (float* acc = row)
        fixed (int* users = _movieUsers)
        fixed (float* values = _movieValues)
        {
            var shifted = acc - first;
            for (var p = _userOffsets[user]; p < _userOffsets[user + 1]; p++)
            {
                var m = _userMovies[p];
                var x = _userValues[p];
                var end = _movieOffsets[m + 1];
                for (var j = starts is null ? _movieOffsets[m] : starts[m]; j < end; j++) shifted[users[j]] += x * values[j];
            }
        }
    }

    /// <summary>One user's similarity to every user (its own included), as a new array.</summary>
    public float[] Row(int user)
    {
        var row = new float[_users];
        Accumulate(user, row, 0, null);
        return row;
    }

    /// <summary>
    /// Each given user's <paramref name="count"/> most similar other users, most similar first, ties by lower index.
    /// When most users are asked for, each pair is computed once (the upper triangle, block by block); otherwise row by row.
    /// </summary>
    public (int[] Users, float[] Similarities)[] Neighbors(int[] users, int count, Action<double>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var k = Math.Min(count, Math.Max(0, _users - 1));
        var symmetric = (long)users.Length * 2 >= _users && (long)_users * k * 8 <= NeighborListBytes;
        if (!symmetric) return RowByRow(users, k, progress, ct);
        var lists = AllNeighbors(k, progress, ct);
        var result = new (int[], float[])[users.Length];
        for (var i = 0; i < users.Length; i++) result[i] = lists.Of(users[i]);
        return result;
    }

    private (int[], float[])[] RowByRow(int[] users, int k, Action<double>? progress, CancellationToken ct)
    {
        var result = new (int[], float[])[users.Length];
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        // Chunks so that progress is reported from the calling thread (a cmdlet may only write from its own).
        const int Chunk = 1024;
        for (var from = 0; from < users.Length; from += Chunk)
        {
            ct.ThrowIfCancellationRequested();
            var to = Math.Min(users.Length, from + Chunk);
            Parallel.For(from, to, options, () => new float[_users], (i, _, row) =>
            {
                Array.Clear(row);
                var u = users[i];
                Accumulate(u, row, 0, null);
                row[u] = float.NegativeInfinity; // never one's own neighbour
                var list = new NeighborLists(1, k);
                list.OfferAll(0, row, 0);
                result[i] = list.Of(0);
                return row;
            }, _ => { });
            progress?.Invoke((double)to / users.Length);
        }
        return result;
    }

    /// <summary>
    /// Every user's neighbours, each pair (u, v), u &lt; v, computed once: a block of users' rows against every later
    /// user, then each row takes its best among later users plus what earlier blocks offered it, and each later user is
    /// offered the block's similarities to it. Candidates always arrive in ascending user order, so a tie keeps the
    /// lower index without comparing indices.
    /// </summary>
    private NeighborLists AllNeighbors(int k, Action<double>? progress, CancellationToken ct)
    {
        var lists = new NeighborLists(_users, k);
        if (k == 0) return lists;
        var starts = (int[])_movieOffsets[..^1].Clone();
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        var totalPairs = (double)_users * (_users + 1) / 2;
        double donePairs = 0;
        float[]? buffer = null;
        for (var first = 0; first < _users;)
        {
            ct.ThrowIfCancellationRequested();
            var width = _users - first;
            var rows = (int)Math.Clamp(BlockFloats / width, 1, width);
            var end = first + rows;
            var size = rows * width;
            if (buffer is null || buffer.Length < size) buffer = new float[Math.Max(size, BlockFloats)];
            Array.Clear(buffer, 0, size);
            // Each movie's ratings from users at or after this block: the movie's column only ever shrinks from the front.
            for (var m = 0; m < starts.Length; m++)
            {
                var j = starts[m];
                var stop = _movieOffsets[m + 1];
                while (j < stop && _movieUsers[j] < first) j++;
                starts[m] = j;
            }
            var block = buffer;
            Parallel.For(0, rows, options, i =>
            {
                var u = first + i;
                var row = block.AsSpan(i * width, width);
                Accumulate(u, row, first, starts);
                row[i] = float.NegativeInfinity; // never one's own neighbour
                lists.OfferAll(u, row, first);
            });
            // Later users (each thread owns a range of them) are offered this block's rows in ascending user order.
            var later = _users - end;
            if (later > 0)
            {
                const int Columns = 2048;
                Parallel.For(0, (later + Columns - 1) / Columns, options, c =>
                {
                    var from = end + c * Columns;
                    var to = Math.Min(_users, from + Columns);
                    for (var i = 0; i < rows; i++)
                        lists.OfferColumns(first + i, block.AsSpan(i * width + (from - first), to - from), from);
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
