@{
    Synopsis    = 'Builds a baseline recommender on the train part of a RatingSet.'
    Description = @'
New-BaselineRecommender builds a baseline on the same train split the encoders learn from, so that Get-Recommendation and Measure-RecallAtK treat it exactly like an encoder. The baselines come from one registry, [ContrastiveRec.Recommendation.RecommenderRegistry]::Baselines, which Invoke-StrategyComparison also reads; each entry has its kind, name, a one-line description, whether the study compared with it, and whether it folds in newcomers:

MostPopular ranks movies by their number of likes (train ratings at or above the set's relevance threshold, 3.5 on MovieLens); every user gets the same list, minus the movies they already rated.
UserKnn is the study's neighbour recommender over raw rating vectors: the cosine similarity of users' train rating vectors picks the 10 nearest users, whose liked movies are ordered by their rating.
ItemKnn scores each movie the user has not rated by the sum of its cosine similarities to the movies the user liked, with movies as vectors of raw train ratings over users. Each movie keeps its most similar movies (-ItemNeighbors): all of them when every movie's list fits 1 GiB (up to 11,585 movies, such as the bundled set, where the sum is exact), else the 100 most similar (RecBole's default, not tuned on any test split). A user then costs their likes times the neighbours kept, however many users there are.
Ease is EASE^R (Steck 2019), the strongest simple baseline of the field: a closed-form item-item model over all train ratings as implicit feedback, with L2 regularisation -Lambda and a zero diagonal, computed with libtorch in float64. With fewer users than movies (the bundled set) it goes through the users x users form of the inverse; otherwise it accumulates the movies' Gram matrix from the ratings, inverts it by Cholesky, and scores users block by block. Its movies x movies matrices take about 24 bytes per pair of movies at the peak of the build, against a memory budget of 4 GiB: a larger catalogue keeps its most-rated movies that fit (13,377 of them) and says so (-Verbose gives how many movies were kept and what share of the train ratings they cover; the object's KeptMovies, RatingShareCovered and CapWasAutomatic, under Inner, tell the same). -MinMovieRatings keeps only movies with at least that many train ratings, before that cap. It also folds in people who were not in the train part.

Building EASE or ItemKnn on a catalogue of tens of thousands of movies takes minutes: the cmdlet shows progress with the time remaining, and Ctrl+C stops it. Before allocating anything large, each estimates its memory; when even what it would keep cannot fit its budget or the memory available now, it stops with a BaselineTooLarge error (LimitsExceeded) that says what to change.

Baselines are evaluated with the Full protocol (the study has no protocol for them). A setting out of range (-Lambda of 0 or less, a negative -MinMovieRatings, -ItemNeighbors below 1) is a terminating error (InvalidArgument).
'@
    Parameters  = @{
        Kind        = '{{BaselineKinds}}: a kind of the registry (see the description).'
        Lambda      = 'Ease: the L2 regularisation of the item-item weights, above 0.'
        MinMovieRatings = 'Ease: keep only movies with at least this many train ratings (others are never recommended), 0 or more. Above the memory budget, the most-rated of those that fit are kept. A minimum that no movie reaches is refused (NothingToLearn), since the model would recommend nothing.'
        ItemNeighbors = 'ItemKnn: the most similar movies each movie keeps, 1 or more. Omitted: all of them on a catalogue of up to {{ItemKnnAllNeighborsMovies}} movies, else {{ItemKnnDefaultNeighbors}}. More neighbours cost memory (8 bytes each) and time per user.'
        InputObject = 'The RatingSet (with its split), usually from Import-MovieLens on the pipeline. Only the train part is used.'
        Name        = 'The baseline''s name in Measure-RecallAtK results (Model), Get-Recommendation rows and Export-RecallChart legends: one line of 1 to 100 characters (else error ContrastiveRec.InvalidModelName). Omitted, the registry''s name (MostPopular, UserKnn, ItemKnn, EASE). Name two baselines of one kind built with other settings to tell their results apart.'
    }
    Defaults    = @{ ItemNeighbors = 'All other movies on a catalogue of up to {{ItemKnnAllNeighborsMovies}} movies, else {{ItemKnnDefaultNeighbors}}' }
    Inputs      = @{ 'ContrastiveRec.Data.RatingSet' = 'A rating set.' }
    Outputs     = @{ 'ContrastiveRec.Recommendation.BaselineRecommender' = 'The baseline, shown as a table row: its name, kind, key settings (Settings: EASE''s lambda and kept movies, ItemKnn''s neighbours), train ratings and build time. Format-List adds what it recommends, what the build kept (Summary, the -Verbose line), its data and whether it folds in newcomers.' }
    Examples    = @(
        @{ Title = 'The most popular movies a user has not seen'; Code = 'Import-MovieLens | New-BaselineRecommender MostPopular | Get-Recommendation -User 1 -Top 5'; Remarks = 'Score is the number of users who liked the movie in the train part.' }
        @{ Title = 'All three baselines, evaluated alike'; Code = '$ratings = Import-MovieLens; ''MostPopular'', ''UserKnn'', ''ItemKnn'' | ForEach-Object { $ratings | New-BaselineRecommender $_ } | Measure-RecallAtK -K 10'; Remarks = 'One recall@10 result per baseline, Full protocol.' }
        @{ Title = 'Which baselines there are'; Code = '[ContrastiveRec.Recommendation.RecommenderRegistry]::Baselines | Format-Table Kind, Name, InStudy, FoldsInNewcomers, Description -Wrap'; Remarks = 'One row per kind: the registry every baseline is built from.' }
        @{ Title = 'EASE, the strongest simple baseline'; Code = 'Import-MovieLens | New-BaselineRecommender Ease -Lambda 100 | Measure-RecallAtK'; Remarks = 'Recall at 10, 20 and 50 under the Full protocol; a few seconds on the bundled set.' }
        @{ Title = 'EASE over the movies it keeps'; Code = '$ease = Import-MovieLens | New-BaselineRecommender Ease -MinMovieRatings 50 -Verbose; $ease.Inner.KeptMovies'; Remarks = 'The verbose stream says how many movies were kept and what share of the train ratings they cover. On a catalogue such as ml-25m, without -MinMovieRatings, it keeps the most-rated movies that fit its memory budget and says so in the same line.' }
        @{ Title = 'Two EASE settings, named'; Code = '$ratings = Import-MovieLens; 100, 1000 | ForEach-Object { $ratings | New-BaselineRecommender Ease -Lambda $_ -MinMovieRatings 50 -Name "EASE, lambda $_" } | Measure-RecallAtK -K 10'; Remarks = 'One result per setting, each under its own name.' }
        @{ Title = 'ItemKnn with fewer neighbours'; Code = 'Import-MovieLens | New-BaselineRecommender ItemKnn -ItemNeighbors 50 | Measure-RecallAtK'; Remarks = 'Each movie keeps its 50 most similar movies.' }
    )
    Links       = @('Get-Recommendation', 'Measure-RecallAtK', 'Invoke-StrategyComparison')
}
