# The main job on the bundled data, as a user would type it.
param([Parameter(Mandatory)][string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$ratings = Import-MovieLens
$ratings | Format-Table | Out-Host
$ratings | Measure-RatingSet | Format-List | Out-Host

Write-Host "Training the study's encoder with Strategy 4 (20 epochs, batch 512, lr 1e-4, margin 1)..."
$model = $ratings | Invoke-EncoderTraining -Strategy 4
$model | Format-Table | Out-Host
$model.MiningStatistics | Format-List | Out-Host
Write-Host ('Loss per epoch: ' + (($model.LossHistory | ForEach-Object { '{0:0.000}' -f $_ }) -join ' '))

Write-Host 'Ten movies for user 1, from its ten nearest users:'
$model | Get-Recommendation -User 1 | Format-Table | Out-Host
$model | Measure-RecallAtK | Format-Table | Out-Host

$models = [ContrastiveRec.Experiments.ComparisonModels]::For([ContrastiveRec.Experiments.ComparisonOptions]::new())
Write-Host "The study's experiment and beyond, on one split and seed (a few minutes): $([ContrastiveRec.Experiments.ComparisonModels]::Names([ContrastiveRec.Experiments.ComparisonModel[]]$models))..."
$out = Join-Path (Split-Path (Split-Path $ModulePath)) 'demo'
New-Item -ItemType Directory -Force $out | Out-Null
$table = Join-Path $out 'comparison'
$report = Join-Path $out 'report.html'
# Each row is shown as its model finishes; -Seeds 3 (the default) gives the documented figures.
$ratings | Invoke-StrategyComparison -Path $table -ReportPath $report -Force -Seeds 1 | Tee-Object -Variable rows | Out-Host
$rows | Export-RecallChart (Join-Path $out 'recall.png') -Force
Write-Host "The table: $table.md and $table.csv"
Write-Host "The report with the t-SNE maps, clusters, top movies and the recall chart: $report"
