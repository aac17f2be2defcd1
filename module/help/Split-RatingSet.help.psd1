@{
    Synopsis    = 'Gives a RatingSet another per-user train/test split.'
    Description = @'
Split-RatingSet returns a new RatingSet with the same ratings and a new split; the rating columns are shared, not copied, and the input is left unchanged. For every user a fraction of their ratings is held out as test: a seeded random sample (Random), or their latest ratings by timestamp (Temporal). Every user with two or more ratings keeps at least one rating in train and one in test when the fraction is above zero.
'@
    Parameters  = @{
        InputObject  = 'The RatingSet to re-split, usually from Import-MovieLens on the pipeline.'
        TestFraction = 'Share of each user''s ratings held out as test, from 0 to 0.99. Default 0.05.'
        Seed         = 'Seed of a Random split. Default 42.'
        Method       = 'Random (default) or Temporal.'
    }
    Inputs      = @{ 'ContrastiveRec.Data.RatingSet' = 'A rating set.' }
    Outputs     = @{ 'ContrastiveRec.Data.RatingSet' = 'The same ratings under the new split.' }
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
    )
    Links       = @('Import-MovieLens')
}
