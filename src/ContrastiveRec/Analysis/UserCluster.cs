namespace ContrastiveRec.Analysis;

/// <summary>
/// A user's cluster. X and Y are the user's map position when the clustering ran on a map, null when it ran on
/// embeddings. Silhouette is this user's own silhouette value (−1 … 1); their mean is the clustering's silhouette score.
/// </summary>
public sealed record UserCluster(object UserId, int Cluster, double? X, double? Y, double Silhouette);
