namespace ContrastiveRec.Data;

/// <summary>What went wrong while reading a MovieLens file; the cmdlets map it to an ErrorCategory.</summary>
public enum MovieLensErrorKind
{
    PathNotFound,
    UnknownLayout,
    EmptyFile,
    MalformedRow,
    RatingOutOfRange,
    DuplicateRating,
}
