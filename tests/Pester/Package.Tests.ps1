BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path (Get-RepoRoot) 'build/Package.ps1')
    $script:moduleFolder = Split-Path (Get-BuiltModulePath)
    $script:runtime = (Get-Content -Raw (Join-Path $script:moduleFolder 'ContrastiveRec.Runtime.json') | ConvertFrom-Json).Runtime
    $script:table = Import-PowerShellDataFile (Join-Path (Get-RepoRoot) 'build/NativeLibraries.psd1')

    # The libraries a native library asks the loader for, by file name (readelf for ELF; llvm-readobj reads PE and Mach-O too).
    function Get-NativeDependency([string] $Path, [string] $Runtime) {
        $names = if ($Runtime -eq 'linux-x64') {
            & readelf -d $Path | Select-String 'Shared library: \[(.+)\]' | ForEach-Object { $_.Matches[0].Groups[1].Value }
        }
        else {
            $inList = $false
            foreach ($line in & llvm-readobj --needed-libs $Path) {
                if ($line -match '^NeededLibraries \[') { $inList = $true } elseif ($line -match '^\]') { $inList = $false } elseif ($inList) { $line.Trim() }
            }
        }
        $names | ForEach-Object { Split-Path $_ -Leaf } | Where-Object { $_ -ne (Split-Path $Path -Leaf) }
    }
    # Everything reachable from the roots through dependencies found among the given files.
    function Get-NativeClosure([System.IO.FileInfo[]] $Pool, [string[]] $Roots, [string] $Runtime) {
        $byName = @{}
        foreach ($f in $Pool) { $byName[$f.Name.ToLowerInvariant()] = $f }
        $seen = [System.Collections.Generic.HashSet[string]]::new()
        $queue = [System.Collections.Generic.Queue[string]]::new()
        foreach ($r in $Roots) { if ($seen.Add($r.ToLowerInvariant())) { $queue.Enqueue($r.ToLowerInvariant()) } }
        while ($queue.Count) {
            $file = $byName[$queue.Dequeue()]
            foreach ($dep in Get-NativeDependency $file.FullName $Runtime) {
                $key = $dep.ToLowerInvariant()
                if ($byName.ContainsKey($key) -and $seen.Add($key)) { $queue.Enqueue($key) }
            }
        }
        $seen | ForEach-Object { $byName[$_].Name } | Sort-Object
    }
    $assets = Get-Content -Raw (Join-Path (Get-RepoRoot) 'src/ContrastiveRec/obj/project.assets.json') | ConvertFrom-Json -AsHashtable
    $script:packages = @($assets.packageFolders.Keys)[0]
    $script:versions = @{}
    foreach ($key in $assets.libraries.Keys) { $id, $version = $key.Split('/'); $script:versions[$id.ToLowerInvariant()] = $version }
}

Describe 'The native libraries each runtime ships' {
    It '<Runtime>: LibTorchSharp and torch_cpu need exactly the libtorch files the table ships, found from their dependencies' -ForEach @(
        @{ Runtime = 'linux-x64'; Tool = 'readelf'; Suffix = '.so' }
        @{ Runtime = 'win-x64'; Tool = 'llvm-readobj'; Suffix = '.dll' }
        @{ Runtime = 'osx-arm64'; Tool = 'llvm-readobj'; Suffix = '.dylib' }
    ) {
        if (-not (Get-Command $Tool -CommandType Application -ErrorAction SilentlyContinue)) { Set-ItResult -Skipped -Because "$Tool is not installed" }
        # What publishing brings of TorchSharp and libtorch for the runtime, straight from the restored packages.
        $pool = @(
            Get-ChildItem (Join-Path $script:packages "torchsharp/$($script:versions['torchsharp'])/runtimes/$Runtime/native") -File
            Get-ChildItem (Join-Path $script:packages "libtorch-cpu-$Runtime/$($script:versions["libtorch-cpu-$Runtime"])/runtimes/$Runtime/native") -File
        )
        $prefix = if ($Runtime -eq 'win-x64') { '' } else { 'lib' }
        $closure = Get-NativeClosure $pool @("${prefix}LibTorchSharp$Suffix", "${prefix}torch_cpu$Suffix") $Runtime
        $shipped = $script:table[$Runtime].Ship | Where-Object { $_ -notmatch 'SkiaSharp|HarfBuzzSharp' } | Sort-Object
        $closure | Should -Be $shipped
        # libtorch_python alone is 32 MB (Linux) and 29 MB (macOS); no runtime ships it.
        $pool.Name | Where-Object { $_ -match 'torch_python' -and $_ -in $script:table[$Runtime].Ship } | Should -BeNullOrEmpty
        $script:table[$Runtime].Load | Should -Contain "${prefix}LibTorchSharp$Suffix"
    }

    It 'the built module holds exactly the shipped native libraries, with libtorch_cpu once, and records them for the import check' {
        $natives = Get-ChildItem $script:moduleFolder -File | Where-Object { Test-NativeLibraryFile $_ }
        ($natives.Name | Sort-Object) | Should -Be ($script:table[$script:runtime].Ship | Sort-Object)
        @(Get-ChildItem $script:moduleFolder -Recurse -File | Where-Object Name -Match '^(lib)?torch_cpu\.') | Should -HaveCount 1
        $record = Get-Content -Raw (Join-Path $script:moduleFolder 'ContrastiveRec.Runtime.json') | ConvertFrom-Json
        $record.Libraries | Should -Be $script:table[$script:runtime].Ship
        $record.Load | Should -Be $script:table[$script:runtime].Load
    }

    It 'a manifest made for <Runtime> passes Test-ModuleManifest and names that platform only' -ForEach @(
        @{ Runtime = 'linux-x64' }, @{ Runtime = 'win-x64' }, @{ Runtime = 'osx-arm64' }
    ) {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive "manifest-$Runtime")
        Get-ChildItem $script:moduleFolder -File -Filter '*.ps*' | Copy-Item -Destination $folder
        Copy-Item (Join-Path $script:moduleFolder 'ContrastiveRec.PowerShell.dll'), (Join-Path $script:moduleFolder 'ContrastiveRec.dll') $folder   # its RequiredAssemblies
        Set-Content (Join-Path $folder 'ContrastiveRec.psd1') (ConvertTo-ShippedManifest -RepositoryRoot (Get-RepoRoot) -Runtime $Runtime) -NoNewline
        $info = Test-ModuleManifest (Join-Path $folder 'ContrastiveRec.psd1')
        $platforms = $script:table.Values.Tag
        @($info.Tags | Where-Object { $_ -in $platforms }) | Should -Be @($script:table[$Runtime].Tag)
        $info.Tags | Should -Contain 'PSEdition_Core'
        $info.PowerShellVersion | Should -Be ([version]'7.6')
    }
}

Describe 'The PowerShell Gallery package, installed as users install it' {
    BeforeAll {
        # Packed once here from the built module, into this test's own folder.
        $script:repo = Join-Path $TestDrive 'repository'
        $script:package = New-ModulePackage -ModuleFolder $script:moduleFolder -Destination $script:repo
        Add-Type -AssemblyName System.IO.Compression.ZipFile
        $script:entries = [System.IO.Compression.ZipFile]::OpenRead($script:package.Path)
        $script:names = @($script:entries.Entries.FullName)
    }
    AfterAll { if ($script:entries) { $script:entries.Dispose() } }

    It 'is one ContrastiveRec .nupkg that leaves out what nothing loads and carries the licences' {
        Split-Path $script:package.Path -Leaf | Should -Be "ContrastiveRec.$((Import-PowerShellDataFile (Join-Path (Get-RepoRoot) 'ContrastiveRec.psd1')).ModuleVersion).nupkg"
        @($script:names -match 'torch_cpu') | Should -HaveCount 1
        $script:names -match 'torch_python|libshm|torch_global_deps|_test\.|backend|aoti_custom_ops|\.deps\.json$' | Should -BeNullOrEmpty
        foreach ($file in 'LICENSE', 'LICENSE-DATA.txt', 'LICENSE-LIBTORCH.txt', 'ContrastiveRec.Runtime.json', 'data/ml-latest-small/README.txt') {
            $script:names | Should -Contain $file
        }
        $reader = [System.IO.StreamReader]::new(($script:entries.Entries | Where-Object FullName -EQ 'ContrastiveRec.nuspec').Open())
        $nuspec = [xml]$reader.ReadToEnd()
        $reader.Dispose()
        $tags = $nuspec.package.metadata.tags -split ' '
        $tags | Should -Contain 'PSEdition_Core'
        $tags | Should -Contain $script:table[$script:runtime].Tag
        $nuspec.package.metadata.copyright | Should -Match 'GroupLens'
        $nuspec.package.metadata.releaseNotes | Should -Match 'non-commercial'
    }

    It 'installs with Install-PSResource, imports by name with an empty NuGet cache, trains and recommends' {
        $home_ = New-Item -ItemType Directory (Join-Path $TestDrive 'home')
        # Created first: .NET reports a missing data folder as empty, and PSResourceGet would fall back to the current directory.
        New-Item -ItemType Directory (Join-Path $home_ '.local/share') | Out-Null
        $emptyCache = New-Item -ItemType Directory (Join-Path $TestDrive 'empty-nuget')
        # A fresh user: their own HOME and data folder (where PSResourceGet keeps its repositories and installs
        # CurrentUser modules on Linux and macOS), pwsh's default module path, no NuGet cache.
        $environment = @{
            HOME           = $home_.FullName
            XDG_DATA_HOME  = Join-Path $home_ '.local/share'
            NUGET_PACKAGES = $emptyCache.FullName
            PSModulePath   = ''
        }
        $install = Invoke-FreshPwsh -Environment $environment -Script @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name ContrastiveRecLocal -Uri '$script:repo' -Trusted
Install-PSResource ContrastiveRec -Repository ContrastiveRecLocal -Scope CurrentUser
'INSTALLED ' + (Get-Module ContrastiveRec -ListAvailable).ModuleBase
"@
        $installed = "$(@($install) -match '^INSTALLED ')" -replace '^INSTALLED ', ''
        "$installed" | Should -BeLike "$($home_.FullName)*"

        $out = Invoke-FreshPwsh -Environment $environment -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module ContrastiveRec
'BASE ' + (Get-Module ContrastiveRec).ModuleBase
`$ratings = Import-MovieLens
`$model = `$ratings | Invoke-EncoderTraining -Strategy 4 -Epochs 2 -Seed 3
'EPOCHS ' + `$model.LossHistory.Count
'FINITE ' + -not (`$model.LossHistory | Where-Object { [double]::IsNaN(`$_) -or [double]::IsInfinity(`$_) })
`$recs = @(`$model | Get-Recommendation -User 1 -Top 5)
'RECS ' + `$recs.Count
`$rated = `$ratings.GetRatings(1) | Where-Object { -not `$_.IsTest } | ForEach-Object MovieId
'UNSEEN ' + -not (`$recs.MovieId | Where-Object { `$_ -in `$rated })
"@
        $out | Should -Contain "BASE $installed"
        $out | Should -Contain 'EPOCHS 2'
        $out | Should -Contain 'FINITE True'
        $out | Should -Contain 'RECS 5'
        $out | Should -Contain 'UNSEEN True'
        Get-ChildItem $installed -Recurse -Directory -Filter cpu | Should -BeNullOrEmpty
        Get-ChildItem $emptyCache -Recurse | Should -BeNullOrEmpty
        Get-ChildItem $installed -Recurse -File -Filter '*torch_python*' | Should -BeNullOrEmpty
    }
}
