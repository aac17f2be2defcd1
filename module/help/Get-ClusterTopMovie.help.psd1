@{
    Synopsis    = 'Lists the movies that set each cluster apart (liked more there than by everyone) and how many of them are the most popular ones.'
    Description = @'
Get-ClusterTopMovie takes clustered users from the pipeline (UserId and Cluster, as Get-UserCluster emits) and, for each cluster, ranks movies by lift: the share of the cluster's users who liked the movie (a train rating at or above the set's relevance threshold) over the share of all the set's users who did. A lift of 3 means the cluster likes the movie three times as often as everyone, so each cluster shows what sets it apart rather than the crowd-pleasers every cluster likes. Only movies that at least -MinLikes members liked are ranked, so a movie two users liked cannot lead. It emits the top -Top movies of each cluster with title, genres, lift, likes, and the mean and number of the members' ratings.

Each row also says whether the movie is among the -PopularCount most-rated movies of the set (train ratings of all users; IsPopular), and PopularShare, the fraction of the cluster's top movies that are. This is the study's diagnosis of Strategy 1: when every cluster's favourites are the same crowd-pleasers, the pairs that trained the embeddings were weak.

A cluster with fewer qualifying movies than -Top gets a warning. A user the ratings do not have stops with an error (category InvalidData): pass the RatingSet the model was trained on.
'@
    Parameters  = @{
        Ratings      = 'The RatingSet the embeddings were trained on (Import-MovieLens, or the model''s RatingSet property).'
        UserId       = 'The user''s own id (a MovieLens number, or text such as u-17), taken from the pipeline objects.'
        Cluster      = 'The user''s cluster, taken from the pipeline objects.'
        Top          = 'Movies per cluster.'
        MinLikes     = 'Fewest members who liked a movie for it to be ranked (-MinRatings is another name for it).'
        PopularCount = 'How many of the most-rated movies count as popular.'
    }
    Defaults    = @{ MinLikes = 'The larger of {{ClusterMinLikes}} and {{ClusterMinLikeShare}} of the cluster''s users' }
    Inputs      = @{ 'ContrastiveRec.Analysis.UserCluster' = 'A user''s cluster (any object with UserId and Cluster).' }
    Outputs     = @{ 'ContrastiveRec.Analysis.ClusterTopMovie' = 'Cluster, Rank, MovieId, Title, Genres, Lift, Likes, MeanRating, Ratings, IsPopular, ClusterSize and PopularShare.' }
    Examples    = @(
        @{ Title = 'The study''s top-5 tables'; Code = '$ratings = Import-MovieLens; $ratings | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | ConvertTo-Tsne -Iterations 300 | Get-UserCluster -Count 4 | Get-ClusterTopMovie -Ratings $ratings'; Remarks = 'Five movies per cluster, grouped by cluster, with the share of popular ones in each group''s header.' }
        @{ Title = 'Any grouping of users: light and heavy raters, and how much each leans on popular movies'; Code = '$ratings = Import-MovieLens; $groups = $ratings.UserIds | ForEach-Object { [pscustomobject]@{ UserId = $_; Cluster = [int]($ratings.GetRatings($_).Count -gt 100) } }; $top = $groups | Get-ClusterTopMovie $ratings -Top 10 -MinLikes 10; $top | Group-Object Cluster | ForEach-Object { [pscustomobject]@{ Cluster = $_.Name; PopularShare = $_.Group[0].PopularShare } }'; Remarks = 'Cluster 0 are users with at most 100 ratings, cluster 1 the others; one line per group with the fraction of its top 10 among the 100 most-rated movies.' }
    )
    Links       = @('Get-UserCluster', 'Import-MovieLens')
}
