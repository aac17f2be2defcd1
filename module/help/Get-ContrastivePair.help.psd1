@{
    Synopsis    = 'Shows the anchor, positive and negative users a pair strategy mines from the train ratings.'
    Description = @'
Get-ContrastivePair mines the training triplets of a strategy from the train part of a RatingSet, exactly as Invoke-EncoderTraining does with the same seed, and emits them with MovieLens user and movie ids, the title of the movie that links each triplet and the three users' ratings of it (a dash where a user did not rate it, as with CoDisliker negatives). Use it to see what a strategy teaches before training. -Verbose reports the mining statistics: movies kept, train and test rows kept, triplets, and interactions skipped and why.
'@
    Parameters  = @{
        InputObject = 'The RatingSet, usually from Import-MovieLens on the pipeline. Only its train part is mined.'
        Strategy    = 'A preset number (1-4; Tab lists them with their settings) or a strategy from New-PairStrategy.'
        Seed        = 'Seed of the random picks.'
        First       = 'Emit only the first N triplets (mining still covers every interaction).'
    }
    Defaults    = @{ First = 'All of them' }
    Inputs      = @{ 'ContrastiveRec.Data.RatingSet' = 'A rating set.' }
    Outputs     = @{ 'ContrastiveRec.Pairs.ContrastivePair' = 'One object per triplet.' }
    Examples    = @(
        @{ Title = 'The first triplets of Strategy 4'; Code = 'Import-MovieLens | Get-ContrastivePair -Strategy 4 -First 5'; Remarks = 'Each row: anchor, positive and negative user, their ratings of the linking movie, and the movie.' }
        @{ Title = 'Which movies link the most triplets'; Code = 'Import-MovieLens | Get-ContrastivePair 1 | Group-Object Title -NoElement | Sort-Object Count -Descending | Select-Object -First 5'; Remarks = 'Popular movies dominate Strategy 1, which is the study''s diagnosis.' }
    )
    Links       = @('New-PairStrategy', 'Invoke-EncoderTraining')
}
