namespace ContrastiveRec.Analysis;

/// <summary>
/// One of a cluster's highest-rated movies: the mean of its members' train ratings, over at least MinRatings of them.
/// <see cref="IsPopular"/> marks a movie among the set's most-rated; <see cref="PopularShare"/> is the fraction of
/// this cluster's top movies that are (the same on every row of a cluster) — the study's diagnosis of Strategy 1,
/// where every cluster's favourites were the same crowd-pleasers.
/// </summary>
public sealed record ClusterTopMovie(
    int Cluster, int Rank, object MovieId, string Title, IReadOnlyList<string> Genres, double MeanRating, int Ratings,
    bool IsPopular, int ClusterSize, double PopularShare);
