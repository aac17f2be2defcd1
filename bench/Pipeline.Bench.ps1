# ConvertTo-RatingSet: objects per second through the pipeline, from a generated shop file (text ids, ISO dates) of
# -Count rows read by Import-Csv, as a user would pipe it; and what memory does meanwhile: the managed heap every
# -Count/5 objects (after a full collection) must stay near the columns kept, never grow with the objects piped.
param([Parameter(Mandatory)][string] $ModulePath, [Parameter(Mandatory)][string] $ResultsPath, [int] $Count = 1000000)
$ErrorActionPreference = 'Stop'
Import-Module (Resolve-Path $ModulePath).Path

$file = Join-Path ([IO.Path]::GetTempPath()) "crec-pipeline-$PID.csv"
$writer = [IO.StreamWriter]::new($file)
try {
    $writer.WriteLine('customer,product,stars,date')
    $rng = [Random]::new(1)
    # 1 in 20 rows a new customer, products from 20,000: few duplicates, which are left out as a shop would.
    $seen = [Collections.Generic.HashSet[long]]::new()
    $users = [Math]::Max(1, [int]($Count / 20))
    $written = 0
    while ($written -lt $Count) {
        $u = $rng.Next($users); $p = $rng.Next(20000)
        if (-not $seen.Add([long]$u * 20000 + $p)) { continue }
        $writer.WriteLine("u-$u,sku-$p,$(1 + $rng.Next(5)),2024-$('{0:d2}' -f (1 + $rng.Next(12)))-$('{0:d2}' -f (1 + $rng.Next(28)))")
        $written++
    }
    $seen = $null
}
finally { $writer.Dispose() }
$mb = (Get-Item $file).Length / 1MB

try {
    [GC]::Collect()
    $csvOnly = Measure-Command { Import-Csv $file | Out-Null }
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $set = Import-Csv $file | ConvertTo-RatingSet
    $watch.Stop()
    $rate = $set.RatingCount / $watch.Elapsed.TotalSeconds

    # The same again with the heap sampled along the way.
    $set = $null
    [GC]::Collect()
    $base = [GC]::GetTotalMemory($true)
    $samples = [Collections.Generic.List[double]]::new()
    $every = [Math]::Max(1, [int]($Count / 5))
    $i = 0
    $set = Import-Csv $file | ForEach-Object { if ((++$i % $every) -eq 0) { $samples.Add(([GC]::GetTotalMemory($true) - $base) / 1MB) }; $_ } | ConvertTo-RatingSet
    $final = ([GC]::GetTotalMemory($true) - $base) / 1MB
    $columns = $set.RatingCount * (4 + 4 + 4 + 8 + 1) / 1MB # movie, user offsets bound, rating, time, split flag
}
finally { Remove-Item $file -ErrorAction SilentlyContinue }

$rows = @(
    '| ConvertTo-RatingSet: Import-Csv of {0:N0} shop rows ({1:0} MB, text ids, ISO dates) piped in | {2:N0} objects/s ({3:0.0} s; Import-Csv alone {4:0.0} s) | state it |' -f $set.RatingCount, $mb, $rate, $watch.Elapsed.TotalSeconds, $csvOnly.TotalSeconds
    '| ConvertTo-RatingSet: managed heap while piping, every {0:N0} objects, and the built set | {1} MB; set {2:0} MB (columns {3:0} MB) | grows with ratings kept, not objects |' -f $every, (($samples | ForEach-Object { '{0:0}' -f $_ }) -join ' / '), $final, $columns
)
$rows | ForEach-Object { Write-Host $_ }
Set-Content -Path (Join-Path $ResultsPath 'pipeline.md') -Value $rows
