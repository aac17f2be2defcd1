# Import-Module time of the built module in fresh pwsh processes (target: under 3 s), and the time of the first
# libtorch call after it (the native libraries load then).
param([Parameter(Mandatory)][string] $ModulePath, [Parameter(Mandatory)][string] $ResultsPath, [int] $Runs = 5)
$ErrorActionPreference = 'Stop'
# A relative path would be taken for a module name; a failed import must stop the bench, not time nothing.
$ModulePath = (Resolve-Path $ModulePath).Path
$script = @"
`$ErrorActionPreference = 'Stop'
`$import = (Measure-Command { Import-Module '$ModulePath' }).TotalMilliseconds
`$set = Import-MovieLens
`$first = (Measure-Command { `$set | Measure-RatingSet }).TotalMilliseconds
'{0} {1}' -f `$import, `$first
"@
$samples = foreach ($i in 1..$Runs) {
    $line = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script
    if ($LASTEXITCODE -ne 0) { throw 'pwsh failed' }
    $parts = "$line".Trim() -split ' '
    [pscustomobject]@{ Import = [double]$parts[0]; FirstTorch = [double]$parts[1] }
}
$median = { param($values) ($values | Sort-Object)[[int][Math]::Floor($values.Count / 2)] }
$rows = @(
    '| Import-Module of the built module (median of {0} fresh processes) | {1:0} ms | < 3000 ms |' -f $Runs, (& $median $samples.Import)
    '| first libtorch call after import (Measure-RatingSet on ml-latest-small) | {0:0} ms | |' -f (& $median $samples.FirstTorch)
)
$rows | ForEach-Object { Write-Host $_ }
Set-Content -Path (Join-Path $ResultsPath 'import-module.md') -Value $rows
