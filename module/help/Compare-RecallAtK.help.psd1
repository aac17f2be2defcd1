@{
    Synopsis    = 'Tests whether one model recommends better than another, over the same users, or whether the gap is noise.'
    Description = @'
Compare-RecallAtK measures a model and a reference on the same users (as Measure-RecallAtK -PerUser does) and compares them user by user with a paired t-test: for each cut-off K and each measure, it emits the model's mean, the reference's mean, their difference (model minus reference), its confidence interval (95 % by default) and the two-sided p-value. Significant is true when the p-value is below 1 - Confidence, that is when the interval leaves out 0.

Users differ from each other far more than two models do, so comparing means alone cannot tell a 0.7-point gain in recall from noise; pairing each user with themself can. A gain that is not significant is not a gain this data can show: try more users, another split, or more seeds.

Both models must be built on the same ratings and the same split (the same RatingSet, or one read and split the same way); otherwise the users cannot be paired and a non-terminating error (ContrastiveRec.DifferentData, InvalidArgument) says how the data differ. Measures are those of Measure-RecallAtK that are means over users: Recall, Ndcg, Map, Mrr, HitRate, Precision, and what is recommended (MeanPopularity, PopularityPercentile, Novelty). PooledRecall and Coverage are not per user and cannot be paired.

The table shows fractions in percent and the difference in points; Format-List shows every property.
'@
    Parameters  = @{
        Model      = 'The model to test, usually on the pipeline: a trained encoder or a baseline. Several piped models are each compared with the reference.'
        Reference  = 'The model to compare with (EASE, say), built on the same ratings and split as -Model.'
        K          = 'Cut-offs, one comparison each per measure. The default is the study''s.'
        Metric     = 'Measures to compare (Recall and Ndcg when not given): Recall, Ndcg, Map, Mrr, HitRate, Precision, MeanPopularity, PopularityPercentile or Novelty.'
        Protocol   = 'Full (the default) or Study; both models must support it (the Study protocol is for encoders trained with a pair strategy).'
        Confidence = 'Of the interval, from 0.5 to 0.999 (0.95 when not given). A difference is Significant when its p-value is below 1 - Confidence.'
    }
    Inputs      = @{
        'ContrastiveRec.Training.TrainedEncoder'             = 'A trained encoder.'
        'ContrastiveRec.Recommendation.BaselineRecommender' = 'A baseline.'
    }
    Outputs     = @{ 'ContrastiveRec.Experiments.ModelDifference' = 'One comparison per K and measure.' }
    Examples    = @(
        @{ Title = 'Is ItemKnn really below EASE?'; Code = '$ratings = Import-MovieLens; $ease = $ratings | New-BaselineRecommender Ease; $ratings | New-BaselineRecommender ItemKnn | Compare-RecallAtK $ease -K 20'; Remarks = 'Recall and NDCG at 20 of ItemKnn minus EASE over the same 562 users, with a 95 % interval and the paired t-test''s p-value.' }
        @{ Title = 'Several models against one reference, on other measures'; Code = '$ratings = Import-MovieLens; $popular = $ratings | New-BaselineRecommender MostPopular; ''UserKnn'', ''ItemKnn'' | ForEach-Object { $ratings | New-BaselineRecommender $_ } | Compare-RecallAtK $popular -K 10 -Metric Map, Novelty'; Remarks = 'Each piped model is compared with MostPopular: MAP and the novelty of what it recommends, at K 10.' }
    )
    Links       = @('Measure-RecallAtK', 'New-BaselineRecommender', 'Invoke-StrategyComparison')
}
