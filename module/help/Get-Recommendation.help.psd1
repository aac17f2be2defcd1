@{
    Synopsis    = 'Recommends movies to users with a trained encoder or a baseline, or to someone new from their ratings.'
    Description = @'
Get-Recommendation recommends movies the way the study does. For a trained encoder: the cosine similarity of the user's embedding to every other user's, the -Neighbors nearest users (never the user), and the movies those neighbours liked in the train part (rating at or above the strategy's LikeThreshold), ordered by the best rating a neighbour gave each (the study's rule; that rating is the Score). Among movies with the same best rating, the one more of the neighbours liked comes first (the count of its SuggestedBy), then the one liked by nearer neighbours (the larger sum of their similarities to the user), then the lower movie id. Movies the user already rated in the train part are left out. All the users asked for are scored in one similarity product and one top-k.

A baseline from New-BaselineRecommender gives recommendations of the same type: UserKnn uses the same neighbour rule on raw rating vectors, MostPopular the movies with the most likes (at 3.5), ItemKnn the unseen movies most similar to the user's liked ones.

Each recommendation has UserId, Rank, MovieId, Title, Genres, Score and SuggestedBy. Score is the best rating a neighbour gave the movie (encoders, UserKnn), the number of likes (MostPopular) or the summed cosine similarity (ItemKnn); SuggestedBy lists the neighbours who liked the movie, nearest first. A user may get fewer than -Top movies when the neighbours liked fewer unseen movies.

An id that is not among the model's users gives a non-terminating error (ObjectNotFound) naming it; the other ids still get their recommendations.

With -Ratings, it recommends to someone who is not in the training data, from their ratings alone and without retraining. Only models that fold in newcomers can do this: a UserMovie model trained with the Profile encoder (it embeds the ratings and scores every movie) and the baselines marked FoldsInNewcomers in the registry of New-BaselineRecommender, today EASE (it folds the rated movies in; ratings count as seen, whatever their value). Any other model gives a non-terminating error (InvalidOperation) naming them. Movie ids the model's catalogue does not hold are skipped with a warning; the rated movies are never recommended back. The recommendations are of the same type, with UserId 0 unless -UserId gives a label, and an empty SuggestedBy.
'@
    Parameters  = @{
        Model     = 'A trained encoder (Invoke-EncoderTraining, Import-EncoderModel) or a baseline (New-BaselineRecommender), usually on the pipeline. An encoder needs the ratings it was trained on.'
        User      = 'Users by their own ids: MovieLens numbers, or text such as u-17 for a set from ConvertTo-RatingSet (Tab lists those of the model given with -Model or piped from a variable). Plain ids piped in bind to it (1, 2 | Get-Recommendation -Model $m), and so does the UserId property of piped objects. Without it, every user of the model. With -Ratings, one id that labels the newcomer''s recommendations (default {{NewcomerUserId}}).'
        Ratings   = 'A newcomer''s ratings: objects with MovieId (or ItemId) and Rating properties, such as @{MovieId=1; Rating=5} or @{ItemId=''sku-9''; Rating=4} (ids as the model''s data names them), rows of Import-Csv on a ratings.csv, or Rating objects from a RatingSet''s GetRatings (their Value is the rating). Each movie once, rated from 0.5 to 5 (the MovieLens scale): a movie given twice, or a rating off the scale, stops with error ContrastiveRec.InvalidNewcomerRating, which names the movie. Movies outside the model''s catalogue are skipped with a warning; when none is in it, a non-terminating error ContrastiveRec.NoKnownMovies names them.'
        Top       = 'How many movies per user.'
        Neighbors = 'How many nearest users the neighbour recommenders draw from (encoders, UserKnn); the default is the study''s. Not used with -Ratings.'
    }
    Defaults    = @{ User = 'Every user of the model' }
    Inputs      = @{
        'ContrastiveRec.Training.TrainedEncoder'             = 'A trained encoder.'
        'ContrastiveRec.Recommendation.BaselineRecommender' = 'A baseline.'
        'System.Int32'                                       = 'User ids, as plain numbers or the UserId property of piped objects (with -Model given).'
    }
    Outputs     = @{ 'ContrastiveRec.Recommendation.MovieRecommendation' = 'One object per recommended movie, shown as a table.' }
    Examples    = @(
        @{ Title = 'Ten movies for two users'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Get-Recommendation -User 1, 2'; Remarks = 'Train with the default 20 epochs for real use; 1 keeps the example quick.' }
        @{ Title = 'Users from the pipeline, and a baseline for contrast'; Code = '$ratings = Import-MovieLens; $model = $ratings | Invoke-EncoderTraining -Strategy 1 -Epochs 1; [pscustomobject]@{ UserId = 5 }, [pscustomobject]@{ UserId = 7 } | Get-Recommendation -Model $model -Top 5; $ratings | New-BaselineRecommender UserKnn | Get-Recommendation -User 5 -Top 5'; Remarks = 'Objects with a UserId property (for example from Get-UserEmbedding) bind to -User.' }
        @{ Title = 'User ids from the pipeline'; Code = '$model = Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1; 1, 2, 3 | Get-Recommendation -Model $model -Top 3'; Remarks = 'Plain numbers bind to -User; all the ids piped in are scored together, in one similarity product.' }
        @{ Title = 'Recommendations for someone new, without retraining'; Code = '$ease = Import-MovieLens | New-BaselineRecommender Ease; $ease | Get-Recommendation -Ratings @{ MovieId = 1; Rating = 5 }, @{ MovieId = 260; Rating = 4.5 }, @{ MovieId = 1196; Rating = 5 } -Top 5'; Remarks = 'Toy Story and the first two Star Wars films as a profile; the three are never recommended back. A UserMovie model trained with the Profile encoder is used the same way.' }
        @{ Title = 'A held-out user''s own ratings as the profile'; Code = '$holdOut = Import-MovieLens | Split-RatingSet -HoldOutUsers 0.1 -Seed 42; $ease = $holdOut.Training | New-BaselineRecommender Ease; $newcomer = $holdOut.Newcomers.UserIds[0]; $ease | Get-Recommendation -Ratings $holdOut.Newcomers.GetRatings($newcomer) -UserId $newcomer -Top 5'; Remarks = 'Rating objects bind to -Ratings directly; -UserId labels the output with the newcomer''s id.' }
    )
    Links       = @('Invoke-EncoderTraining', 'New-BaselineRecommender', 'Measure-RecallAtK')
}
