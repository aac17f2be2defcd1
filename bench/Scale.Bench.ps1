# The whole path, as a user types it, on generated sets of MovieLens' shape (1M, 5M and 25M ratings): time and peak
# memory of every stage, and time per million ratings so that linear growth shows. Each size runs in its own process
# (bench/ScalePath.ps1) so that one size's memory does not colour the next; a stage that outlives -StageMinutes is
# stopped (as Ctrl+C would) and reported with the time its progress still gave.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $ResultsPath,
    # 1M, 5M, 25M; a comma-separated string works too (pwsh -File passes one string).
    [string[]] $Sizes = @('1M', '5M', '25M'),
    [double] $StageMinutes = 15,
    # Where generated sets are kept between runs (ratings.csv of the 25M set is 672 MB).
    [string] $ShapesPath = (Join-Path ([IO.Path]::GetTempPath()) 'contrastiverec-shapes')
)
$ErrorActionPreference = 'Stop'

# Users grow with ratings as in MovieLens (ml-1m 6,040 users, ml-25m 162,541), movies more slowly.
$shapes = @{
    '1M'  = @{ Users = 6500; Movies = 10000; Ratings = 1000000 }
    '5M'  = @{ Users = 32500; Movies = 25000; Ratings = 5000000 }
    '25M' = @{ Users = 162541; Movies = 59047; Ratings = 25000095 }
}

$Sizes = $Sizes -split ',' | ForEach-Object Trim
if ($bad = $Sizes | Where-Object { $_ -notin $shapes.Keys }) { throw "Unknown size '$bad': use 1M, 5M or 25M." }

$project = Join-Path $PSScriptRoot 'ContrastiveRec.Benchmarks'
& dotnet build $project -c Release --nologo --verbosity quiet | Out-Host
if ($LASTEXITCODE -ne 0) { throw 'building the benchmarks failed' }
$generator = Get-ChildItem (Join-Path $project 'bin/Release') -Recurse -Filter 'ContrastiveRec.Benchmarks.dll' | Select-Object -First 1

$rows = foreach ($size in $Sizes) {
    $s = $shapes[$size]
    $folder = Join-Path $ShapesPath ('{0}-{1}u-{2}m' -f $size, $s.Users, $s.Movies)
    if (-not (Test-Path (Join-Path $folder 'ratings.csv'))) {
        & dotnet $generator.FullName generate --users $s.Users --movies $s.Movies --ratings $s.Ratings --out $folder | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "generating the $size set failed" }
    }
    Write-Host "-- $size ratings: $folder"
    $out = Join-Path $ResultsPath "scale-$size.json"
    & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'ScalePath.ps1') `
        -ModulePath $ModulePath -DataPath $folder -Label $size -StageMinutes $StageMinutes -OutFile $out
    if ($LASTEXITCODE -ne 0) { throw "the $size path failed with exit code $LASTEXITCODE" }
    $stages = Get-Content -Raw $out | ConvertFrom-Json
    $millions = $s.Ratings / 1e6
    foreach ($stage in $stages) {
        $time = if ($stage.Status -eq 'done') {
            '{0:0.000} s ({1:0.000} s per million ratings), peak {2:0.00} GB{3}' -f $stage.Seconds, ($stage.Seconds / $millions), ($stage.PeakBytes / 1GB), $stage.Note
        }
        else { '{0} after {1:0} s{2}, peak {3:0.00} GB' -f $stage.Status, $stage.Seconds, $stage.Note, ($stage.PeakBytes / 1GB) }
        '| {0} ratings: {1} | {2} | {3} |' -f $size, $stage.Stage, $time, $(if ($size -eq '25M') { $stage.Target } else { '' })
    }
    $whole = ($stages | Measure-Object PeakBytes -Maximum).Maximum
    '| {0} ratings: whole path, peak resident memory | {1:0.0} GB | {2} |' -f $size, ($whole / 1GB), $(if ($size -eq '25M') { '<= 12 GB' } else { '' })
}
$rows | ForEach-Object { Write-Host $_ }
Set-Content -Path (Join-Path $ResultsPath 'scale.md') -Value $rows
