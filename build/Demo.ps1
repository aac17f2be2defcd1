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
