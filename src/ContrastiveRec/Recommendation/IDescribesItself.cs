namespace ContrastiveRec.Recommendation;

/// <summary>A recommender that says what it was built with and what the build kept, in words a user reads. The views and
/// New-BaselineRecommender -Verbose show these, so no caller needs to know its type; every baseline of the
/// <see cref="RecommenderRegistry"/> is one.</summary>
public interface IDescribesItself
{
    /// <summary>Its key settings, short enough for a table column: "lambda 100, 9,742 movies", "all other movies".</summary>
    string Settings { get; }

    /// <summary>What the build made of the data, as a sentence without its full stop: "EASE kept 9,742 of 9,742 movies
    /// (100.0 % of train ratings)".</summary>
    string Built { get; }
}
