@{
    Synopsis    = 'Lays users'' embeddings out on a 2-D map with exact t-SNE.'
    Description = @'
ConvertTo-Tsne reduces users' learned embeddings to two dimensions with exact t-SNE (van der Maaten and Hinton 2008), as the study does to look at its user clusters. It takes the embeddings from Get-UserEmbedding, or a trained model (then all of the model's users), and emits one point per user: UserId, X and Y.

Each user's neighbourhood is calibrated to the perplexity by a binary search; the layout starts from the first two principal components (or seeded noise with -Initialization Random), is pulled together by early exaggeration (12 for the first 250 iterations, momentum 0.5) and then settles (momentum 0.8) over -Iterations. The same input and settings give the same map bit for bit, on any machine with the same libtorch (the work runs on one thread, which was fastest on small maps).

Exact t-SNE holds n × n matrices, so more than 5,000 users are refused with an error naming the limit; 610 users take about 2 seconds for 1,000 iterations. Progress shows the iteration and KL divergence; -Verbose reports the KL divergence every 250 iterations; Ctrl+C stops between iterations and emits nothing.
'@
    Parameters  = @{
        Embedding        = 'User embeddings (UserId and Vector), usually Get-UserEmbedding output on the pipeline. All must have the same number of dimensions.'
        Model            = 'A trained encoder (Invoke-EncoderTraining or Import-EncoderModel) on the pipeline: every one of its users is laid out.'
        Perplexity       = 'The effective number of neighbours each user''s neighbourhood is calibrated to. Default 30; clamped to a third of the users for tiny sets.'
        Iterations       = 'Gradient descent iterations, the first 250 of them with early exaggeration. Default 1000.'
        LearningRate     = 'The gradient step. Default 200.'
        AutoLearningRate = 'Use max(users / 12, 50) as the learning rate instead of -LearningRate (scikit-learn''s "auto").'
        Initialization   = 'Pca (default): the first two principal components, scaled; Random: seeded Gaussian noise.'
        Seed             = 'Seeds the random initialisation. Default 42. PCA initialisation uses no randomness.'
    }
    Inputs      = @{
        'ContrastiveRec.Training.UserEmbedding'  = 'A user''s embedding.'
        'ContrastiveRec.Training.TrainedEncoder' = 'A trained model: all its users.'
    }
    Outputs     = @{ 'ContrastiveRec.Analysis.UserPoint' = 'UserId, X and Y per user.' }
    Examples    = @(
        @{ Title = 'Map every user of a model'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | ConvertTo-Tsne -Iterations 300 | Select-Object -First 3'; Remarks = 'One point per user; the study trains 20 epochs and runs 1,000 iterations (the defaults of both commands).' }
        @{ Title = 'Map some users'' embeddings, reproducibly from noise'; Code = '$model = Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1; $model | Get-UserEmbedding -User (1..100) | ConvertTo-Tsne -Initialization Random -Seed 7 -Perplexity 15 -Iterations 300'; Remarks = 'The same seed gives the same map.' }
    )
    Links       = @('Get-UserEmbedding', 'Get-UserCluster', 'Export-EmbeddingPlot')
}
