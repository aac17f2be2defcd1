namespace ContrastiveRec.Visualization;

/// <summary>A user's place on a 2-D map (t-SNE).</summary>
public sealed record UserPoint(int UserId, double X, double Y);

/// <summary>
/// A user's cluster. X and Y are the user's map position when the clustering ran on a map, null when it ran on
/// embeddings. Silhouette is this user's own silhouette value (−1 … 1); their mean is the clustering's silhouette score.
/// </summary>
public sealed record UserCluster(int UserId, int Cluster, double? X, double? Y, double Silhouette);

/// <summary>How well one number of clusters fits: k-means inertia and the silhouette score (higher is better separated).</summary>
public sealed record ClusterCountScore(int Count, double Silhouette, double Inertia, IReadOnlyList<int> Sizes);
