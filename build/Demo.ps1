# The main job on the bundled data, as a user would type it.
param([Parameter(Mandatory)][string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$set = Import-MovieLens
$set | Format-Table | Out-Host
$set | Measure-RatingSet | Format-List | Out-Host
