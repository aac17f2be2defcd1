@{
    Synopsis    = 'Emits users'' learned embeddings from a trained encoder.'
    Description = @'
Get-UserEmbedding gives the L2-normalised embedding of every user of a trained model, or of the users named by -User (MovieLens ids), as objects with UserId and Vector (a float array). An id the model does not know gives a non-terminating error naming it; the other ids still get their embeddings.

With -Model given, users can come from the pipeline: plain numbers, or objects with a User or UserId property, such as the rows of Get-Recommendation or of Import-Csv on a ratings.csv (its userId column). Each user's embedding is emitted once per model, however many rows name them.
'@
    Parameters  = @{
        Model = 'A trained encoder from Invoke-EncoderTraining or Import-EncoderModel, usually on the pipeline.'
        User  = 'Users by their own ids: MovieLens numbers, or text such as u-17 for a set from ConvertTo-RatingSet (Tab lists those of the model given with -Model or piped from a variable). Plain ids piped in bind to it, and so does a User or UserId property of piped objects. Without it, every user of the model.'
    }
    Defaults    = @{ User = 'Every user of the model' }
    Inputs      = @{
        'ContrastiveRec.Training.TrainedEncoder' = 'A trained model.'
        'System.Int32'                           = 'User ids, as plain numbers or the User or UserId property of piped objects (with -Model given).'
    }
    Outputs     = @{ 'ContrastiveRec.Training.UserEmbedding' = 'UserId and Vector per user.' }
    Examples    = @(
        @{ Title = 'Two users'' embeddings'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Get-UserEmbedding -User 1, 2'; Remarks = 'Each vector has 200 numbers and length 1.' }
        @{ Title = 'The users of recommendations, or of a ratings file'; Code = '$model = Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1; $model | Get-Recommendation -User 3, 4 -Top 5 | Get-UserEmbedding -Model $model; $csv = Join-Path (Get-Module ContrastiveRec).ModuleBase data/ml-latest-small/ratings.csv; Import-Csv $csv | Select-Object -First 500 | Get-UserEmbedding -Model $model | Select-Object UserId, Dimensions'; Remarks = 'Ten recommendation rows give two embeddings, and the first 500 rows of the bundled ratings.csv (users 1 to 4) give four: each user once, bound by the UserId or userId property.' }
        @{ Title = 'Cosine similarity of two users'; Code = '$e = Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Get-UserEmbedding -User 1, 2; $dot = 0; for ($i = 0; $i -lt $e[0].Dimensions; $i++) { $dot += $e[0].Vector[$i] * $e[1].Vector[$i] }; $dot'; Remarks = 'The vectors are normalised, so their dot product is their cosine similarity. Get-SimilarUser lists the users of largest cosine for you, against every user at once.' }
    )
    Links       = @('Invoke-EncoderTraining', 'Get-SimilarUser', 'Export-UserEmbedding')
}
