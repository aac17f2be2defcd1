namespace ContrastiveRec.Experiments;

/// <summary>How <see cref="ParameterSearch"/> picks the settings it tries.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum SearchMethod
{
    /// <summary>Every combination of the listed values, in a fixed order (parameters by name, values as listed).</summary>
    Grid,

    /// <summary>Settings drawn from the seed: a value of each list, or a point of each range (log-scaled where it fits).</summary>
    Random,
}
