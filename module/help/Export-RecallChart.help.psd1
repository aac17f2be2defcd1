@{
    Synopsis    = 'Draws recall@K by model as a grouped bar chart in a PNG file.'
    Description = @'
Export-RecallChart collects recall results from the pipeline — RecallAtK objects from Measure-RecallAtK, or the rows of Invoke-StrategyComparison (each row's mean recall over its seeds, as in its table) — and draws one group of bars per K with one bar per model, with a legend, axis labels and a title. Only results of one protocol are drawn (-Protocol, Full by default), since Study-protocol numbers of different strategies are not comparable. The file is written under a temporary name and renamed; an existing file is only replaced with -Force.
'@
    Parameters  = @{
        Path        = 'The PNG file to write; it must end in .png (another extension stops with error ContrastiveRec.NotPngPath, before anything is written). Relative paths and PowerShell drives work.'
        InputObject = 'A RecallAtK (from Measure-RecallAtK) or a ComparisonRow (from Invoke-StrategyComparison), from the pipeline.'
        Protocol    = 'Which protocol''s recall to draw: Full (default) or Study.'
        Title       = 'The chart''s title. Default: "recall@K, <protocol> protocol".'
        Width       = 'Width in pixels.'
        Height      = 'Height in pixels.'
        Force       = 'Replace the file if it exists.'
        PassThru    = 'Emit the written file.'
        WhatIf      = 'Show what would be written without writing it.'
        Confirm     = 'Ask before writing.'
    }
    Defaults    = @{ Title = 'recall@K, <protocol> protocol' }
    Inputs      = @{ 'ContrastiveRec.Evaluation.RecallAtK' = 'Recall results.'; 'ContrastiveRec.Experiments.ComparisonRow' = 'Rows of the strategy comparison.' }
    Outputs     = @{ 'System.IO.FileInfo' = 'The written file, with -PassThru.' }
    Examples    = @(
        @{ Title = 'Chart the whole comparison'; Code = 'Invoke-StrategyComparison -Epochs 1 -BatchSize 4096 -StudyOnly | Export-RecallChart ./recall.png -Force'; Remarks = 'One bar per model for recall@10, @20 and @50 under the Full protocol.' }
        @{ Title = 'Chart a model against a baseline'; Code = '$r = Import-MovieLens; @($r | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Measure-RecallAtK -Protocol Full) + @($r | New-BaselineRecommender -Kind MostPopular | Measure-RecallAtK) | Export-RecallChart ./two.png -Force -PassThru'; Remarks = 'Any Measure-RecallAtK results can be drawn together, as long as they share a protocol.' }
    )
    Links       = @('Measure-RecallAtK', 'Invoke-StrategyComparison', 'Export-EmbeddingPlot')
}
