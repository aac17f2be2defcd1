namespace ContrastiveRec.Analysis;

/// <summary>
/// Barnes-Hut quadtree over a 2-D layout for t-SNE's repulsive forces. Cells are squares split at their centre;
/// a cell of at most <see cref="LeafSize"/> points (or at the depth limit, where coincident points end up) is a leaf
/// whose points are visited one by one. Points are kept in tree order, so a cell is a contiguous range.
/// </summary>
internal sealed class TsneQuadTree
{
    private const int LeafSize = 8;
    private const int MaxDepth = 40;
    private const int PointsPerTask = 2048;

    private struct Cell
    {
        public double ComX, ComY, Side;
        public int Start, End, FirstChild;
    }

    private readonly int _n;
    private readonly int[] _order, _orderSwap;
    private readonly double[] _x, _y, _xSwap, _ySwap;
    private readonly byte[] _quadrant;
    private Cell[] _cells;
    private int _cellCount;

    public TsneQuadTree(int n)
    {
        _n = n;
        _order = new int[n];
        _orderSwap = new int[n];
        _x = new double[n];
        _y = new double[n];
        _xSwap = new double[n];
        _ySwap = new double[n];
        _quadrant = new byte[n];
        _cells = new Cell[Math.Max(16, n / 2)];
    }

    /// <summary>Bytes a tree of <paramref name="n"/> points holds (cells: about one per two points, grown by doubling).</summary>
    internal static long Bytes(long n) => n * (4 + 4 + 8 * 4 + 1) + n * 40 * 2;

    /// <summary>Builds the tree over <paramref name="layout"/> (x0, y0, x1, y1, …).</summary>
    public void Build(double[] layout)
    {
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
        double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (var i = 0; i < _n; i++)
        {
            _order[i] = i;
            var x = _x[i] = layout[2 * i];
            var y = _y[i] = layout[2 * i + 1];
            if (x < minX) minX = x;
            if (x > maxX) maxX = x;
            if (y < minY) minY = y;
            if (y > maxY) maxY = y;
        }
        var side = Math.Max(maxX - minX, maxY - minY);
        if (!(side > 0)) side = 1;
        _cellCount = 1;
        _cells[0] = new Cell { Start = 0, End = _n };
        Split(0, minX, minY, side, 0);
    }

    private void Split(int cell, double x0, double y0, double side, int depth)
    {
        var start = _cells[cell].Start;
        var end = _cells[cell].End;
        double sx = 0, sy = 0;
        for (var p = start; p < end; p++)
        {
            sx += _x[p];
            sy += _y[p];
        }
        var count = end - start;
        _cells[cell].ComX = count > 0 ? sx / count : 0;
        _cells[cell].ComY = count > 0 ? sy / count : 0;
        _cells[cell].Side = side;
        _cells[cell].FirstChild = -1;
        if (count <= LeafSize || depth >= MaxDepth) return;

        // A stable counting sort of the range by quadrant (bit 0: right half, bit 1: upper half).
        var half = side / 2;
        var midX = x0 + half;
        var midY = y0 + half;
        Span<int> offsets = stackalloc int[4];
        for (var p = start; p < end; p++)
        {
            var q = (_x[p] >= midX ? 1 : 0) | (_y[p] >= midY ? 2 : 0);
            _quadrant[p] = (byte)q;
            offsets[q]++;
        }
        Span<int> next = stackalloc int[4];
        next[0] = start;
        for (var q = 1; q < 4; q++) next[q] = next[q - 1] + offsets[q - 1];
        for (var p = start; p < end; p++)
        {
            var to = next[_quadrant[p]]++;
            _orderSwap[to] = _order[p];
            _xSwap[to] = _x[p];
            _ySwap[to] = _y[p];
        }
        Array.Copy(_orderSwap, start, _order, start, count);
        Array.Copy(_xSwap, start, _x, start, count);
        Array.Copy(_ySwap, start, _y, start, count);

        if (_cellCount + 4 > _cells.Length) Array.Resize(ref _cells, _cells.Length * 2);
        var first = _cellCount;
        _cellCount += 4;
        _cells[cell].FirstChild = first;
        var from = start;
        for (var q = 0; q < 4; q++)
        {
            _cells[first + q] = new Cell { Start = from, End = from + offsets[q] };
            from += offsets[q];
        }
        for (var q = 0; q < 4; q++)
            Split(first + q, x0 + (q & 1) * half, y0 + (q >> 1) * half, half, depth + 1);
    }

    /// <summary>
    /// For every point i: the unnormalised repulsion Σ_j q_ij² (y_i − y_j) into force[2i], force[2i + 1], and
    /// Σ_j q_ij into z[i], with q_ij = (1 + |y_i − y_j|²)⁻¹; a cell whose side / distance to its centre of mass is
    /// below <paramref name="theta"/> counts as all its points at that centre. Each point's sums run in a fixed order,
    /// so the result does not depend on how many threads share the work.
    /// </summary>
    public void Repulsion(double theta, double[] force, double[] z, CancellationToken ct)
    {
        var theta2 = theta * theta;
        var tasks = (_n + PointsPerTask - 1) / PointsPerTask;
        Parallel.For(0, tasks, new ParallelOptions { CancellationToken = ct }, () => new int[4 * MaxDepth + 8], (t, _, stack) =>
        {
            var cells = _cells;
            var end = Math.Min(_n, (t + 1) * PointsPerTask);
            for (var p = t * PointsPerTask; p < end; p++)
            {
                double px = _x[p], py = _y[p], fx = 0, fy = 0, sum = 0;
                var top = 0;
                stack[top++] = 0;
                while (top > 0)
                {
                    ref var cell = ref cells[stack[--top]];
                    var count = cell.End - cell.Start;
                    if (count == 0) continue;
                    var dx = px - cell.ComX;
                    var dy = py - cell.ComY;
                    var d2 = dx * dx + dy * dy;
                    if (cell.Side * cell.Side < theta2 * d2)
                    {
                        var q = 1 / (1 + d2);
                        sum += count * q;
                        var w = count * q * q;
                        fx += w * dx;
                        fy += w * dy;
                    }
                    else if (cell.FirstChild < 0)
                    {
                        for (var o = cell.Start; o < cell.End; o++)
                        {
                            if (o == p) continue;
                            var ex = px - _x[o];
                            var ey = py - _y[o];
                            var q = 1 / (1 + ex * ex + ey * ey);
                            sum += q;
                            fx += q * q * ex;
                            fy += q * q * ey;
                        }
                    }
                    else
                    {
                        // Pushed last-first so children are visited in quadrant order.
                        for (var q = 3; q >= 0; q--) stack[top++] = cell.FirstChild + q;
                    }
                }
                var i = _order[p];
                force[2 * i] = fx;
                force[2 * i + 1] = fy;
                z[i] = sum;
            }
            return stack;
        }, _ => { });
    }
}
