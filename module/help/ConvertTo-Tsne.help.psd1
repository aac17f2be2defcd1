@{
    Synopsis    = 'Lays users'' embeddings out on a 2-D map with t-SNE (exact, or Barnes-Hut for many users).'
    Description = @'
ConvertTo-Tsne reduces users' learned embeddings to two dimensions with t-SNE (van der Maaten and Hinton 2008), as the study does to look at its user clusters. It takes the embeddings from Get-UserEmbedding, or a trained model (then all of the model's users), and emits one point per user: UserId, X and Y.

Each user's neighbourhood is calibrated to the perplexity by a binary search; the layout starts from the first two principal components (or seeded noise with -Initialization Random), is pulled together by early exaggeration (12 for the first 250 iterations, momentum 0.5) and then settles (momentum 0.8) over -Iterations. The same input and settings give the same map bit for bit, on any machine with the same libtorch (the work runs on one thread, which was fastest on small maps).

Up to 5,000 users the map is exact t-SNE, which holds n × n matrices (1 GB at 5,000 users); 610 users take about 2 seconds for 1,000 iterations. Above 5,000 users it is Barnes-Hut t-SNE (van der Maaten 2014), whose memory and time grow with n log n: each user's neighbourhood is its 3 × perplexity nearest users, found exactly by matrix products a block of users at a time, and the repulsion between all users comes from a quadtree (-Theta). All 162,541 users of an ml-25m-sized set take minutes and about 1 GB besides the embeddings. -Method Exact or BarnesHut forces one method; a run whose memory estimate exceeds what the machine has free is refused before it starts (error ContrastiveRec.TooManyPoints, category LimitsExceeded). With many users, -AutoLearningRate (users / 12) converges far better in 1,000 iterations than the fixed 200. Barnes-Hut maps are reproducible bit for bit too, whatever the number of threads.

Progress shows the neighbour search (Barnes-Hut), then the iteration and KL divergence, with the time remaining; -Verbose reports the KL divergence every 250 iterations; Ctrl+C stops between iterations (or blocks of the search) and emits nothing.
'@
    Parameters  = @{
        Embedding        = 'User embeddings (UserId and Vector), usually Get-UserEmbedding output on the pipeline. All must have the same number of dimensions.'
        Model            = 'A trained encoder (Invoke-EncoderTraining or Import-EncoderModel) on the pipeline: every one of its users is laid out.'
        Perplexity       = 'The effective number of neighbours each user''s neighbourhood is calibrated to, over its 3 × perplexity nearest users; so n users carry a perplexity of at most (n - 1) / 3 (203 for 610 users). A larger one is refused (error ContrastiveRec.PerplexityTooLarge, category InvalidArgument) rather than quietly lowered. Left out, the default is lowered to (n - 1) / 3 on fewer than 91 users, with a warning.'
        Iterations       = 'Gradient descent iterations, the first 250 of them with early exaggeration.'
        LearningRate     = 'The gradient step.'
        AutoLearningRate = 'Use max(users / 12, 50) as the learning rate instead of -LearningRate (scikit-learn''s "auto").'
        Initialization   = 'Pca (default): the first two principal components, scaled; Random: seeded Gaussian noise.'
        Seed             = 'Seeds the random initialisation. PCA initialisation uses no randomness.'
        Method           = 'Auto (default): exact t-SNE up to 5,000 users, Barnes-Hut above. Exact: every pair of users (n × n memory; refused when it cannot fit). BarnesHut: nearest-neighbour affinities and quadtree repulsion, for any number of users.'
        Theta            = 'Barnes-Hut accuracy, 0 to 1: a quadtree cell of users far enough away (side / distance below Theta) is treated as one point at its centre. 0 is exact repulsion (slow). Exact t-SNE ignores it.'
    }
    Inputs      = @{
        'ContrastiveRec.Training.UserEmbedding'  = 'A user''s embedding.'
        'ContrastiveRec.Training.TrainedEncoder' = 'A trained model: all its users.'
    }
    Outputs     = @{ 'ContrastiveRec.Analysis.UserPoint' = 'UserId, X and Y per user.' }
    Examples    = @(
        @{ Title = 'Map every user of a model'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | ConvertTo-Tsne -Iterations 300 | Select-Object -First 3'; Remarks = 'One point per user; the study trains 20 epochs and runs 1,000 iterations (the defaults of both commands).' }
        @{ Title = 'Map more than 5,000 users with Barnes-Hut t-SNE'; Code = '$e = 1..6000 | ForEach-Object { [ContrastiveRec.Training.UserEmbedding]::new($_, [float[]]@((($_ % 3) * 5 + (Get-Random -Maximum 1.0)), (Get-Random -Maximum 1.0))) }; $e | ConvertTo-Tsne -Iterations 100 -AutoLearningRate -Verbose | Select-Object -First 3'; Remarks = 'Above 5,000 users the Barnes-Hut method is chosen (the verbose stream says which); on all users of a large model pipe the model itself: $model | ConvertTo-Tsne -AutoLearningRate.' }
        @{ Title = 'Map some users'' embeddings, reproducibly from noise'; Code = '$model = Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1; $model | Get-UserEmbedding -User (1..100) | ConvertTo-Tsne -Initialization Random -Seed 7 -Perplexity 15 -Iterations 300'; Remarks = 'The same seed gives the same map.' }
    )
    Links       = @('Get-UserEmbedding', 'Get-UserCluster', 'Export-EmbeddingPlot')
}
