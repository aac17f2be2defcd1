@{
    Synopsis    = 'Emits users'' learned embeddings from a trained encoder.'
    Description = @'
Get-UserEmbedding gives the L2-normalised embedding of every user of a trained model, or of the users named by -User (MovieLens ids), as objects with UserId and Vector (a float array). An id the model does not know gives a non-terminating error naming it; the other ids still get their embeddings.
'@
    Parameters  = @{
        Model = 'A trained encoder from Invoke-EncoderTraining or Import-EncoderModel, usually on the pipeline.'
        User  = 'MovieLens user ids. Without it, every user of the model.'
    }
    Inputs      = @{ 'ContrastiveRec.Training.TrainedEncoder' = 'A trained model.' }
    Outputs     = @{ 'ContrastiveRec.Training.UserEmbedding' = 'UserId and Vector per user.' }
    Examples    = @(
        @{ Title = 'Two users'' embeddings'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Get-UserEmbedding -User 1, 2'; Remarks = 'Each vector has 200 numbers and length 1.' }
        @{ Title = 'Cosine similarity of two users'; Code = '$e = Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Get-UserEmbedding -User 1, 2; $dot = 0; for ($i = 0; $i -lt $e[0].Dimensions; $i++) { $dot += $e[0].Vector[$i] * $e[1].Vector[$i] }; $dot'; Remarks = 'The vectors are normalised, so their dot product is their cosine similarity.' }
    )
    Links       = @('Invoke-EncoderTraining')
}
