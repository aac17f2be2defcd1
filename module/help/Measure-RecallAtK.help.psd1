@{
    Synopsis    = 'Measures how many of the users'' liked test movies a model''s top K recommendations find.'
    Description = @'
Measure-RecallAtK recommends the top K movies to every user who has at least one relevant test rating, and compares them with those ratings. It emits one result per K with Model, Protocol, K, Recall (the mean over users of hits divided by relevant items), PooledRecall (all hits over all relevant items), Ndcg (binary relevance; the ideal DCG counts min(K, relevant) items), Map (the mean over users of average precision: the precision at each hit's rank, summed over min(K, relevant)), Mrr (the mean of 1 / the rank of the first hit, 0 without one), HitRate (users with at least one hit), Precision (hits divided by K), Users (evaluated) and Relevant (items). Properties are fractions from 0 to 1; the table shows percent. A user who gets fewer than K movies is scored on what was found.

Accuracy alone can hide a model that recommends the same popular movies to everyone, so each result also says what is recommended: Coverage (the share of the candidate movies that reach some user's top K), MeanPopularity (the mean number of train users who rated a recommended movie), PopularityPercentile (where those movies sit in the catalogue's popularity, 0 to 1: 0.99 means among the most popular 1 %) and Novelty (the mean self-information of a recommended movie, -log2 of the share of train users who rated it, in bits; higher is less obvious). Popularity, percentile and novelty are averaged over each user's list, then over users. Format-Table -View Catalogue shows them.

With -PerUser it emits one UserRecallAtK row per evaluated user and K instead (User, K, Relevant, Hits, Recall, Ndcg, Precision, AveragePrecision, ReciprocalRank, and the list's popularity and novelty): the means of those rows are the summary's figures exactly, and two models' rows over the same users are what a paired test compares.

Two protocols, named in every result:
Full (the default, for every model): relevant items are test ratings at or above the set's relevance threshold (3.5 on MovieLens; every held-out interaction of implicit data) on any movie, and every movie the user has not rated in train is a candidate (an encoder's neighbours suggest all their movies rated 3.5 or more). It is the same task for every model, so Full numbers compare strategies with each other, with the baselines and with other tools' recall@K on the same split; Export-RecallChart draws them.
Study (the post's protocol, -Protocol Study, encoders trained with a pair strategy only): relevant items are test ratings at or above the strategy's like threshold on the movies its filter kept, and the neighbours suggest only kept movies, as the study did. The candidates are restricted (223 movies for Strategy 4), so its figures are far higher (Strategy 4: about 50 % at K 50 against 12 % Full) and each strategy is scored on its own set of movies: they compare only with the study's own table, not with each other.

With -Newcomers it measures recommendations to people the model never saw, with Protocol Newcomers: each newcomer's train ratings are told to the model as a profile (no retraining), every movie not in that profile may be recommended, and relevant items are their test ratings of 3.5 or more, as in Full. Pass the Newcomers of Split-RatingSet -HoldOutUsers and a model built on its Training; newcomers who are among the model's users, or another movie catalogue, give a non-terminating error (InvalidArgument). Only a UserMovie model with the Profile encoder and the baselines that fold in newcomers (EASE; see New-BaselineRecommender) can do this; other models give a non-terminating error (InvalidOperation).

When no user has a relevant test rating under the protocol (for example a set whose test part holds no liked movie), the results say Users 0 and a warning says that the figures measure nothing.
'@
    Parameters  = @{
        Model     = 'A trained encoder or a baseline, usually on the pipeline. An encoder needs the ratings it was trained on.'
        K         = 'Cut-offs, one result each. The default is the study''s. All are computed from one top-max(K) list per user.'
        Protocol  = 'Full or Study (see the description). Full, when not given, suits every model; Study gives the study''s figure for an encoder trained with a pair strategy, and on a baseline is a non-terminating error. The Newcomers protocol is not a value of -Protocol (Tab does not offer it, and it is refused when binding): it is measured with -Newcomers.'
        Neighbors = 'How many nearest users the neighbour recommenders draw from (encoders, UserKnn).'
        Newcomers = 'A RatingSet of people held out of the model''s training, usually the Newcomers of Split-RatingSet -HoldOutUsers: their train ratings are the profile told to the model, their test ratings the ones to find.'
        PerUser   = 'Emit one row per evaluated user and K (ContrastiveRec.Evaluation.UserRecallAtK) instead of one mean per K: for scripts, per-user analysis and paired tests. Users come in the set''s order, each with its cut-offs together.'
        IncludeRatedMovies = 'Let movies the user already rated in the train part take places in the top K. They can never be hits (relevant items are test ratings), so recall drops; the study does not say it left them out, so this shows how much that choice weighs when comparing with its figures.'
    }
    Inputs      = @{
        'ContrastiveRec.Training.TrainedEncoder'             = 'A trained encoder.'
        'ContrastiveRec.Recommendation.BaselineRecommender' = 'A baseline.'
    }
    Outputs     = @{
        'ContrastiveRec.Evaluation.RecallAtK'     = 'One result per K, shown as a table in percent.'
        'ContrastiveRec.Evaluation.UserRecallAtK' = 'With -PerUser: one row per evaluated user and K.'
    }
    Examples    = @(
        @{ Title = 'Recall of a Strategy 4 encoder, drawn as a chart'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Measure-RecallAtK | Export-RecallChart ./recall.png -Force'; Remarks = 'Recall at 10, 20 and 50 under the Full protocol, comparable with any other model''s; use 20 epochs to reproduce the study.' }
        @{ Title = 'The study''s figure'; Code = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Measure-RecallAtK -Protocol Study'; Remarks = 'The Study protocol, on the movies Strategy 4 kept: comparable only with the study''s own table.' }
        @{ Title = 'Both protocols for one model'; Code = '$model = Import-MovieLens | Invoke-EncoderTraining -Strategy 2 -Epochs 1; ''Study'', ''Full'' | ForEach-Object { $model | Measure-RecallAtK -K 10, 20 -Protocol $_ }'; Remarks = 'Compare the Full rows with a baseline''s; the Study rows are only comparable with the study''s own table.' }
        @{ Title = 'What a model recommends, beyond accuracy'; Code = 'Import-MovieLens | New-BaselineRecommender MostPopular | Measure-RecallAtK -K 10 | Format-Table -View Catalogue'; Remarks = 'Coverage near 0 and a popularity percentile near 1: the same popular movies for everyone.' }
        @{ Title = 'Per-user recall, and the users a model misses'; Code = '$rows = Import-MovieLens | New-BaselineRecommender ItemKnn | Measure-RecallAtK -K 20 -PerUser; $rows | Where-Object Hits -eq 0 | Measure-Object | Select-Object -ExpandProperty Count'; Remarks = 'One row per user: how many users got no hit in their top 20. ($rows | Measure-Object Recall -Average).Average is the summary''s recall.' }
        @{ Title = 'Recall for newcomers'; Code = '$holdOut = Import-MovieLens | Split-RatingSet -HoldOutUsers 0.1 -Seed 42; $holdOut.Training | New-BaselineRecommender Ease -Lambda 100 | Measure-RecallAtK -Newcomers $holdOut.Newcomers'; Remarks = 'EASE built without 10% of the users, then told 80% of each of their ratings; recall at 10, 20 and 50 on the other 20%.' }
    )
    Links       = @('Get-Recommendation', 'New-BaselineRecommender', 'Invoke-StrategyComparison')
}
