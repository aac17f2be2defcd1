@{
    Synopsis    = 'Builds a baseline recommender on the train part of a RatingSet.'
    Description = @'
New-BaselineRecommender builds one of three baselines on the same train split the encoders learn from, so that Get-Recommendation and Measure-RecallAtK treat them exactly like an encoder:

MostPopular ranks movies by their number of likes (train ratings of 3.5 or more); every user gets the same list, minus the movies they already rated.
UserKnn is the study's neighbour recommender over raw rating vectors: the cosine similarity of users' train rating vectors picks the 10 nearest users, whose liked movies are ordered by their rating.
ItemKnn scores each movie the user has not rated by the sum of its cosine similarities to the movies the user liked, with movies as vectors of raw train ratings over users.

Baselines are evaluated with the Full protocol (the study has no protocol for them).
'@
    Parameters  = @{
        Kind        = 'MostPopular, UserKnn, ItemKnn or Ease.'
        Lambda      = 'EASE only: the L2 regularisation of the closed form. Default 100.'
        MinMovieRatings = 'EASE only: keep only movies with at least this many train ratings, so that a large catalogue fits the dense-matrix limit (20,000 per side). Default 1; other movies are never recommended.'
        InputObject = 'The RatingSet (with its split), usually from Import-MovieLens on the pipeline. Only the train part is used.'
    }
    Inputs      = @{ 'ContrastiveRec.Data.RatingSet' = 'A rating set.' }
    Outputs     = @{ 'ContrastiveRec.Recommendation.BaselineRecommender' = 'The baseline, shown as a table row.' }
    Examples    = @(
        @{ Title = 'The most popular movies a user has not seen'; Code = 'Import-MovieLens | New-BaselineRecommender MostPopular | Get-Recommendation -User 1 -Top 5'; Remarks = 'Score is the number of users who liked the movie in the train part.' }
        @{ Title = 'All three baselines, evaluated alike'; Code = '$ratings = Import-MovieLens; ''MostPopular'', ''UserKnn'', ''ItemKnn'' | ForEach-Object { $ratings | New-BaselineRecommender $_ } | Measure-RecallAtK -K 10'; Remarks = 'One recall@10 result per baseline, Full protocol.' }
    )
    Links       = @('Get-Recommendation', 'Measure-RecallAtK', 'Invoke-StrategyComparison')
}
