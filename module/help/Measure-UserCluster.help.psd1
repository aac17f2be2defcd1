@{
    Synopsis    = 'Scores several numbers of clusters so you can choose one.'
    Description = @'
Measure-UserCluster runs the same k-means as Get-UserCluster (k-means++ starts, -Restarts seeded restarts, lowest inertia kept) once for each value of -Count and emits, per count, the silhouette score (the mean of every user's silhouette, −1 to 1; higher means better separated clusters), the inertia (it always falls as the count grows; look for an elbow) and the cluster sizes. Pick the count with the highest silhouette, then run Get-UserCluster with it.

The silhouette score measures every pair of users (O(users² × dimensions), a block at a time); with -SampleSize it is that of a seeded random sample of users measured among themselves, as scikit-learn's silhouette_score(sample_size=…) does: the same sample for every count, so the scores compare. k-means always runs on all users.

It takes map points (UserId, X, Y) from ConvertTo-Tsne or embeddings (UserId, Vector) from Get-UserEmbedding. No input, or a count above the number of users, stops with an error (category InvalidArgument).
'@
    Parameters  = @{
        UserId   = 'The user''s own id (a MovieLens number, or text such as u-17), taken from the pipeline objects.'
        X        = 'The user''s horizontal map position (from ConvertTo-Tsne), taken from the pipeline objects.'
        Y        = 'The user''s vertical map position, taken from the pipeline objects.'
        Vector   = 'The user''s embedding (from Get-UserEmbedding), taken from the pipeline objects, when scoring embeddings rather than a map.'
        Count    = 'The numbers of clusters to score.'
        Seed     = 'Seeds the k-means++ starts (and the -SampleSize sample).'
        Restarts = 'How many seeded starts per count; the lowest inertia is kept.'
        SampleSize = 'Score the silhouette on this many users drawn at random (seeded by -Seed) instead of all of them; e.g. 10000 on ml-25m-sized sets. Leave it out to measure every user. A sample holding fewer than two clusters stops with an error (ContrastiveRec.SampleTooSmall).'
    }
    Defaults    = @{ SampleSize = 'Every user' }
    Inputs      = @{
        'ContrastiveRec.Analysis.UserPoint' = 'A user''s map position.'
        'ContrastiveRec.Training.UserEmbedding'  = 'A user''s embedding.'
    }
    Outputs     = @{ 'ContrastiveRec.Analysis.ClusterCountScore' = 'Count, Silhouette, Inertia and Sizes per number of clusters.' }
    Examples    = @(
        @{ Title = 'Which count separates the map best'; Code = '$points = Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | ConvertTo-Tsne -Iterations 300; $points | Measure-UserCluster -Count (2..6) | Sort-Object Silhouette -Descending | Select-Object -First 1'; Remarks = 'The count with the highest silhouette score.' }
        @{ Title = 'Score many users on a sample'; Code = '$points = 1..20000 | ForEach-Object { [pscustomobject]@{ UserId = $_; X = ($_ % 3) * 10 + (Get-Random -Maximum 2.0); Y = (Get-Random -Maximum 2.0) } }; $points | Measure-UserCluster -Count 2, 3, 4 -Restarts 2 -SampleSize 2000'; Remarks = 'k-means on all 20,000 users; each silhouette score from the same 2,000 of them, 100 times fewer pairs than all.' }
        @{ Title = 'Then cluster with it'; Code = '$points = 1..80 | ForEach-Object { [pscustomobject]@{ UserId = $_; X = ($_ % 4) * 10 + (Get-Random -Maximum 2.0); Y = (Get-Random -Maximum 2.0) } }; $best = $points | Measure-UserCluster -Count 2, 3, 4, 5 -Restarts 3 | Sort-Object Silhouette -Descending | Select-Object -First 1; $points | Get-UserCluster -Count $best.Count'; Remarks = 'Four planted groups: the best count is 4, and the points are clustered with it.' }
    )
    Links       = @('Get-UserCluster', 'ConvertTo-Tsne')
}
