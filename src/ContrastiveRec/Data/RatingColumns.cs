namespace ContrastiveRec.Data;

/// <summary>Ratings as read, in file order, with raw MovieLens ids (or codes into <see cref="UserTexts"/> and
/// <see cref="MovieTexts"/>). Filled through writers, one per range of the file (each on its own thread, at the rows
/// its range's lines start at), then gathered and trimmed once.</summary>
internal sealed class RatingColumns
{
    /// <summary>Each row's user: a MovieLens id, or a code into <see cref="UserTexts"/> when that is set.</summary>
    public int[] Users;

    /// <summary>Each row's movie (item): a MovieLens id, or a code into <see cref="MovieTexts"/> when that is set.</summary>
    public int[] Movies;

    /// <summary>When set, the ids as given, each text once in any order (first seen, say); <see cref="RatingSetAssembler"/>
    /// makes them an <see cref="IdTable"/> (numeric when every text is an int32's canonical text) and maps the codes.</summary>
    public string[]? UserTexts;

    /// <summary>As <see cref="UserTexts"/>, for the movies (items).</summary>
    public string[]? MovieTexts;

    public float[] Ratings;
    public long[] Times;
    public int Count;

    /// <summary>False when the data has no timestamps: <see cref="Times"/> is then ignored and the set has none.</summary>
    public bool HasTimes = true;
    private readonly LineBook _lines = new();

    public RatingColumns(int capacity)
    {
        Users = new int[capacity];
        Movies = new int[capacity];
        Ratings = new float[capacity];
        Times = new long[capacity];
        HugePages.Advise(Users);
        HugePages.Advise(Movies);
        HugePages.Advise(Ratings);
        HugePages.Advise(Times);
    }

    /// <summary>Columns already filled (their first <paramref name="count"/> rows), as a builder hands them over; row r
    /// is numbered <paramref name="firstLine"/> + r in errors.</summary>
    public RatingColumns(int[] users, int[] movies, float[] ratings, long[] times, int count, long firstLine)
    {
        (Users, Movies, Ratings, Times, Count) = (users, movies, ratings, times, count);
        _lines.Note(0, firstLine);
    }

    /// <summary>Rows start .. start+capacity-1 for one range; only a writer of all rows may grow the columns (lines
    /// the pre-scan did not count, such as lone carriage returns, are only possible in a file read as one range).</summary>
    public Writer WriterAt(int start, int capacity) => new(this, start, capacity);

    public long LineOf(int row) => _lines.LineOf(row);

    /// <summary>Takes the writers' rows in order: moves each run down in place over the rows the previous range left
    /// unused (its blank lines), so nothing is copied out, and takes over their line numbers.</summary>
    public void Gather(IEnumerable<Writer> writers)
    {
        Count = 0;
        foreach (var w in writers)
        {
            if (w.Start != Count && w.Count > 0)
            {
                Array.Copy(Users, w.Start, Users, Count, w.Count);
                Array.Copy(Movies, w.Start, Movies, Count, w.Count);
                Array.Copy(Ratings, w.Start, Ratings, Count, w.Count);
                Array.Copy(Times, w.Start, Times, Count, w.Count);
            }
            w.Lines.CopyTo(_lines, Count);
            Count += w.Count;
        }
    }

    public void Trim()
    {
        // One column at a time, so the peak is the columns plus one column's copy.
        if (Users.Length == Count) return;
        Array.Resize(ref Users, Count);
        Array.Resize(ref Movies, Count);
        Array.Resize(ref Ratings, Count);
        Array.Resize(ref Times, Count);
    }

    private void Grow()
    {
        var size = (int)Math.Min(Array.MaxLength, Users.Length + Math.Max(1024L, Users.Length / 4));
        Array.Resize(ref Users, size);
        Array.Resize(ref Movies, size);
        Array.Resize(ref Ratings, size);
        Array.Resize(ref Times, size);
    }

    /// <summary>Appends rows to one range of the columns.</summary>
    internal sealed class Writer(RatingColumns columns, int start, int capacity)
    {
        private int _capacity = capacity;

        public int Start { get; } = start;
        public int Count { get; private set; }

        /// <summary>Line numbers of this writer's rows (row 0 is <see cref="Start"/>).</summary>
        internal LineBook Lines { get; } = new();

        public void Add(int user, int movie, float rating, long time, long line)
        {
            if (Count == _capacity)
            {
                if (Start != 0 || _capacity != columns.Users.Length)
                    throw new InvalidOperationException("A range of the ratings file held more rows than its lines.");
                columns.Grow();
                _capacity = columns.Users.Length;
            }
            var row = Start + Count;
            columns.Users[row] = user;
            columns.Movies[row] = movie;
            columns.Ratings[row] = rating;
            columns.Times[row] = time;
            Lines.Note(Count, line);
            Count++;
        }
    }
}

/// <summary>Line numbers of rows added in order: implied (first line + row) except after a record that spans lines
/// or blank lines; those rare corrections are kept sparsely so errors can still name the right line.</summary>
internal sealed class LineBook
{
    private long _first = -1;
    private readonly List<(int Row, long Line)> _jumps = new();

    /// <summary>Records the line of the next row (rows are noted in ascending order, starting at row 0).</summary>
    public void Note(int row, long line)
    {
        if (_first < 0) _first = line;
        else if (line != LineOf(row)) _jumps.Add((row, line));
    }

    public long LineOf(int row)
    {
        for (var i = _jumps.Count - 1; i >= 0; i--)
            if (_jumps[i].Row <= row) return _jumps[i].Line + (row - _jumps[i].Row);
        return _first + row;
    }

    /// <summary>Notes these rows in <paramref name="target"/>, shifted to start at <paramref name="firstRow"/>.</summary>
    public void CopyTo(LineBook target, int firstRow)
    {
        if (_first < 0) return;
        target.Note(firstRow, _first);
        foreach (var (row, line) in _jumps) target.Note(firstRow + row, line);
    }
}
