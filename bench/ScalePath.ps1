# One size of the scale benchmark (started by Scale.Bench.ps1): every stage of the path in one runspace, so each can use
# what the earlier ones made, timed one by one with the process's peak resident memory reset before each stage.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $DataPath,
    [Parameter(Mandatory)][string] $Label,
    [Parameter(Mandatory)][string] $OutFile,
    [double] $StageMinutes = 15
)
$ErrorActionPreference = 'Stop'

$plot = Join-Path ([IO.Path]::GetTempPath()) "contrastiverec-scale-$Label.png"
# One user's recommendations: the median of 5 calls on a built model, in seconds.
$oneUser = '$u = $r.UserIds[[int]($r.UserCount / 2)]; $t = foreach ($i in 1..5) { (Measure-Command { $null = {0} | Get-Recommendation -User $u -Top 10 }).TotalSeconds }; $stageSeconds = ($t | Sort-Object)[2]'
$stages = @(
    @{ Stage = 'Import-MovieLens'; Script = '$r = Import-MovieLens -Path $DataPath; $bytes = (Get-Item (Join-Path $DataPath ratings.csv)).Length'; Target = '>= 100 MB/s' }
    @{ Stage = 'mining Strategy 4 (Get-ContrastivePair)'; Script = '$null = $r | Get-ContrastivePair -Strategy 4 -First 1' }
    @{ Stage = 'one epoch of Strategy 4 (row-wise updates, chosen by size)'; Script = '$s4 = $r | Invoke-EncoderTraining -Strategy 4 -Epochs 1'; Target = '<= 5 min' }
    @{ Stage = 'one epoch of UserMovie, Id encoder'; Script = '$um = $r | Invoke-EncoderTraining -Objective UserMovie -Epochs 1'; Target = '<= 3 min' }
    @{ Stage = 'Full recall@10/20/50 of all users, Strategy 4 encoder'; Script = '$null = $s4 | Measure-RecallAtK -Protocol Full'; Target = '<= 2 min' }
    @{ Stage = "one user's Get-Recommendation, Strategy 4 encoder (median of 5)"; Script = $oneUser.Replace('{0}', '$s4'); Target = '<= 100 ms' }
    @{ Stage = 'Full recall@10/20/50 of all users, UserMovie encoder'; Script = '$null = $um | Measure-RecallAtK -Protocol Full'; Target = '<= 2 min' }
    @{ Stage = "one user's Get-Recommendation, UserMovie encoder (median of 5)"; Script = $oneUser.Replace('{0}', '$um'); Target = '<= 100 ms' }
    foreach ($kind in 'MostPopular', 'UserKnn', 'ItemKnn', 'Ease') {
        @{ Stage = "New-BaselineRecommender $kind"; Script = "`$b = `$null; [GC]::Collect(); `$b = `$r | New-BaselineRecommender $kind"; Target = $(if ($kind -eq 'Ease') { '<= 5 min, <= 8 GB' } else { '' }) }
        @{ Stage = "Full recall@10/20/50 of all users, $kind"; Script = '$null = $b | Measure-RecallAtK -Protocol Full'; Target = '<= 2 min' }
        @{ Stage = "one user's Get-Recommendation, $kind (median of 5)"; Script = $oneUser.Replace('{0}', '$b'); Target = '<= 100 ms' }
    }
    @{ Stage = 'ConvertTo-Tsne of all users (Strategy 4 encoder)'; Script = '$b = $null; [GC]::Collect(); $points = $s4 | ConvertTo-Tsne -AutoLearningRate'; Target = '<= 10 min' }
    @{ Stage = 'Get-UserCluster -Count 8 of all users'; Script = '$clusters = $points | Get-UserCluster -Count 8' }
    @{ Stage = 'Export-EmbeddingPlot of all users'; Script = "`$clusters | Export-EmbeddingPlot '$plot' -Title 'All users' -Force" }
)

function Get-PeakBytes {
    $line = Get-Content "/proc/$PID/status" | Where-Object { $_ -like 'VmHWM:*' }
    [long](($line -split '\s+')[1]) * 1KB
}

$runspace = [runspacefactory]::CreateRunspace()
$runspace.Open()
$runspace.SessionStateProxy.SetVariable('DataPath', (Resolve-Path $DataPath).Path)
$init = [powershell]::Create()
$init.Runspace = $runspace
$null = $init.AddScript("Import-Module '$((Resolve-Path $ModulePath).Path)'").Invoke()
if ($init.HadErrors) { throw "Import-Module failed: $($init.Streams.Error[0])" }

$results = foreach ($stage in $stages) {
    [GC]::Collect()
    [IO.File]::WriteAllText("/proc/$PID/clear_refs", "5") # resets the peak (VmHWM) to what is resident now
    $runspace.SessionStateProxy.SetVariable('stageSeconds', $null)
    $ps = [powershell]::Create()
    $ps.Runspace = $runspace
    $null = $ps.AddScript($stage.Script)
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $async = $ps.BeginInvoke()
    $deadline = $clock.Elapsed.TotalMinutes + $StageMinutes
    while (-not $async.IsCompleted -and $clock.Elapsed.TotalMinutes -lt $deadline) { Start-Sleep -Milliseconds 100 }
    $status = 'done'
    $note = ''
    if (-not $async.IsCompleted) {
        $last = $ps.Streams.Progress | Select-Object -Last 1
        if ($last) { $note = ' ({0}% done, {1:N0} s left by its progress)' -f $last.PercentComplete, $last.SecondsRemaining }
        $ps.Stop()
        $status = 'stopped'
    }
    else {
        try { $null = $ps.EndInvoke($async) }
        catch { $status = 'failed'; $note = ": $($_.Exception.InnerException.Message ?? $_.Exception.Message)" }
        if ($status -eq 'done' -and $ps.Streams.Error.Count -gt 0) { $status = 'failed'; $note = ": $($ps.Streams.Error[0])" }
    }
    $clock.Stop()
    $seconds = $runspace.SessionStateProxy.GetVariable('stageSeconds') ?? $clock.Elapsed.TotalSeconds
    if ($stage.Stage -eq 'Import-MovieLens' -and $status -eq 'done') {
        $note = ' ({0:0} MB/s)' -f ($runspace.SessionStateProxy.GetVariable('bytes') / 1MB / $seconds)
    }
    $ps.Dispose()
    $result = [pscustomobject]@{ Stage = $stage.Stage; Status = $status; Note = $note; Seconds = $seconds; PeakBytes = Get-PeakBytes; Target = $stage.Target ?? '' }
    Write-Host ('{0,-75} {1,-8} {2,9:0.000} s {3,6:0.00} GB{4}' -f $stage.Stage, $status, $seconds, ($result.PeakBytes / 1GB), $note)
    $result
}
$results | ConvertTo-Json | Set-Content $OutFile
