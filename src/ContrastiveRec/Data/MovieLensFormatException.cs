namespace ContrastiveRec.Data;

/// <summary>A MovieLens file that cannot be read, with the file and the 1-based line (the header, if any, is line 1).</summary>
public sealed class MovieLensFormatException : Exception
{
    public MovieLensFormatException(MovieLensErrorKind kind, string path, long line, string problem, string remedy)
        : base(Compose(path, line, problem, remedy))
    {
        Kind = kind;
        FilePath = path;
        LineNumber = line;
        Problem = problem;
        Remedy = remedy;
    }

    public MovieLensErrorKind Kind { get; }
    public string FilePath { get; }

    /// <summary>1-based line number in <see cref="FilePath"/>, or 0 when the error concerns the whole file.</summary>
    public long LineNumber { get; }
    public string Problem { get; }
    public string Remedy { get; }

    private static string Compose(string path, long line, string problem, string remedy)
    {
        var where = line > 0 ? $"{path}:{line}" : path;
        return $"{where}: {problem} {remedy}".TrimEnd();
    }
}
