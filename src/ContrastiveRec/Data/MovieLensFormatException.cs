namespace ContrastiveRec.Data;

/// <summary>A MovieLens file that cannot be read, with the file and the 1-based line (the header, if any, is line 1). Its
/// <see cref="ContrastiveRecException.Problem"/> starts with "path:line: ", so the shell shows where, and its id says
/// what (<see cref="MovieLensErrorKind"/>: PathNotFound, MalformedRow, ...).</summary>
public sealed class MovieLensFormatException : ContrastiveRecException
{
    public MovieLensFormatException(MovieLensErrorKind kind, string path, long line, string problem, string remedy)
        : base(IdOf(kind).Id, IdOf(kind).Category, $"{(line > 0 ? $"{path}:{line}" : path)}: {problem}", remedy, path)
    {
        Kind = kind;
        FilePath = path;
        LineNumber = line;
    }

    public MovieLensErrorKind Kind { get; }
    public string FilePath { get; }

    /// <summary>1-based line number in <see cref="FilePath"/>, or 0 when the error concerns the whole file.</summary>
    public long LineNumber { get; }

    private static (string Id, RefusalCategory Category) IdOf(MovieLensErrorKind kind) => kind switch
    {
        MovieLensErrorKind.PathNotFound => ("PathNotFound", RefusalCategory.ObjectNotFound),
        MovieLensErrorKind.UnknownLayout => ("UnknownMovieLensLayout", RefusalCategory.InvalidArgument),
        MovieLensErrorKind.EmptyFile => ("EmptyFile", RefusalCategory.InvalidData),
        MovieLensErrorKind.MalformedRow => ("MalformedRow", RefusalCategory.ParserError),
        MovieLensErrorKind.RatingOutOfRange => ("RatingOutOfRange", RefusalCategory.InvalidData),
        MovieLensErrorKind.DuplicateRating => ("DuplicateRating", RefusalCategory.InvalidData),
        MovieLensErrorKind.ColumnNotFound => ("ColumnNotFound", RefusalCategory.ObjectNotFound),
        MovieLensErrorKind.UnreadableColumn => ("UnreadableColumn", RefusalCategory.InvalidData),
        MovieLensErrorKind.TimestampOutOfRange => ("TimestampOutOfRange", RefusalCategory.InvalidData),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
