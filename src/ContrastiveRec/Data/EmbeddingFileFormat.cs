namespace ContrastiveRec.Data;

/// <summary>How an embedding matrix is written (<see cref="EmbeddingFile"/>): each a format pandas or NumPy reads as is.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum EmbeddingFileFormat
{
    /// <summary>Text: a header (the id column, then 0 .. d-1) and one row per id, floats in round-trip form.</summary>
    Csv,

    /// <summary>Apache Parquet: the id column (int32 or string) and one float32 column per dimension.</summary>
    Parquet,

    /// <summary>NumPy's .npy (format 1.0, little-endian float32, rows in order), with the ids in a .ids.csv beside it.</summary>
    Npy,
}
