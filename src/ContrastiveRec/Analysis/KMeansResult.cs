namespace ContrastiveRec.Analysis;

/// <summary>The best of a k-means run's restarts: a cluster per point, the centroids and the inertia.</summary>
public sealed record KMeansResult(int[] Labels, double[][] Centroids, double Inertia, int Iterations, int Restarts)
{
    public int Count => Centroids.Length;

    /// <summary>Points per cluster.</summary>
    public int[] Sizes()
    {
        var sizes = new int[Centroids.Length];
        foreach (var l in Labels) sizes[l]++;
        return sizes;
    }
}
