@{
    Synopsis    = 'Lists the users most like given users, by a model that has representations of users.'
    Description = @'
Get-SimilarUser answers "who is like this user?" from a model's own representations of users: the cosine of their embeddings for every trained encoder (the study's strategies and UserMovie models), or of their raw train ratings for the baselines that compare users ({{SimilarUserBaselines}}). The user is never listed. For the study's encoders and UserKnn these are the neighbours Get-Recommendation draws from: Get-SimilarUser -Top 10 lists the ten users whose liked movies make a user's recommendations (their SuggestedBy).

For each user it gives -Top rows with Model, SimilarTo (the user asked about), Rank, UserId and Score, shown grouped by the user asked about. One user costs one row against every user (one product and a top-k).

A model without representations of users (MostPopular, ItemKnn, EASE) gives a non-terminating error ContrastiveRec.CannotFindSimilarUsers naming the models that can. An id that is not among the model's users gives a non-terminating error ContrastiveRec.UnknownUser; the other users still get their lists.
'@
    Parameters  = @{
        Model = 'A trained encoder (Invoke-EncoderTraining, Import-EncoderModel) or the UserKnn baseline (New-BaselineRecommender), usually on the pipeline. An encoder needs the ratings it was trained on.'
        User  = 'Users by their own ids: MovieLens numbers, or text such as u-17 for a set from ConvertTo-RatingSet (Tab lists those of the model given with -Model or piped from a variable). Plain ids piped in bind to it, and so does the UserId property of piped objects: recommendations, similar users, embeddings. Each user is answered once per model.'
        Top   = 'How many similar users per user.'
    }
    Inputs      = @{
        'ContrastiveRec.Training.TrainedEncoder'             = 'A trained encoder.'
        'ContrastiveRec.Recommendation.BaselineRecommender' = 'The UserKnn baseline.'
        'System.Int32'                                       = 'User ids, as plain numbers or the UserId property of piped objects (with -Model given).'
    }
    Outputs     = @{ 'ContrastiveRec.Recommendation.SimilarUser' = 'One object per similar user, shown as a table grouped by the user asked about.' }
    Examples    = @(
        @{ Title = 'Users like user 1, by their raw ratings'; Code = 'Import-MovieLens | New-BaselineRecommender UserKnn | Get-SimilarUser 1 -Top 5'; Remarks = 'The cosine of the users'' train rating vectors: UserKnn''s neighbours.' }
        @{ Title = 'The neighbours an encoder recommends from, and their recommendations'; Code = '$model = Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1; $model | Get-SimilarUser 1, 2 -Top 10; $model | Get-SimilarUser 1 -Top 3 | Get-Recommendation -Model $model -Top 2'; Remarks = 'The ten users listed for user 1 are those Get-Recommendation -User 1 draws from. Piped on, the UserId of each similar user binds to -User of Get-Recommendation. Train with the default 20 epochs for real use.' }
    )
    Links       = @('Get-SimilarMovie', 'Get-Recommendation', 'Get-UserEmbedding')
}
