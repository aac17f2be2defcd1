@{
    Synopsis    = 'Lists the movies most like given movies, by a model that has representations of movies.'
    Description = @'
Get-SimilarMovie answers "what is like this movie?" from a model's own representations of movies: the cosine of the two movies' vectors in a UserMovie model's movie table (any encoder; a Graph encoder's table holds the propagated vectors), the cosine of their raw train ratings for ItemKnn (the similarities it recommends with), or EASE's item-item weight (what having seen the movie adds to the other's score). The baselines that compare movies are {{SimilarMovieBaselines}}. The movie itself is never listed.

For each movie it gives -Top rows with Model, SimilarTo and SimilarToTitle (the movie asked about), Rank, MovieId, Title, Genres and Score, shown grouped by the movie asked about. ItemKnn and EASE list only movies of positive similarity, so a movie few people rated may get fewer rows; on a catalogue too large to keep every pair, ItemKnn keeps {{ItemKnnDefaultNeighbors}} neighbours per movie (-ItemNeighbors of New-BaselineRecommender), and lists at most those.

One movie costs one row of the model's table (a matrix-vector product and a top-k), never a movies x movies matrix, so it answers in milliseconds on MovieLens 25M's 59,047 movies.

A model without representations of movies (the study's triplet encoders learn users only, MostPopular, UserKnn) gives a non-terminating error ContrastiveRec.CannotFindSimilarMovies naming the models that can. An id that is not among the model's movies gives ContrastiveRec.UnknownMovie, and a movie the model learned nothing of (EASE left it out by -MinMovieRatings or its memory budget; ItemKnn saw no train rating of it) ContrastiveRec.MovieNotInModel, both non-terminating: the other movies still get their lists.
'@
    Parameters  = @{
        Model = 'A UserMovie model (Invoke-EncoderTraining -Objective UserMovie, Import-EncoderModel) or a baseline that compares movies (New-BaselineRecommender -Kind ItemKnn or Ease), usually on the pipeline. An encoder needs the ratings it was trained on.'
        Movie = 'Movies by their own ids: MovieLens numbers, or text such as sku-9 for a set from ConvertTo-RatingSet (Tab lists those of the model given with -Model or piped from a variable, by id or by a word of the title). Plain ids piped in bind to it (1, 260 | Get-SimilarMovie -Model $m), and so does the MovieId (or ItemId) property of piped objects: recommendations, similar movies, a RatingSet''s GetMovie. Each movie is answered once per model.'
        Top   = 'How many similar movies per movie.'
    }
    Inputs      = @{
        'ContrastiveRec.Training.TrainedEncoder'             = 'A UserMovie model.'
        'ContrastiveRec.Recommendation.BaselineRecommender' = 'An ItemKnn or EASE baseline.'
        'System.Int32'                                       = 'Movie ids, as plain numbers or the MovieId property of piped objects (with -Model given).'
    }
    Outputs     = @{ 'ContrastiveRec.Recommendation.SimilarMovie' = 'One object per similar movie, shown as a table grouped by the movie asked about.' }
    Examples    = @(
        @{ Title = 'Movies like Toy Story, by EASE'; Code = '$ease = Import-MovieLens | New-BaselineRecommender Ease; $ease | Get-SimilarMovie 1 -Top 5'; Remarks = 'The five movies with the largest weights in Toy Story''s row of EASE''s item-item matrix.' }
        @{ Title = 'Two movies at once from a UserMovie model'; Code = '$model = Import-MovieLens | Invoke-EncoderTraining -Objective UserMovie -Epochs 1; 1, 260 | Get-SimilarMovie -Model $model -Top 3'; Remarks = 'Plain ids piped in bind to -Movie; the scores are cosines of the movie table''s vectors. Train with the default epochs for real use; 1 keeps the example quick.' }
        @{ Title = 'Movies like each of a user''s recommendations'; Code = '$knn = Import-MovieLens | New-BaselineRecommender ItemKnn; $knn | Get-Recommendation -User 1 -Top 2 | Get-SimilarMovie -Model $knn -Top 3'; Remarks = 'The MovieId of each recommendation binds to -Movie: three movies like each of user 1''s two recommendations, by ItemKnn''s cosines.' }
    )
    Links       = @('Get-Recommendation', 'Get-SimilarUser', 'New-BaselineRecommender', 'Invoke-EncoderTraining')
}
