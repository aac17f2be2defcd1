@{
    Synopsis    = 'Runs the study''s experiment and the models beyond it: each trained on one split and evaluated alike.'
    Description = @'
Invoke-StrategyComparison trains or builds each model of the comparison in turn: {{ComparisonModels}}; all on the same train split with the same seed. The strategies are the study's pair strategies 1 to 4, each trained once; the UserMovie rows train the encoder with the UserMovie objective (id encoder, id encoder with Strategy 1's pairs added, profile encoder, graph encoder without and with its contrastive term), each over -Seeds seeds. It emits the study's table (recall in percent in the table view, fractions in the object): one row per model with recall at 10, 20 and 50 under the Study protocol (the strategies only; n/a for the others) and under the Full protocol, the sizes of the train and test sets (the rows the strategy's filter kept; the whole split for the other models) and the training time. Rows appear as each model finishes.

Recall is the mean over users with at least one relevant test item. A row's Measures hold every metric (recall, pooled recall, NDCG, hit rate, precision, MAP, MRR, coverage, popularity and its percentile, novelty) at each K under each protocol that applies, as the mean and standard deviation over its seeds (and splits, with -Splits); $row.Recall('Full', 20) and $row.Ndcg('Full', 10) read one (null where the protocol does not apply), and Results holds the first seed's full results. Only the Full columns compare models with each other (see Get-Help Measure-RecallAtK).

EASE is the reference: it is built first, and every other row carries its paired difference from EASE (AgainstReference; $row.Against('Recall', 20)): Full recall and NDCG at each K, user by user over the same users, with a 95 % interval and a paired t-test's p-value (see Compare-RecallAtK). The table shows recall@20 against EASE in points with its p-value, a star where significant, beside coverage@10 and the popularity percentile of what is recommended; the CSV holds every difference and p-value. Rows still come in the table's order.

-Epochs sets the epochs of every trained row, the strategies' and the UserMovie rows' (-UserMovieEpochs, more specific, sets the UserMovie rows' alone); left out, each row trains for its own validated default. -Seed, -BatchSize, -LearningRate and -Margin pass through to every strategy; their defaults are the study's (see each parameter's Default value). With -Path the table is also written as Markdown and CSV, with the same columns (the CSV adds each Full measure's standard deviation). With -ReportPath one self-contained HTML page is written (images embedded), laid out like the study: first the run's settings, then for each strategy (and the best UserMovie and Graph rows) a t-SNE map of its users coloured by k-means cluster beside each cluster's top movies (ranked by lift over the whole set), then the recall chart (Full protocol, with error bars over seeds), the table, recall at every K from 1 to 100, coverage and popularity, and the loss per epoch of every trained row. Progress shows the model and its training epoch; Ctrl+C stops within one batch.
'@
    Parameters  = @{
        InputObject  = 'The RatingSet to train and evaluate on, from the pipeline. Default: the bundled ml-latest-small with the study''s 5% split.'
        Epochs       = 'Training epochs of every trained row: the four strategies and the UserMovie rows (unless -UserMovieEpochs is given). Left out, each row keeps its own: the study''s for the strategies, each encoder''s validated default for the UserMovie rows (Default value, with Get-Help -Full or -Parameter).'
        Seed         = 'Seed of every strategy''s weights, mining and shuffles.'
        RowWiseUpdates = 'Train Strategy 1 to 4 updating the user embedding table row by row (see Invoke-EncoderTraining -RowWiseUpdates): a step costs what its batch touches. Like the other training parameters, it applies to the study''s strategy models; the UserMovie rows keep their validated defaults. Unset, the size of the user table decides (row by row above 16 million parameters, see Invoke-EncoderTraining), so ml-latest-small trains densely as the study did.'
        ThreadCount  = 'libtorch threads for the whole run (training, baselines, evaluation), put back afterwards. Unset: libtorch''s count, one per core. At most the machine''s cores: a larger count is lowered to them, with a warning (see Invoke-EncoderTraining -ThreadCount).'
        BatchSize    = 'Triplets per training step.'
        LearningRate = 'Adam''s learning rate.'
        Margin       = 'Triplet loss margin.'
        Neighbors    = 'Nearest users the neighbour recommenders draw from.'
        StudyOnly    = 'Only the models the study has ({{StudyModels}}): leaves out {{BeyondStudyModels}}.'
        Seeds        = 'Seeds the UserMovie rows are averaged over (mean and standard deviation of recall and NDCG); the study''s strategies train once.'
        Splits       = 'Train/test splits every row is run on: the set''s own, then the same method and test fraction with the split seed + 1, + 2, ... (1 when not given). Each row''s figures are then means over splits and seeds, and their spread includes the split''s own variance, which one split never shows; the vs-EASE test pairs each user''s figure averaged over the runs that measured them. A temporal split is the same every time and is run once. Time grows with the count.'
        UserMovieEpochs = 'Epochs of the UserMovie rows alone, over -Epochs: -Epochs 1 -UserMovieEpochs 10 trains the strategies for 1 epoch and the UserMovie rows for 10. Neither given, each encoder''s validated default.'
        PairWeight   = 'Weight of Strategy 1''s triplet loss in the "UserMovie (Id) + Strategy 1 pairs" row.'
        ContrastWeight = 'Weight of the contrastive term in the "UserMovie (Graph) + contrastive term" row (see Invoke-EncoderTraining -ContrastWeight).'
        ReportPath   = 'Also write the HTML report to this file, through a temporary file renamed into place. An existing file is only replaced with -Force.'
        Clusters     = 'Clusters per strategy in the report''s maps (k-means on the t-SNE map, as the study does).'
        Force        = 'Replace existing files at -Path (.md, .csv) and -ReportPath. Without it an existing file is refused before any model is trained (errors ContrastiveRec.TableFileExists, ContrastiveRec.ReportFileExists).'
        WhatIf       = 'Show which files would be written without writing them. The comparison still runs and emits its rows.'
        Confirm      = 'Ask for each file before the run starts; a file you decline is not written, the rows are still emitted.'
        Path         = 'Also write the table to <Path>.md and <Path>.csv (an .md or .csv extension on Path is replaced), each through a temporary file renamed into place. A folder is refused: give a file stem such as ./out/comparison. The CSV holds recall as fractions from 0 to 1.'
    }
    Defaults    = @{
        InputObject    = 'The bundled ml-latest-small set'
        ThreadCount    = 'libtorch''s count, one per core'
        RowWiseUpdates = 'Decided by size: row by row above {{RowWiseAutomaticAbove}} user-table parameters'
    }
    Inputs      = @{ 'ContrastiveRec.Data.RatingSet' = 'A rating set.' }
    Outputs     = @{ 'ContrastiveRec.Experiments.ComparisonRow' = 'One row per model, shown as a table with recall in percent.' }
    Examples    = @(
        @{ Title = 'A quick look at the whole experiment'; Code = 'Invoke-StrategyComparison -Epochs 1 -BatchSize 4096 -StudyOnly'; Remarks = 'One epoch in large batches takes seconds; the study''s settings are the defaults (20 epochs of batches of 512), which take a few minutes on two cores.' }
        @{ Title = 'Write the table for a report'; Code = 'Import-MovieLens -Seed 7 | Invoke-StrategyComparison -Epochs 1 -BatchSize 4096 -Seed 7 -StudyOnly -Path ./comparison -Force; Get-Content ./comparison.md'; Remarks = 'Writes comparison.md and comparison.csv in the current folder.' }
        @{ Title = 'The report with pictures'; Code = 'Invoke-StrategyComparison -Epochs 1 -BatchSize 4096 -StudyOnly -ReportPath ./report.html -Force'; Remarks = 'Open report.html in a browser: settings, maps, clusters, top movies, the recall chart and curves, the table, coverage and loss curves on one page.' }
        @{ Title = 'Spread over splits, and which rows beat EASE'; Code = '$rows = Invoke-StrategyComparison -Epochs 1 -BatchSize 4096 -Seeds 1 -Splits 2 -StudyOnly; $rows | Select-Object Model, FullRecallAt20, FullRecallAt20StdDev, Splits'; Remarks = 'Every row on two splits: recall@20 as mean and standard deviation over them. Without -StudyOnly the rows also carry FullRecallAt20VsEase and its p-value (FullRecallAt20VsEaseP), the paired test against EASE.' }
        @{ Title = 'Beyond the study, quickly'; Code = 'Invoke-StrategyComparison -Epochs 1 -BatchSize 4096 -Seeds 1 | Format-Table'; Remarks = 'Adds EASE and the UserMovie rows, every trained row for one epoch; use the defaults (3 seeds, validated epochs) for the README''s figures.' }
    )
    Links       = @('Export-RecallChart', 'Measure-RecallAtK', 'New-BaselineRecommender', 'Invoke-EncoderTraining')
}
