@{
    Synopsis    = 'Makes one of the study''s four pair strategies, or a custom mix of their settings.'
    Description = @'
A pair strategy says how, for each train interaction (user u rates movie m), a positive user (one who agrees with u about m) and a negative user (one who disagrees) are chosen for the triplet loss, and which movies take part.

The study's presets: 1 like >= 3.5, dislike < 3.5, random agreeing and disagreeing users; 2 as 1, without movies liked by more than 100 users; 3 as 1, with candidates ranked by mean-centred rating (rating minus the movie's mean) so the most extreme agreeing user is the positive and the most extreme disagreeing user the negative; 4 like >= 4, dislike < 3, popularity threshold 100 and the ranking of 3.

Any setting given as a parameter overrides the preset's (Preset 1 when none is named). MinLikers and MinDislikers, the per-movie minimum of likers and dislikers in the train part, are not given by the study and default to 10. NegativeRule Disagree (the default) takes a negative whose opinion of the same movie is the opposite of the anchor's; CoDisliker follows the study's text literally, taking a user who disliked a movie the anchor disliked. Sampled is the strategy for implicit data (clicks, plays, purchases), which has no dislikes: each interaction's positive is another user of the item, its negative a user drawn at random among those who never used it; the thresholds then do not apply on implicit data (every interaction is a like), and MinDislikers is not used. The study's rules refuse implicit data (NeedsExplicitRatings).
'@
    Parameters  = @{
        Preset              = 'The study''s strategy, 1 to 4, whose settings the others override (Tab lists them with their settings).'
        LikeThreshold       = 'A rating at or above it is a like, on the scale of the ratings the strategy is used with (0.5 to 5 on MovieLens); a threshold off that scale is refused when the strategy meets the data. A preset''s thresholds move to the same places on another scale (Strategy 4 likes at 8 on 1-10); one given here stays as given.'
        DislikeThreshold    = 'A rating below it is a dislike; ratings between the thresholds are neutral and mine nothing. On the ratings'' scale (0.5 to 5 on MovieLens), not above LikeThreshold.'
        PopularityThreshold = 'Movies liked by more than this many train users are dropped. $null removes the limit of presets 2 and 4.'
        NormalizeRatings    = 'Rank candidates by mean-centred rating instead of drawing them at random. -NormalizeRatings:$false turns it off.'
        MinLikers           = 'A movie needs at least this many likers in the train part to be kept.'
        MinDislikers        = 'A movie needs at least this many dislikers in the train part to be kept.'
        NegativeRule        = 'Disagree (default): the negative disagrees with the anchor about the same movie. CoDisliker: the study''s literal text, a co-disliker of a movie the anchor disliked. Sampled: for implicit data, a user drawn among those who never used the movie (likes only are paired).'
    }
    Defaults    = @{
        LikeThreshold       = '{{Preset.LikeThreshold}}'
        DislikeThreshold    = '{{Preset.DislikeThreshold}}'
        PopularityThreshold = '{{Preset.PopularityThreshold}}'
        NormalizeRatings    = '{{Preset.NormalizeRatings}}'
        MinLikers           = '{{Preset.MinLikers}}'
        MinDislikers        = '{{Preset.MinDislikers}}'
        NegativeRule        = '{{Preset.NegativeRule}}'
    }
    Outputs     = @{ 'ContrastiveRec.Pairs.PairStrategy' = 'The strategy, shown as a list of every setting.' }
    Examples    = @(
        @{ Title = 'The study''s Strategy 4'; Code = 'New-PairStrategy -Preset 4'; Remarks = 'Like >= 4, dislike < 3, popular movies dropped, ranked candidates.' }
        @{ Title = 'Strategy 2 with smaller per-movie minimums'; Code = 'New-PairStrategy -Preset 2 -MinLikers 5 -MinDislikers 5'; Remarks = 'Keeps more movies than the default minimum of 10 likers and 10 dislikers.' }
        @{ Title = 'The study''s literal negative rule'; Code = 'New-PairStrategy 1 -NegativeRule CoDisliker'; Remarks = 'To compare the literal reading of the text with the default Disagree rule.' }
        @{ Title = 'The strategy for a click log'; Code = '@{ user = 1; item = 1 }, @{ user = 2; item = 1 }, @{ user = 3; item = 2 }, @{ user = 1; item = 2 } | ConvertTo-RatingSet -TestFraction 0 | Get-ContrastivePair -Strategy (New-PairStrategy -NegativeRule Sampled -MinLikers 2)'; Remarks = 'Clicks have no dislikes: each click''s positive is another user of the item, its negative a user who never clicked it.' }
    )
    Links       = @('Get-ContrastivePair', 'Invoke-EncoderTraining')
}
