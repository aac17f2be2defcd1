@{
    Synopsis    = 'Loads a trained encoder saved by Export-EncoderModel.'
    Description = @'
Import-EncoderModel restores a model whose embeddings equal the saved model's exactly. The ratings it was trained on are re-read from the recorded source with the recorded split when that source still exists; pass -Ratings to give them yourself. When the source is gone or no longer reads (a malformed row, an emptied or deleted ratings file), the model loads without its ratings and a warning names the source and what is wrong with it. A missing, corrupt, truncated or foreign file gives a clear error (ContrastiveRec.InvalidModelFile), at once whatever its size: the file's first bytes and its header's sizes are checked against its length before the rest is read, and the file is never held in memory whole, so a model over 2 GB loads.

A model records a fingerprint of the data it learned from: the source, the layout, the numbers of users, movies and ratings, the split (method, test share, seed) and a SHA-256 of the train part's user, movie and rating columns. Ratings given with -Ratings are checked against it, and another data set, another split or a source edited since training stops the import (error ContrastiveRec.ModelDataMismatch) with what differs: evaluating on another split would count movies the model learned from as hits. A re-read source that has changed is not used (a warning says what changed). -AllowOtherData applies the model to -Ratings on purpose; even then they must have the model's users (and, for a UserMovie model, its movies), which it knows by position. Models saved before the fingerprint existed are checked by their users only.
'@
    Parameters  = @{
        Path    = 'The model file. Also from the FullName of Get-ChildItem output.'
        Ratings = 'The RatingSet the model was trained on, when its source cannot be re-read. It must match the model''s fingerprint (same data, same split) unless -AllowOtherData is given.'
        AllowOtherData = 'Apply the model to -Ratings although they are not the data it was trained on (another split of the same ratings, say). They must still have the model''s users and, for a UserMovie model, its movies.'
        Name    = 'The model''s name from now on, instead of the one saved in the file (Invoke-EncoderTraining -Name, else the default such as Strategy 4; files saved before names existed get the default). One line of 1 to 100 characters, else error ContrastiveRec.InvalidModelName.'
    }
    Inputs      = @{ 'System.String' = 'A path.' }
    Outputs     = @{ 'ContrastiveRec.Training.TrainedEncoder' = 'The model.' }
    Examples    = @(
        @{ Title = 'Save and load again'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Export-EncoderModel ./s4.crec -Force; Import-EncoderModel ./s4.crec'; Remarks = 'The loaded model gives the same embeddings as the saved one.' }
        @{ Title = 'A saved model keeps its name, or takes another'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -Name ''S4 quick'' | Export-EncoderModel ./s4q.crec -Force; (Import-EncoderModel ./s4q.crec).Name; (Import-EncoderModel ./s4q.crec -Name ''S4 again'').Name'; Remarks = 'The first line is S4 quick, the name saved with the model; the second S4 again.' }
        @{ Title = 'Load every model in a folder'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Export-EncoderModel ./m1.crec -Force; Get-ChildItem -Filter *.crec | Import-EncoderModel'; Remarks = 'Files can be piped in.' }
        @{ Title = 'Evaluate a model on another split of its data, on purpose'; Code = '$ratings = Import-MovieLens; $ratings | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Export-EncoderModel ./s4.crec -Force; $resplit = $ratings | Split-RatingSet -TestFraction 0.2; Import-EncoderModel ./s4.crec -Ratings $resplit -AllowOtherData | Measure-RecallAtK'; Remarks = 'Without -AllowOtherData the import stops and says the split differs: part of the new test set was seen in training, so the recall is optimistic.' }
    )
    Links       = @('Export-EncoderModel')
}
