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

Write-Host "The study's experiment: strategies 1-4 and three baselines on the same split and seed (a few minutes)..."
$table = Join-Path ([IO.Path]::GetTempPath()) 'contrastiverec-comparison'
$ratings | Invoke-StrategyComparison -Path $table | Format-Table | Out-Host
Get-Content "$table.md" | Out-Host
Write-Host "Also written to $table.md and $table.csv"
