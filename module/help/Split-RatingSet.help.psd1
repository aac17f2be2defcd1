@{
    Synopsis    = 'Gives a RatingSet another per-user train/test split, a validation split of its train part, or holds out whole users.'
    Description = @'
Split-RatingSet returns a new RatingSet with the same ratings and a new split; the rating columns are shared, not copied, and the input is left unchanged. For every user a fraction of their ratings is held out as test: a seeded random sample (Random), or their latest ratings by timestamp (Temporal). Every user with two or more ratings keeps at least one rating in train and one in test when the fraction is above zero.

With -Validation it returns a smaller RatingSet: only the input's train rows, split again per user with -TestFraction, -Seed and -Method. Its test part is a validation part carved from the train part, so hyper-parameters can be chosen on it without ever looking at the input's test rows; its Derivation says which split it came from.

With -HoldOutUsers it holds out a seeded random share of the users entirely and returns a UserHoldOut with Training (the other users, with the input's split method and fraction re-drawn with -Seed) and Newcomers (the held-out users, each split into the ratings they would tell a model and the -NewcomerTestFraction left to find). Both keep the whole movie catalogue. Train on Training, then measure with Measure-RecallAtK -Newcomers or recommend with Get-Recommendation -Ratings. The table shows the users and ratings on each side.
'@
    Parameters  = @{
        InputObject  = 'The RatingSet to re-split, usually from Import-MovieLens on the pipeline.'
        TestFraction = 'Share of each user''s ratings held out as test, from 0 to 0.99.'
        Seed         = 'Seed of a Random split.'
        Method       = 'Random (default) or Temporal.'
        Validation   = 'Return only the train rows, re-split so that the test part (-TestFraction of each user''s train ratings) is a validation part.'
        HoldOutUsers = 'Share of users to hold out of training as newcomers, above 0 and below 1; returns a UserHoldOut (Training, Newcomers) instead of a RatingSet.'
        NewcomerTestFraction = 'With -HoldOutUsers: share of each newcomer''s ratings left to find (their test part); the rest is what they tell the model.'
    }
    Inputs      = @{ 'ContrastiveRec.Data.RatingSet' = 'A rating set.' }
    Outputs     = @{
        'ContrastiveRec.Data.RatingSet'   = 'The same ratings under the new split; with -Validation, the train rows under a validation split.'
        'ContrastiveRec.Data.UserHoldOut' = 'With -HoldOutUsers: Training and Newcomers RatingSets, shown as a table.'
    }
    Examples    = @(
        @{
            Title   = 'A larger random test part'
            Code    = 'Import-MovieLens | Split-RatingSet -TestFraction 0.2 -Seed 7'
            Remarks = 'Holds out a seeded random 20% of each user''s ratings.'
        }
        @{
            Title   = 'A temporal split'
            Code    = 'Import-MovieLens | Split-RatingSet -Method Temporal'
            Remarks = 'Holds out each user''s latest 5% of ratings.'
        }
        @{
            Title   = 'A validation part for tuning'
            Code    = '$validation = Import-MovieLens | Split-RatingSet -Validation -TestFraction 0.1 -Seed 1; $validation | New-BaselineRecommender Ease -Lambda 300 | Measure-RecallAtK -K 20'
            Remarks = 'Chooses EASE''s lambda on 10% of the train part; the input''s test rows stay unseen until the final measurement.'
        }
        @{
            Title   = 'Users the model never sees'
            Code    = '$holdOut = Import-MovieLens | Split-RatingSet -HoldOutUsers 0.1 -Seed 42; $holdOut; $holdOut.Training | New-BaselineRecommender Ease | Measure-RecallAtK -Newcomers $holdOut.Newcomers'
            Remarks = 'Holds out 10% of the users, builds EASE on the others, and measures recall on the newcomers from 80% of their ratings.'
        }
    )
    Links       = @('Import-MovieLens')
}
