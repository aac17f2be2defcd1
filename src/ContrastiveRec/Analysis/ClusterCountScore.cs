namespace ContrastiveRec.Analysis;

/// <summary>How well one number of clusters fits: k-means inertia and the silhouette score (higher is better separated).</summary>
public sealed record ClusterCountScore(int Count, double Silhouette, double Inertia, IReadOnlyList<int> Sizes);
