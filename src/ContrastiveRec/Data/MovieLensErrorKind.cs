namespace ContrastiveRec.Data;

/// <summary>What went wrong while reading a MovieLens file; the cmdlets map it to an ErrorCategory.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum MovieLensErrorKind
{
    PathNotFound,
    UnknownLayout,
    EmptyFile,
    MalformedRow,
    RatingOutOfRange,
    DuplicateRating,
    ColumnNotFound,
    UnreadableColumn,
    TimestampOutOfRange,
}
