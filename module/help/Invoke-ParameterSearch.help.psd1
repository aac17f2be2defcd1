@{
    Synopsis    = 'Tries settings of a baseline or of encoder training on a validation part of the train ratings, and ranks them.'
    Description = @'
Invoke-ParameterSearch is the module's hyper-parameter search, in the manner of scikit-learn's GridSearchCV and RandomizedSearchCV or RecBole's HyperTuning. It carves a validation part out of the RatingSet's train part (-ValidationFraction of each user's train ratings, drawn with -Seed: what Split-RatingSet -Validation makes), builds or trains the model on the rest for each setting tried, and measures it on the validation part with the Full protocol. The set's test part is never read, so the best setting can then be measured on test without having been chosen on it.

The model is a baseline kind (-Baseline Ease, ItemKnn or UserKnn), or encoder training (-Objective, with -Encoder and -Strategy as Invoke-EncoderTraining takes them; settings not in the space keep the objective and encoder's defaults, and the training seed stays fixed, so trials differ by their settings alone).

-Space is a hashtable of setting names and values, named as the parameters of the cmdlet that builds the model: Lambda and MinMovieRatings (EASE), ItemNeighbors (ItemKnn) and Neighbors (UserKnn's neighbours, a parameter of Measure-RecallAtK and Get-Recommendation) for baselines; Epochs, BatchSize, LearningRate, Margin, EmbeddingSize, HiddenSize, LatentSize, Temperature, PairWeight, WeightDecay, InputDropout, DislikedWeight, Layers, ContrastWeight, NoiseScale, InitStd and CountWeighting for training. A value is a list (one value is a list of one). -Method Grid tries every combination, parameters in name order; -Method Random draws -Trials settings from -Seed, each a value of its list or a point of a range written @{ Min = 1e-4; Max = 1e-1 }, drawn on a log scale for rates, sizes and regularisation (Log = $false or $true overrides) and rounded to three significant figures.

It emits one object per finished trial, best first: Rank, the setting (Parameters, a hashtable to splat into New-BaselineRecommender or Invoke-EncoderTraining), the metric on validation (Value, with Recall and Ndcg at K) and the trial's time. The same -Seed gives the same trials and the same figures. Progress shows the trial, its stage, the best value so far and the time remaining. -TimeBudget starts no trial after the budget and stops one still running when it runs out, keeping the finished ones (with a warning). PowerShell takes no output after Ctrl+C: the finished trials, best first, are then in $LastParameterSearch, which every search sets in the scope it ran in (the prompt's, typed at the prompt), and a warning says so.

A name the model does not have is refused (UnknownSearchParameter), as is a value of the wrong kind or out of range, a range with -Method Grid (InvalidSearchValue), and a space with nothing to try (EmptySearchSpace), all before any work.
'@
    Parameters  = @{
        InputObject        = 'The RatingSet, usually from Import-MovieLens on the pipeline. Only its train part is read.'
        Space              = 'A hashtable: each key a setting (see the description), each value a list of values, or with -Method Random a range @{ Min = ...; Max = ... }.'
        Baseline           = 'Search a baseline: Ease, ItemKnn or UserKnn.'
        Objective          = 'Search encoder training: UserUser (the study''s triplets, with -Strategy) or UserMovie.'
        Encoder            = 'With -Objective: Id, Profile or Graph (Profile and Graph need UserMovie).'
        Strategy           = 'With -Objective: the pair strategy, a preset number (1-4) or a New-PairStrategy object.'
        Method             = 'Grid (every combination of the lists) or Random (draws from -Seed).'
        Trials             = 'Settings tried at most, 1 or more.'
        Seed               = 'Seeds the validation part and the Random draws: the same seed gives the same trials.'
        TimeBudget         = 'A TimeSpan (such as ''00:10:00''): no trial starts after it, and one running when it passes is stopped and left out.'
        Metric             = 'What is maximised on the validation part: Recall, PooledRecall, Ndcg, HitRate, Precision, Map or Mrr.'
        K                  = 'The metric''s cut-off, 1 or more.'
        ValidationFraction = 'Share of each user''s train ratings held out as the validation part, from 0.01 to 0.99.'
    }
    Defaults    = @{
        Trials     = 'Grid: every combination; Random: {{SearchRandomTrials}}'
        TimeBudget = 'None (every trial runs)'
    }
    Inputs      = @{ 'ContrastiveRec.Data.RatingSet' = 'A rating set.' }
    Outputs     = @{ 'ContrastiveRec.Experiments.SearchTrial' = 'One per finished trial, best first, shown as a table of rank, setting, validation metric, recall, NDCG and time.' }
    Examples    = @(
        @{
            Title   = 'EASE''s lambda on validation'
            Code    = 'Import-MovieLens | Invoke-ParameterSearch -Baseline Ease @{ Lambda = 50, 100, 200, 400 }'
            Remarks = 'Four trials, best first, each with its validation recall@20 and NDCG@20; a few seconds on the bundled set.'
        }
        @{
            Title   = 'Pass the best setting on'
            Code    = '$ratings = Import-MovieLens; $best = $ratings | Invoke-ParameterSearch -Baseline Ease @{ Lambda = 100, 400 } | Select-Object -First 1; $p = $best.Parameters; $ratings | New-BaselineRecommender Ease @p | Measure-RecallAtK -K 20'
            Remarks = 'The best trial''s Parameters splat into New-BaselineRecommender; only then is the test part measured.'
        }
        @{
            Title   = 'A random search of training, within a time budget'
            Code    = 'Import-MovieLens | Invoke-ParameterSearch -Objective UserMovie -Method Random -Trials 2 -Seed 7 -TimeBudget ''00:05:00'' @{ Epochs = 1; LearningRate = @{ Min = 1e-3; Max = 1e-2 } }'
            Remarks = 'Two draws of the learning rate on a log scale, one epoch each; the same -Seed draws the same rates.'
        }
        @{
            Title   = 'UserKnn''s neighbours'
            Code    = 'Import-MovieLens | Invoke-ParameterSearch -Baseline UserKnn @{ Neighbors = 5, 10, 20 } -Metric Ndcg -K 10'
            Remarks = 'Neighbors is a setting of the recommendation: splat the best into Measure-RecallAtK or Get-Recommendation.'
        }
    )
    Links       = @('New-BaselineRecommender', 'Invoke-EncoderTraining', 'Split-RatingSet', 'Measure-RecallAtK')
}
