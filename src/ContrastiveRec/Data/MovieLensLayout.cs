namespace ContrastiveRec.Data;

/// <summary>The file layouts GroupLens has published MovieLens releases in, and the other ways a set can come in.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum MovieLensLayout
{
    /// <summary>ratings.csv / movies.csv with a header (ml-latest, ml-latest-small, ml-20m, ml-25m, ml-32m).</summary>
    Csv,

    /// <summary>ratings.dat / movies.dat separated by "::" (ml-1m, ml-10m).</summary>
    DoubleColon,

    /// <summary>u.data (tab-separated) with u.item ("|"-separated, Latin-1) (ml-100k).</summary>
    Tab,

    /// <summary>Not a file: interactions given one object at a time (ConvertTo-RatingSet, <see cref="RatingSetBuilder"/>).</summary>
    Objects,

    /// <summary>Any other file with a header (delimited or Parquet), read by Import-RatingSet (<see cref="RatingFileReader"/>).</summary>
    Delimited,
}
