using ContrastiveRec.Data;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// The item-item Gram matrix G = X'X of the train ratings over a chosen set of movies (the columns), handed out one row
/// at a time so that no movies x movies matrix need exist: EASE writes the rows into its dense G, ItemKnn keeps each
/// row's nearest movies. X holds the raw ratings, or 1 for every rating (binary, EASE's implicit feedback).
/// </summary>
/// <remarks>
/// The cost is the sum over users of (ratings per user)^2, dominated by the heaviest users. So those (enough ratings that
/// a dense row pays off) go through one dense float32 block and a matrix product per block of rows, and the rest by
/// scattering each light user's list into a dense row accumulator (one per thread, float64): row a gets, for every
/// light user u who rated a, x_ua times u's ratings. Rows are independent, so threads share rows without locks.
/// </remarks>
internal sealed class ItemGram
{
    // Bounds of the dense parts: the heavy users' block and one block of product rows.
    private const long HeavyBlockBytes = 256L << 20;
    private const long RowBlockBytes = 64L << 20;

    // Train ratings of every user over the columns, sorted by column: CSR by user.
    private readonly int[] _userStart;
    private readonly int[] _column;
    private readonly float[] _value;
    // Light users' entries by column (CSC): the user, and the entry's place in the CSR (to know its value and, for the
    // lower triangle, where the user's list stops).
    private readonly int[] _columnStart;
    private readonly int[] _entryUser;
    private readonly int[] _entryPlace;
    private readonly int[] _heavy; // users in the dense block, heaviest first

    private ItemGram(int columns, int[] userStart, int[] column, float[] value, int[] columnStart, int[] entryUser, int[] entryPlace, int[] heavy)
    {
        Columns = columns;
        _userStart = userStart;
        _column = column;
        _value = value;
        _columnStart = columnStart;
        _entryUser = entryUser;
        _entryPlace = entryPlace;
        _heavy = heavy;
    }

    /// <summary>Side of G.</summary>
    public int Columns { get; }

    /// <summary>Users handled by the dense product rather than by scattering.</summary>
    public int HeavyUsers => _heavy.Length;

    /// <summary>Bytes of the arrays <see cref="Of"/> builds for <paramref name="trainRatings"/> entries and <paramref name="columns"/>
    /// columns, with the dense parts and one row accumulator per thread: what to reserve before building.</summary>
    public static long EstimateBytes(long trainRatings, int columns, int users) =>
        trainRatings * 16 + 8L * users + Math.Min(HeavyBlockBytes, 4L * users * columns) + 2 * Math.Min(RowBlockBytes, 4L * columns * columns) + 8L * columns * 8;

    /// <summary>The Gram of the train ratings over the movies whose <paramref name="columnOfMovie"/> is 0 or more.</summary>
    public static ItemGram Of(RatingSet set, int[] columnOfMovie, int columns, bool binary)
    {
        var isTest = set.Split.IsTestRow;
        var users = set.UserCount;
        var userStart = new int[users + 1];
        for (var u = 0; u < users; u++)
        {
            var n = 0;
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
                if (!isTest[r] && columnOfMovie[set.MovieColumn[r]] >= 0) n++;
            userStart[u + 1] = userStart[u] + n;
        }
        var column = new int[userStart[users]];
        var value = new float[column.Length];
        for (var u = 0; u < users; u++)
        {
            var at = userStart[u];
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
                if (!isTest[r] && columnOfMovie[set.MovieColumn[r]] is var c and >= 0)
                {
                    column[at] = c;
                    value[at++] = binary ? 1f : set.RatingColumn[r];
                }
            Array.Sort(column, value, userStart[u], at - userStart[u]);
        }

        // A user is worth a dense row when n^2 scattered additions cost more than the ~2 x columns^2 flops of the product,
        // which runs about 30-40 times faster per operation than scattering (so from about a sixth of the columns).
        var heavyMin = Math.Max(64, columns / 6);
        var maxHeavy = (int)Math.Min(users, HeavyBlockBytes / 4 / Math.Max(1, columns));
        var heavy = Enumerable.Range(0, users).Where(u => userStart[u + 1] - userStart[u] >= heavyMin)
            .OrderByDescending(u => userStart[u + 1] - userStart[u]).ThenBy(u => u).Take(maxHeavy).ToArray();
        var isHeavy = new bool[users];
        foreach (var u in heavy) isHeavy[u] = true;

        var columnStart = new int[columns + 1];
        for (var u = 0; u < users; u++)
            if (!isHeavy[u]) for (var q = userStart[u]; q < userStart[u + 1]; q++) columnStart[column[q] + 1]++;
        for (var c = 0; c < columns; c++) columnStart[c + 1] += columnStart[c];
        var entryUser = new int[columnStart[columns]];
        var entryPlace = new int[entryUser.Length];
        var next = columnStart[..columns];
        for (var u = 0; u < users; u++)
            if (!isHeavy[u])
                for (var q = userStart[u]; q < userStart[u + 1]; q++)
                {
                    var at = next[column[q]]++;
                    entryUser[at] = u;
                    entryPlace[at] = q;
                }
        return new ItemGram(columns, userStart, column, value, columnStart, entryUser, entryPlace, heavy);
    }

    /// <summary>
    /// Computes every row of G and gives it to <paramref name="row"/> (row index, values), from several threads at once but
    /// never the same row twice. With <paramref name="lowerOnly"/> row a holds only columns 0..a (G is symmetric; half the
    /// work). The row's buffer is reused once <paramref name="row"/> returns. <paramref name="progress"/> (share of the work
    /// done) is called on the calling thread, between blocks of rows, where the token is also checked.
    /// </summary>
    public void Rows(bool lowerOnly, Action<int, ReadOnlySpan<double>> row, Action<double>? progress = null, CancellationToken ct = default)
    {
        var work = RowWork(lowerOnly);
        var total = Math.Max(1, work[Columns]);

        using var heavyBlock = HeavyBlock();
        var rowsPerBlock = (int)Math.Clamp(RowBlockBytes / 4 / Math.Max(1, Columns), 1, Math.Max(1, Columns));
        for (var from = 0; from < Columns; from += rowsPerBlock)
        {
            ct.ThrowIfCancellationRequested();
            var to = Math.Min(Columns, from + rowsPerBlock);
            var width = lowerOnly ? to : Columns;
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            // Rows from..to of Xh'Xh, columns 0..width: [to - from, width], read in place.
            var part = heavyBlock?.narrow(1, from, to - from).t().mm(heavyBlock.narrow(1, 0, width)).contiguous();
            var dense = part is null ? IntPtr.Zero : NativeTensor.Elements<float>(part);
            var first = from;
            Parallel.For(from, to, new ParallelOptions { CancellationToken = ct }, () => new double[Columns], (a, _, acc) =>
            {
                var end = lowerOnly ? a + 1 : Columns;
                if (dense != IntPtr.Zero)
                {
                    var d = NativeTensor.Span<float>(dense, (long)(a - first) * width, end);
                    for (var b = 0; b < end; b++) acc[b] = d[b];
                }
                else Array.Clear(acc, 0, end);
                Scatter(a, lowerOnly, acc);
                row(a, acc.AsSpan(0, end));
                return acc;
            }, _ => { });
            progress?.Invoke(work[to] / total);
        }
    }

    /// <summary>Estimated work of <see cref="Rows"/> in scattered additions (the dense product converted at its pace).</summary>
    public double Work(bool lowerOnly) => RowWork(lowerOnly)[Columns];

    // Cumulative work before each row, to report progress by work rather than by rows (a popular movie's row costs far more).
    private double[] RowWork(bool lowerOnly)
    {
        var work = new double[Columns + 1];
        for (var a = 0; a < Columns; a++)
        {
            double w = 0;
            for (var e = _columnStart[a]; e < _columnStart[a + 1]; e++)
            {
                var u = _entryUser[e];
                w += (lowerOnly ? _entryPlace[e] + 1 : _userStart[u + 1]) - _userStart[u];
            }
            // The dense product: 2 flops per heavy user and output, at ~35 times the scatter's pace.
            work[a + 1] = work[a] + w + 2.0 * _heavy.Length * (lowerOnly ? a + 1 : Columns) / 35;
        }
        return work;
    }

    // Adds every light user's part of row a: x_ua times each of u's entries (up to a, for the lower triangle).
    private void Scatter(int a, bool lowerOnly, double[] acc)
    {
        var column = _column;
        var value = _value;
        for (var e = _columnStart[a]; e < _columnStart[a + 1]; e++)
        {
            var p = _entryPlace[e];
            double xa = value[p];
            var start = _userStart[_entryUser[e]];
            var end = lowerOnly ? p + 1 : _userStart[_entryUser[e] + 1];
            for (var q = start; q < end; q++) acc[column[q]] += xa * value[q];
        }
    }

    // The heavy users' rows as a dense float32 [heavy, columns] tensor (exact for counts and half-star products), or null.
    private Tensor? HeavyBlock()
    {
        if (_heavy.Length == 0) return null;
        var dense = new float[(long)_heavy.Length * Columns];
        for (var i = 0; i < _heavy.Length; i++)
        {
            var u = _heavy[i];
            for (var q = _userStart[u]; q < _userStart[u + 1]; q++) dense[(long)i * Columns + _column[q]] = _value[q];
        }
        return NativeTensor.From(dense, _heavy.Length, Columns);
    }
}
