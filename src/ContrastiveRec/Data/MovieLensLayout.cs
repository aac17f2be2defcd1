namespace ContrastiveRec.Data;

/// <summary>The file layouts GroupLens has published MovieLens releases in.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum MovieLensLayout
{
    /// <summary>ratings.csv / movies.csv with a header (ml-latest, ml-latest-small, ml-20m, ml-25m, ml-32m).</summary>
    Csv,

    /// <summary>ratings.dat / movies.dat separated by "::" (ml-1m, ml-10m).</summary>
    DoubleColon,

    /// <summary>u.data (tab-separated) with u.item ("|"-separated, Latin-1) (ml-100k).</summary>
    Tab,

    /// <summary>Any other delimited file with a header, read by Import-RatingSet (<see cref="RatingFileReader"/>).</summary>
    Delimited,
}
