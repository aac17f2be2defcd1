<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks ContrastiveRec.
.DESCRIPTION
    Build  assembles the self-contained module in out/ContrastiveRec (manifest, binaries, libtorch, views, help, data).
    Test   builds, then runs the xunit tests of the core and the Pester tests of the cmdlets; ends with "N passed, N failed".
    Demo   builds, then runs the main job on the bundled MovieLens set.
    Bench  builds, then runs the benchmarks in bench/ and writes their figures to bench/results/.
    Clean  removes out/ and the projects' bin/obj folders.
.EXAMPLE
    dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$moduleOut = Join-Path $root 'out/ContrastiveRec'
. (Join-Path $root 'build/NativeLibraryFix.ps1')

function Invoke-Native {
    param([string] $Command, [string[]] $Arguments)
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Get-PackageFolder {
    # Where restore put packages ($env:NUGET_PACKAGES or ~/.nuget/packages), as NuGet itself recorded it.
    $assets = Get-Content -Raw (Join-Path $root 'build/obj/project.assets.json') | ConvertFrom-Json -AsHashtable
    return @($assets.packageFolders.Keys)[0]
}

function Invoke-Build {
    Write-Host "== Build ($Configuration)"
    Invoke-Native dotnet @('restore', (Join-Path $root 'build/Tools.csproj'), '--verbosity', 'quiet')
    $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    # Publishing for the machine's runtime puts every native library flat beside TorchSharp.dll, which is
    # where TorchSharp looks first; no deps.json is consulted inside pwsh.
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/ContrastiveRec.PowerShell'), '-c', $Configuration,
        '-r', $rid, '--self-contained', 'false', '-o', $moduleOut, '--nologo', '--verbosity', 'quiet')
    Get-ChildItem $moduleOut -Filter '*.deps.json' | Remove-Item

    $native = Join-Path $moduleOut 'libLibTorchSharp.so'
    if (Test-Path $native) { Write-Host "libLibTorchSharp.so: $(Repair-LibTorchSharp -Path $native)" }

    Copy-Item (Join-Path $root 'module/*') $moduleOut -Recurse -Force
    $data = Join-Path $moduleOut 'data'
    New-Item -ItemType Directory -Force $data | Out-Null
    Copy-Item (Join-Path $root 'data/ml-latest-small') $data -Recurse -Force

    # The shipped manifest is the root one with its paths made relative to the module folder.
    $manifest = (Get-Content -Raw (Join-Path $root 'ContrastiveRec.psd1')) -replace 'out/ContrastiveRec/', ''
    Set-Content -Path (Join-Path $moduleOut 'ContrastiveRec.psd1') -Value $manifest -NoNewline
    Test-ModuleManifest (Join-Path $moduleOut 'ContrastiveRec.psd1') | Out-Null
    Write-Host "Module: $moduleOut"
}

function Invoke-XunitTests {
    Write-Host '== xunit (core library)'
    $results = Join-Path $root 'out/test-results'
    Remove-Item $results -Recurse -Force -ErrorAction SilentlyContinue
    $project = Join-Path $root 'tests/ContrastiveRec.Tests'
    Invoke-Native dotnet @('build', $project, '-c', $Configuration, '--nologo', '--verbosity', 'quiet') | Out-Host
    # The test host loads libtorch from its own bin folder, so that copy needs the same libstdc++ repair as the
    # module's (every build copies it afresh); otherwise TorchSharp falls back to a 'cpu' folder and fails.
    $bin = Join-Path $project "bin/$Configuration/net10.0"
    Remove-Item (Join-Path $bin 'cpu') -Recurse -Force -ErrorAction SilentlyContinue
    $native = Join-Path $bin 'runtimes/linux-x64/native/libLibTorchSharp.so'
    if (Test-Path $native) { Write-Host "test copy of libLibTorchSharp.so: $(Repair-LibTorchSharp -Path $native)" }
    & dotnet test $project -c $Configuration --no-build --nologo `
        --logger 'trx;LogFileName=core.trx' --logger 'console;verbosity=normal' --results-directory $results | Out-Host
    $trx = Join-Path $results 'core.trx'
    if (-not (Test-Path $trx)) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    $counters = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed  = [int]$counters.passed
        Failed  = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        Skipped = [int]$counters.notExecuted
    }
}

function Invoke-PesterTests {
    Write-Host '== Pester (cmdlets and workflows)'
    $pester = Join-Path (Get-PackageFolder) 'pester/5.7.1/tools/Pester.psd1'
    # A child pwsh, so the suite sees the module the way a user's fresh session does.
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$pester' -MinimumVersion 5.7.1
`$c = New-PesterConfiguration
`$c.Run.Path = '$(Join-Path $root 'tests/Pester')'
`$c.Run.PassThru = `$true
`$c.Output.Verbosity = 'Detailed'
`$r = Invoke-Pester -Configuration `$c
'PESTER-COUNTS {0} {1} {2}' -f `$r.PassedCount, (`$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount), `$r.SkippedCount
"@
    $counts = $null
    & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script | ForEach-Object {
        if ($_ -match '^PESTER-COUNTS (\d+) (\d+) (\d+)$') { $counts = $Matches } else { $_ }
    } | Out-Host
    if (-not $counts) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    [pscustomobject]@{ Passed = [int]$counts[1]; Failed = [int]$counts[2]; Skipped = [int]$counts[3] }
}

function Invoke-Demo {
    Write-Host '== Demo: the bundled ml-latest-small set'
    & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File (Join-Path $root 'build/Demo.ps1') -ModulePath (Join-Path $moduleOut 'ContrastiveRec.psd1')
    if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE" }
}

function Invoke-Bench {
    Write-Host '== Benchmarks'
    $results = Join-Path $root 'bench/results'
    New-Item -ItemType Directory -Force $results | Out-Null
    foreach ($bench in Get-ChildItem (Join-Path $root 'bench') -Filter '*.Bench.ps1' | Sort-Object Name) {
        Write-Host "-- $($bench.Name)"
        & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $bench.FullName -ModulePath (Join-Path $moduleOut 'ContrastiveRec.psd1') -ResultsPath $results
        if ($LASTEXITCODE -ne 0) { throw "$($bench.Name) failed with exit code $LASTEXITCODE" }
    }
}

switch ($Task) {
    'Clean' {
        Remove-Item (Join-Path $root 'out') -Recurse -Force -ErrorAction SilentlyContinue
        Get-ChildItem $root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
    }
    'Build' { Invoke-Build }
    'Demo' { Invoke-Build; Invoke-Demo }
    'Bench' { Invoke-Build; Invoke-Bench }
    'Test' {
        Invoke-Build
        $xunit = Invoke-XunitTests
        $pester = Invoke-PesterTests
        $passed = $xunit.Passed + $pester.Passed
        $failed = $xunit.Failed + $pester.Failed
        $skipped = $xunit.Skipped + $pester.Skipped
        Write-Host ''
        Write-Host ("xunit: {0} passed, {1} failed; Pester: {2} passed, {3} failed" -f $xunit.Passed, $xunit.Failed, $pester.Passed, $pester.Failed)
        $line = if ($skipped) { '{0} passed, {1} failed, {2} skipped' -f $passed, $failed, $skipped } else { '{0} passed, {1} failed' -f $passed, $failed }
        Write-Host $line
        if ($failed -gt 0) { exit 1 }
    }
}
