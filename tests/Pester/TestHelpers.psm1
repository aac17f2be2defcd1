# Shared set-up for the Pester suites: which built module to test, and how to start a fresh pwsh.
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Get-BuiltModulePath {
    # CONTRASTIVEREC_MODULE lets a developer point the suite at another build of the module.
    if ($env:CONTRASTIVEREC_MODULE) { return $env:CONTRASTIVEREC_MODULE }
    return Join-Path $script:RepoRoot 'out/ContrastiveRec/ContrastiveRec.psd1'
}

function Get-RepoRoot { $script:RepoRoot }

function Invoke-FreshPwsh {
    <# Runs a script in a new pwsh process (no profile) and returns its output lines; throws on a non-zero exit. #>
    param([Parameter(Mandatory)][string] $Script, [hashtable] $Environment = @{})
    $saved = @{}
    foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
    try {
        $out = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $Script 2>&1
        if ($LASTEXITCODE -ne 0) { throw "pwsh exited with $LASTEXITCODE`n$($out -join "`n")" }
        return $out
    }
    finally {
        # A variable that was not set is removed: PowerShell passes $null to a string as "", which would leave it set
        # but empty (libgomp then complains on stderr about OMP_NUM_THREADS in every later child).
        foreach ($k in $saved.Keys) {
            if ($null -eq $saved[$k]) { Remove-Item "Env:$k" -ErrorAction Ignore } else { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
        }
    }
}

function Start-BuiltModuleRun {
    <# Runs a script with the built module in a new runspace, in the background, until a progress status matches
       -Until (or 60 s pass); returns the PowerShell and its async result, for a test to Stop() as Ctrl+C would. #>
    param([Parameter(Mandatory)][string] $Script, [Parameter(Mandatory)][string] $Until)
    $ps = [powershell]::Create()
    $null = $ps.AddScript("Import-Module '$(Get-BuiltModulePath)'; $Script")
    $async = $ps.BeginInvoke()
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not ($ps.Streams.Progress | Where-Object StatusDescription -Match $Until) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
    return @{ PowerShell = $ps; Async = $async }
}

function Invoke-BuiltModuleWithProgress {
    <# Runs a script with the built module in a new runspace; returns its Output and each progress record as it was when
       written (Activity, Status, SecondsRemaining, RecordType). The runspace's progress stream holds a cmdlet's record once per write, every copy
       showing the record's last state, so the log is taken as each write arrives. #>
    param([Parameter(Mandatory)][string] $Script)
    if (-not ('ContrastiveRecTests.ProgressLog' -as [type])) {
        Add-Type -TypeDefinition @'
namespace ContrastiveRecTests
{
    using System.Management.Automation;

    public sealed class ProgressLog
    {
        public readonly System.Collections.Concurrent.ConcurrentQueue<string[]> Entries = new System.Collections.Concurrent.ConcurrentQueue<string[]>();

        // DataAdded is raised on the writing thread, before the cmdlet can change the record again.
        public void Attach(PSDataCollection<ProgressRecord> stream) =>
            stream.DataAdded += (_, e) => { var r = stream[e.Index]; Entries.Enqueue(new[] { r.Activity, r.StatusDescription, r.SecondsRemaining.ToString(System.Globalization.CultureInfo.InvariantCulture), r.RecordType.ToString() }); };
    }
}
'@
    }
    $ps = [powershell]::Create()
    try {
        $log = [ContrastiveRecTests.ProgressLog]::new()
        $log.Attach($ps.Streams.Progress)
        $null = $ps.AddScript("Import-Module '$(Get-BuiltModulePath)'; $Script")
        $output = $ps.Invoke()
        if ($ps.HadErrors) { throw "The script failed: $($ps.Streams.Error -join '; ')" }
        [pscustomobject]@{
            Output   = @($output)
            Progress = @($log.Entries | ForEach-Object { [pscustomobject]@{ Activity = $_[0]; Status = $_[1]; SecondsRemaining = [int]$_[2]; RecordType = $_[3] } })
        }
    }
    finally { $ps.Dispose() }
}

function Get-RaisedErrorId {
    <# Every error id a user may meet, read from the source of the core (its refusals) and of the cmdlets (their own
       refusals and the module's import errors), sorted. An id is written as the first argument of a refusal,
       ("<Id>", RefusalCategory.X ...) in a constructor, Refusal(...) or a kind-to-id switch, or as base("<Id>", ...);
       the writers' Refusal($"{kind}<Rule>", ...) stands for one id per OutputFile kind; import errors spell
       "ContrastiveRec.<Id>". The error-id sweep and the documentation's test both read ids here, so they agree. #>
    $src = Join-Path $script:RepoRoot 'src'
    $source = Get-ChildItem (Join-Path $src 'ContrastiveRec'), (Join-Path $src 'ContrastiveRec.PowerShell') -Filter *.cs -Recurse |
        Where-Object { $_.FullName -notmatch '[\\/](obj|bin)[\\/]' } | Get-Content -Raw
    $kinds = [regex]::Match(($source -join "`n"), 'enum OutputFile\s*\{([^}]*)\}').Groups[1].Value -split '[,\s]+' | Where-Object { $_ }
    $ids = [System.Collections.Generic.SortedSet[string]]::new()
    $patterns = '"([A-Z][A-Za-z]+)",\s*RefusalCategory\.', 'ContrastiveRecException\(\s*"([A-Z][A-Za-z]+)"', '\bbase\(\s*"([A-Z][A-Za-z]+)"', '"ContrastiveRec\.([A-Z][A-Za-z]+)"'
    foreach ($text in $source) {
        foreach ($pattern in $patterns) { foreach ($m in [regex]::Matches($text, $pattern)) { $null = $ids.Add($m.Groups[1].Value) } }
        foreach ($m in [regex]::Matches($text, 'Refusal\(\$"\{kind\}([A-Z][A-Za-z]+)"')) { foreach ($k in $kinds) { $null = $ids.Add("$k$($m.Groups[1].Value)") } }
    }
    @($ids)
}

function Get-PngSize([string] $Path) {
    # Width and height are the first two big-endian integers of the IHDR chunk, at bytes 16..23.
    $b = [System.IO.File]::ReadAllBytes($Path)
    [pscustomobject]@{
        Signature = [System.BitConverter]::ToString($b, 0, 8)
        Width     = ([int]$b[16] -shl 24) -bor ([int]$b[17] -shl 16) -bor ([int]$b[18] -shl 8) -bor [int]$b[19]
        Height    = ([int]$b[20] -shl 24) -bor ([int]$b[21] -shl 16) -bor ([int]$b[22] -shl 8) -bor [int]$b[23]
    }
}

function New-TestClickLog {
    # A click log without timestamps (30 users, 40 items, some clicked twice) through the pipeline: implicit feedback,
    # since the objects have no rating.
    $rng = [System.Random]::new(4)
    $clicks = foreach ($u in 1..30) { foreach ($i in 1..40) { if ($rng.NextDouble() -lt 0.3) { foreach ($n in 1..(1 + $rng.Next(2))) { @{ user = $u; item = $i } } } } }
    $clicks | ConvertTo-RatingSet -TestFraction 0
}

Export-ModuleMember -Function Get-BuiltModulePath, Get-RepoRoot, Invoke-FreshPwsh, Start-BuiltModuleRun, Invoke-BuiltModuleWithProgress, Get-RaisedErrorId, Get-PngSize, New-TestClickLog
