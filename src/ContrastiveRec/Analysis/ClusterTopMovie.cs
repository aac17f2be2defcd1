namespace ContrastiveRec.Analysis;

/// <summary>
/// One of the movies that set a cluster apart: <see cref="Lift"/> is the share of the cluster's users who liked it
/// (train ratings at or above the set's relevance threshold) over the share of all the set's users who did, so 3 means
/// the cluster likes it three times as often as everyone; <see cref="Likes"/> is how many of the cluster's users liked it
/// (at least the minimum, so that a movie two users liked cannot lead), <see cref="MeanRating"/> and
/// <see cref="Ratings"/> the mean and count of all the members' train ratings of it.
/// <see cref="IsPopular"/> marks a movie among the set's most-rated; <see cref="PopularShare"/> is the fraction of
/// this cluster's top movies that are (the same on every row of a cluster) — the study's diagnosis of Strategy 1,
/// where every cluster's favourites were the same crowd-pleasers.
/// </summary>
public sealed record ClusterTopMovie(
    int Cluster, int Rank, object MovieId, string Title, IReadOnlyList<string> Genres, double Lift, int Likes, double MeanRating, int Ratings,
    bool IsPopular, int ClusterSize, double PopularShare);
