@{
    Synopsis    = 'Groups users into clusters with k-means.'
    Description = @'
Get-UserCluster runs k-means over what comes down the pipeline: map points (UserId, X, Y) from ConvertTo-Tsne, as the study clusters its t-SNE maps, or embeddings (UserId, Vector) from Get-UserEmbedding. Any object with those properties works, so points read back with Import-Csv do too.

Centres are seeded with k-means++ and the clustering is restarted -Restarts times from seeded starts; the one with the lowest inertia (sum of squared distances to the centres) wins. Clusters are numbered from 0 in the order their first user came in, so the same input and seed give the same numbers.

Each output object has UserId, Cluster, X and Y (null when clustering embeddings) and Silhouette, that user's own silhouette value (−1 to 1: how much closer the user is to their own cluster than to the next). The mean of Silhouette over all users is the clustering's silhouette score; -Verbose prints it with the cluster sizes. Every user's silhouette measures the distance to every other user, a block of users at a time (no users × users matrix is held): on 162,541 users with 200-d embeddings that is about 5e12 operations, a few minutes on two cores; on map points it is much less. Each k-means iteration costs users × clusters × dimensions (matrix products). Progress shows the restart, iteration and silhouette with the time remaining; Ctrl+C stops within a second or so. To choose -Count, compare the scores of several counts with Measure-UserCluster.

No input, or more clusters than users, stops with an error (category InvalidArgument); -Count below 2 is refused when binding.
'@
    Parameters  = @{
        UserId   = 'The user''s own id (a MovieLens number, or text such as u-17), taken from the pipeline objects.'
        X        = 'The user''s horizontal map position (from ConvertTo-Tsne), taken from the pipeline objects.'
        Y        = 'The user''s vertical map position, taken from the pipeline objects.'
        Vector   = 'The user''s embedding (from Get-UserEmbedding), taken from the pipeline objects, when clustering embeddings rather than a map.'
        Count    = 'How many clusters. At least 2, at most the number of users.'
        Seed     = 'Seeds the k-means++ starts.'
        Restarts = 'How many seeded starts to try; the lowest inertia is kept.'
    }
    Inputs      = @{
        'ContrastiveRec.Analysis.UserPoint' = 'A user''s map position.'
        'ContrastiveRec.Training.UserEmbedding'  = 'A user''s embedding.'
    }
    Outputs     = @{ 'ContrastiveRec.Analysis.UserCluster' = 'UserId, Cluster, X, Y and Silhouette per user.' }
    Examples    = @(
        @{ Title = 'Four clusters of the t-SNE map'; Code = '$points = Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | ConvertTo-Tsne -Iterations 300; $points | Get-UserCluster -Count 4 | Group-Object Cluster -NoElement'; Remarks = 'How many users each cluster has.' }
        @{ Title = 'Cluster any objects with UserId, X and Y, and read the silhouette score'; Code = '$points = 1..60 | ForEach-Object { [pscustomobject]@{ UserId = $_; X = ($_ % 3) * 10 + (Get-Random -Maximum 2.0); Y = (Get-Random -Maximum 2.0) } }; $clusters = $points | Get-UserCluster -Count 3; ($clusters | Measure-Object Silhouette -Average).Average'; Remarks = 'Three groups ten units apart: the score is close to 1. Points read with Import-Csv work the same way; embeddings (UserId, Vector from Get-UserEmbedding) too, with X and Y left empty.' }
    )
    Links       = @('ConvertTo-Tsne', 'Measure-UserCluster', 'Get-ClusterTopMovie', 'Export-EmbeddingPlot')
}
