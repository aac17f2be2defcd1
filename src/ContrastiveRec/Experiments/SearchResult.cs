namespace ContrastiveRec.Experiments;

/// <summary>The finished trials of a <see cref="ParameterSearch"/>, best first, and whether every planned one finished.</summary>
public sealed record SearchResult(IReadOnlyList<SearchTrial> Trials, int Planned, SearchStop Stop)
{
    /// <summary>The best trial, or null when none finished.</summary>
    public SearchTrial? Best => Trials.Count > 0 ? Trials[0] : null;
}

/// <summary>Why a search ended.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum SearchStop
{
    /// <summary>Every planned trial finished.</summary>
    Finished,

    /// <summary>The time budget ran out.</summary>
    TimeBudget,

    /// <summary>It was cancelled (Ctrl+C): the finished trials are kept.</summary>
    Cancelled,
}
