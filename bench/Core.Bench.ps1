# Runs the core library's benchmarks (bench/ContrastiveRec.Benchmarks), each in its own process so that
# peak-memory figures belong to that benchmark alone.
param([Parameter(Mandatory)][string] $ModulePath, [Parameter(Mandatory)][string] $ResultsPath)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
$project = Join-Path $PSScriptRoot 'ContrastiveRec.Benchmarks'
& dotnet build $project -c Release --nologo --verbosity quiet | Out-Host
if ($LASTEXITCODE -ne 0) { throw 'building the benchmarks failed' }
$exe = Get-ChildItem (Join-Path $project 'bin/Release') -Recurse -Filter 'ContrastiveRec.Benchmarks.dll' | Select-Object -First 1
foreach ($name in 'import-small', 'import-large', 'import-generic', 'import-parquet', 'import-parquet-dictionary', 'mining', 'epoch', 'evaluation', 'tsne') {
    & dotnet $exe.FullName $name --data (Join-Path $root 'data/ml-latest-small') --results $ResultsPath
    if ($LASTEXITCODE -ne 0) { throw "benchmark $name failed" }
}
