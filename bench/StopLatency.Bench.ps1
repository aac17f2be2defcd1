# How long Ctrl+C takes to stop each long-running cmdlet (target: about a second): each command runs in its own
# runspace, is stopped once its progress shows it is well under way, and the time Stop() takes is recorded.
param([Parameter(Mandatory)][string] $ModulePath, [Parameter(Mandatory)][string] $ResultsPath, [int] $Runs = 3)
$ErrorActionPreference = 'Stop'

$commands = [ordered]@{
    'Invoke-EncoderTraining, Strategy 1 (batch 512)'   = @{ Script = 'Import-MovieLens | Invoke-EncoderTraining -Strategy 1 -Epochs 50'; Ready = '^Epoch 1/50, batch [3-9]' }
    'Invoke-EncoderTraining -Objective UserMovie'       = @{ Script = 'Import-MovieLens | Invoke-EncoderTraining -Objective UserMovie -Epochs 50'; Ready = '^Epoch 2/50' }
    'ConvertTo-Tsne, 2,000 users (exact)'               = @{ Script = '$e = 1..2000 | ForEach-Object { [ContrastiveRec.Training.UserEmbedding]::new($_, [float[]](1..50 | ForEach-Object { Get-Random -Minimum -1.0 -Maximum 1.0 })) }; $e | ConvertTo-Tsne -Iterations 100000'; Ready = '^Iteration [1-9]\d*/100000' }
    'Invoke-StrategyComparison'                         = @{ Script = 'Invoke-StrategyComparison -Seeds 1'; Ready = '^Strategy 1 ' }
}

$rows = foreach ($name in $commands.Keys) {
    $c = $commands[$name]
    $times = foreach ($i in 1..$Runs) {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$ModulePath'; $($c.Script)")
        $async = $ps.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddMinutes(3)
        while (-not ($ps.Streams.Progress | Where-Object StatusDescription -Match $c.Ready) -and [DateTime]::UtcNow -lt $deadline) {
            if ($async.IsCompleted) { throw "$name ended before it could be stopped: $($ps.Streams.Error | Select-Object -First 1)" }
            Start-Sleep -Milliseconds 20
        }
        if ([DateTime]::UtcNow -ge $deadline) { throw "$name showed no progress matching '$($c.Ready)' within 3 minutes" }
        Start-Sleep -Milliseconds (Get-Random -Minimum 0 -Maximum 300) # stop at any point of a step, not just after one
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $clock.Stop()
        if ($ps.InvocationStateInfo.State -ne 'Stopped' -or -not $async.IsCompleted) { throw "$name did not stop: $($ps.InvocationStateInfo.State)" }
        $ps.Dispose()
        $clock.Elapsed.TotalMilliseconds
    }
    $max = ($times | Measure-Object -Maximum).Maximum
    '| Ctrl+C (Stop) to stopped: {0} (worst of {1}) | {2:0} ms | about 1,000 ms |' -f $name, $Runs, $max
}
$rows | ForEach-Object { Write-Host $_ }
Set-Content -Path (Join-Path $ResultsPath 'stop-latency.md') -Value $rows
