@{
    Synopsis    = 'Summarises a RatingSet: counts, density, the rating distribution and activity per user and per movie.'
    Description = @'
Measure-RatingSet computes descriptive statistics of a RatingSet with libtorch tensor reductions: users, movies (listed and rated), ratings with the train and test counts, density of the user-movie matrix, mean and standard deviation of the ratings, a histogram over the rating scale, the minimum, median and maximum number of ratings per user and per rated movie, and the period the ratings cover. It is the first thing to look at before choosing pair strategies and thresholds.
'@
    Parameters  = @{
        InputObject = 'The RatingSet to summarise, usually from Import-MovieLens on the pipeline.'
    }
    Inputs      = @{ 'ContrastiveRec.Data.RatingSet' = 'A rating set.' }
    Outputs     = @{ 'ContrastiveRec.Analysis.RatingSetSummary' = 'One summary per rating set, shown as a list.' }
    Examples    = @(
        @{
            Title   = 'Summarise the bundled set'
            Code    = 'Import-MovieLens | Measure-RatingSet'
            Remarks = 'Prints users, movies, ratings, density, mean rating and the per-user and per-movie activity.'
        }
        @{
            Title   = 'The rating histogram'
            Code    = '(Import-MovieLens | Measure-RatingSet).RatingHistogram'
            Remarks = 'How many ratings carry each value of the half-star scale; useful when choosing like and dislike thresholds.'
        }
    )
    Links       = @('Import-MovieLens')
}
