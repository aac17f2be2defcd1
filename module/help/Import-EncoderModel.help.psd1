@{
    Synopsis    = 'Loads a trained encoder saved by Export-EncoderModel.'
    Description = @'
Import-EncoderModel restores a model whose embeddings equal the saved model's exactly. The ratings it was trained on are re-read from the recorded source with the recorded split when that source still exists; pass -Ratings to give them yourself. A missing, corrupt, truncated or foreign file gives a clear error.
'@
    Parameters  = @{
        Path    = 'The model file. Also from the FullName of Get-ChildItem output.'
        Ratings = 'The RatingSet the model was trained on, when its source cannot be re-read.'
    }
    Inputs      = @{ 'System.String' = 'A path.' }
    Outputs     = @{ 'ContrastiveRec.Training.TrainedEncoder' = 'The model.' }
    Examples    = @(
        @{ Title = 'Save and load again'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Export-EncoderModel ./s4.crec -Force; Import-EncoderModel ./s4.crec'; Remarks = 'The loaded model gives the same embeddings as the saved one.' }
        @{ Title = 'Load every model in a folder'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Export-EncoderModel ./m1.crec -Force; Get-ChildItem -Filter *.crec | Import-EncoderModel'; Remarks = 'Files can be piped in.' }
    )
    Links       = @('Export-EncoderModel')
}
