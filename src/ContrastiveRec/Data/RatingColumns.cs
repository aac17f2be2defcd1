namespace ContrastiveRec.Data;

/// <summary>Ratings as read, in file order, with raw MovieLens ids; grown in place and trimmed once.</summary>
internal sealed class RatingColumns
{
    public int[] Users;
    public int[] Movies;
    public float[] Ratings;
    public long[] Times;
    public int Count;

    // Line numbers are implied (first data line + row) except after a record that spans lines;
    // those rare corrections are kept sparsely so errors can still name the right line.
    private long _firstLine = -1;
    private readonly List<(int Row, long Line)> _lineJumps = new();

    public RatingColumns(int capacity)
    {
        Users = new int[capacity];
        Movies = new int[capacity];
        Ratings = new float[capacity];
        Times = new long[capacity];
    }

    public void Add(int user, int movie, float rating, long time, long line)
    {
        if (Count == Users.Length) Grow();
        if (_firstLine < 0) _firstLine = line;
        else if (line != LineOf(Count)) _lineJumps.Add((Count, line));
        Users[Count] = user;
        Movies[Count] = movie;
        Ratings[Count] = rating;
        Times[Count] = time;
        Count++;
    }

    public long LineOf(int row)
    {
        long line = _firstLine + row;
        for (var i = _lineJumps.Count - 1; i >= 0; i--)
            if (_lineJumps[i].Row <= row) return _lineJumps[i].Line + (row - _lineJumps[i].Row);
        return line;
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
}
