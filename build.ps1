<#
.SYNOPSIS
    Builds, packages, tests, demonstrates and benchmarks ContrastiveRec.
.DESCRIPTION
    Build   assembles the self-contained module in out/ContrastiveRec (manifest, binaries, libtorch, views, help, data)
            for this machine's runtime.
    Package builds the module for -Runtime (linux-x64, win-x64 or osx-arm64; default this machine's) and makes a
            PowerShell Gallery package of it with Publish-PSResource, in the file repository out/packages/<runtime>/.
    Test    builds, makes sure headless Chromium is there for the report test (installs Debian's chromium when it can),
            then runs the xunit tests of the core and the Pester tests of the cmdlets; ends with "N passed, N failed".
    Demo    builds, then runs the main job on the bundled MovieLens set.
    Bench   builds, then runs the benchmarks in bench/ and writes their figures to bench/results/.
    Clean   removes out/ and the projects' bin/obj folders.
.EXAMPLE
    dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 -Task Package -Runtime win-x64
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Package', 'Test', 'Demo', 'Bench', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # The platform to build for: libtorch-cpu 2.10.0 is packaged for these three.
    [ValidateSet('linux-x64', 'win-x64', 'osx-arm64')]
    [string] $Runtime = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$machineRuntime = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
$moduleOut = Join-Path $root 'out/ContrastiveRec'
. (Join-Path $root 'build/NativeLibraryFix.ps1')
. (Join-Path $root 'build/Package.ps1')

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

function Get-ModuleOutput([string] $ForRuntime) {
    # This machine's build stays where the tests, demo and benchmarks look for it; another platform's goes beside it.
    if ($ForRuntime -eq $machineRuntime) { return $moduleOut }
    return Join-Path $root "out/$ForRuntime/ContrastiveRec"
}

function Invoke-Build {
    param([string] $ForRuntime = $machineRuntime)
    $out = Get-ModuleOutput $ForRuntime
    Write-Host "== Build ($Configuration, $ForRuntime)"
    Invoke-Native dotnet @('restore', (Join-Path $root 'build/Tools.csproj'), '--verbosity', 'quiet')
    # Publishing for a runtime puts its native libraries flat beside TorchSharp.dll, which is where TorchSharp looks
    # first; no deps.json is consulted inside pwsh.
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/ContrastiveRec.PowerShell'), '-c', $Configuration,
        '-r', $ForRuntime, '--self-contained', 'false', '-o', $out, '--nologo', '--verbosity', 'quiet')
    Get-ChildItem $out -Filter '*.deps.json' | Remove-Item

    $natives = Select-ShippedNativeLibrary -Folder $out -Runtime $ForRuntime
    Write-Host "Native libraries: $($natives.Ship -join ', ')"
    if ($natives.Dropped) { Write-Host "Left out (nothing loads them): $($natives.Dropped -join ', ')" }

    $native = Join-Path $out 'libLibTorchSharp.so'
    if (Test-Path $native) { Write-Host "libLibTorchSharp.so: $(Repair-LibTorchSharp -Path $native)" }

    Copy-Item (Join-Path $root 'module/*') $out -Recurse -Force -Exclude 'help'
    $data = Join-Path $out 'data'
    New-Item -ItemType Directory -Force $data | Out-Null
    Copy-Item (Join-Path $root 'data/ml-latest-small') $data -Recurse -Force
    # The code's licence, the bundled data's terms, and libtorch's licence, which its binaries must carry.
    Copy-Item (Join-Path $root 'LICENSE'), (Join-Path $root 'LICENSE-DATA.txt') $out -Force
    $libtorchVersion = Get-LibTorchVersion
    Copy-Item (Join-Path (Get-PackageFolder) "libtorch-cpu-$ForRuntime/$libtorchVersion/LICENSE-LIBTORCH.txt") $out -Force

    $manifestPath = Join-Path $out 'ContrastiveRec.psd1'
    Set-Content -Path $manifestPath -Value (ConvertTo-ShippedManifest -RepositoryRoot $root -Runtime $ForRuntime) -NoNewline
    Test-ModuleManifest $manifestPath | Out-Null

    # Help: syntax from the built cmdlets, prose from module/help; a child pwsh keeps this session unloaded. Help is
    # the same for every runtime, and a module for another platform cannot be imported here to read its cmdlets.
    $help = 'en-US/ContrastiveRec.PowerShell.dll-Help.xml'
    if ($ForRuntime -eq $machineRuntime) {
        $helpScript = ". '$(Join-Path $root 'build/HelpGenerator.ps1')'; New-MamlHelp -ModuleManifest '$manifestPath' -SourceFolder '$(Join-Path $root 'module/help')' -OutFile '$(Join-Path $out $help)'"
        Invoke-Native dotnet @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-Command', $helpScript)
    }
    else {
        Invoke-Build -ForRuntime $machineRuntime
        New-Item -ItemType Directory -Force (Join-Path $out 'en-US') | Out-Null
        Copy-Item (Join-Path $moduleOut $help) (Join-Path $out $help) -Force
    }
    Write-Host "Module: $out"
}

function Get-LibTorchVersion {
    # The libtorch-cpu version restore chose for TorchSharp-cpu, as recorded in the restore's assets file.
    $assets = Get-Content -Raw (Join-Path $root 'src/ContrastiveRec/obj/project.assets.json') | ConvertFrom-Json -AsHashtable
    $key = @($assets.libraries.Keys | Where-Object { $_ -like 'libtorch-cpu/*' })[0]
    return $key.Split('/')[1]
}

function Invoke-XunitTests {
    Write-Host '== xunit (core library)'
    $results = Join-Path $root 'out/test-results'
    Remove-Item $results -Recurse -Force -ErrorAction SilentlyContinue
    & dotnet test (Join-Path $root 'tests/ContrastiveRec.Tests') -c $Configuration --nologo `
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

function Install-Chromium {
    # The HTML report test renders the page in headless Chromium. Installing it is this explicit, logged step of the
    # Test task, never part of test discovery; when it cannot be had, the test is skipped with the reason.
    $found = Get-Command chromium, chromium-browser -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($found) { Write-Host "Chromium: $($found.Source)"; return }
    $apt = Get-Command apt-get -CommandType Application -ErrorAction SilentlyContinue
    if (-not $IsLinux -or -not $apt) { Write-Host 'Chromium: not installed and no apt-get; the report test will be skipped'; return }
    if ((& id -u) -ne '0') { Write-Host 'Chromium: not installed and installing it needs root; the report test will be skipped'; return }
    Write-Host 'Chromium: installing Debian''s chromium package (apt-get install -y chromium)'
    $env:DEBIAN_FRONTEND = 'noninteractive'
    try {
        & apt-get install -y -q chromium *> $null
        if ($LASTEXITCODE -ne 0) { & apt-get update -q *> $null; & apt-get install -y -q chromium *> $null }
    }
    catch { Write-Host "Chromium: apt-get failed: $_" }
    $found = Get-Command chromium -CommandType Application -ErrorAction SilentlyContinue
    if ($found) { Write-Host "Chromium: installed $($found.Source)" }
    else { Write-Host "Chromium: apt-get install -y chromium failed (exit $LASTEXITCODE); the report test will be skipped" }
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
    $summary = Join-Path $results 'SUMMARY.md'
    $table = @('| benchmark | result | target |', '|---|---|---|') + (Get-ChildItem $results -Filter '*.md' | Where-Object Name -ne 'SUMMARY.md' | Sort-Object Name | Get-Content)
    Set-Content $summary $table
    Write-Host "Figures: $summary"
}

switch ($Task) {
    'Clean' {
        Remove-Item (Join-Path $root 'out') -Recurse -Force -ErrorAction SilentlyContinue
        Get-ChildItem $root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
    }
    'Build' { Invoke-Build }
    'Package' {
        Invoke-Build -ForRuntime $Runtime
        $package = New-ModulePackage -ModuleFolder (Get-ModuleOutput $Runtime) -Destination (Join-Path $root "out/packages/$Runtime")
        Write-Host ("Package: {0} ({1:0} MB; the module unpacks to {2:0} MB)" -f $package.Path, ($package.Length / 1MB), ($package.UnpackedLength / 1MB))
        Write-Host "Install it: Register-PSResourceRepository -Name ContrastiveRecLocal -Uri '$(Split-Path $package.Path)' -Trusted; Install-PSResource ContrastiveRec -Repository ContrastiveRecLocal"
    }
    'Demo' { Invoke-Build; Invoke-Demo }
    'Bench' { Invoke-Build; Invoke-Bench }
    'Test' {
        Invoke-Build
        Install-Chromium
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
