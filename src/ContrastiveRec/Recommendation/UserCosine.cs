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
        if (!TriangleSearch.Pays(users.Length, _users, k)) return RowByRow(users, k, progress, ct);
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

    /// <summary>Every user's neighbours, each pair scored once (<see cref="TriangleSearch"/>); a block's rows are
    /// summed from the users at or after the block, movie by movie.</summary>
    private NeighborLists AllNeighbors(int k, Action<double>? progress, CancellationToken ct)
    {
        var starts = (int[])_movieOffsets[..^1].Clone();
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        // Pinned, as the search reads it by address.
        var buffer = GC.AllocateUninitializedArray<float>((int)Math.Min(Array.MaxLength, TriangleSearch.BlockCapacity(_users, BlockFloats)), pinned: true);
        var address = System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(buffer, 0);
        return TriangleSearch.Search(_users, k, BlockFloats, (first, rows, width) =>
        {
            Array.Clear(buffer, 0, rows * width);
            // Each movie's ratings from users at or after this block: the movie's column only ever shrinks from the front.
            for (var m = 0; m < starts.Length; m++)
            {
                var j = starts[m];
                var stop = _movieOffsets[m + 1];
                while (j < stop && _movieUsers[j] < first) j++;
                starts[m] = j;
            }
            Parallel.For(0, rows, options, i => Accumulate(first + i, buffer.AsSpan(i * width, width), first, starts));
            return address;
        }, progress, ct);
    }
}
