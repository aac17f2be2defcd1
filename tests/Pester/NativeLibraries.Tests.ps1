BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path (Get-RepoRoot) 'build/NativeLibraryFix.ps1')
    $script:moduleFolder = Split-Path (Get-BuiltModulePath)
}

Describe 'The built module carries its own libtorch' {
    It 'runs Import-MovieLens | Measure-RatingSet from a copy, in a fresh pwsh with an empty NuGet cache, without unpacking a cpu folder' {
        $copy = Join-Path $TestDrive 'ContrastiveRec'
        Copy-Item $script:moduleFolder $copy -Recurse
        Get-ChildItem $copy -Recurse -Directory -Filter cpu | Should -BeNullOrEmpty
        $emptyCache = New-Item -ItemType Directory (Join-Path $TestDrive 'empty-nuget')

        $out = Invoke-FreshPwsh -Environment @{ NUGET_PACKAGES = $emptyCache.FullName } -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Join-Path $copy 'ContrastiveRec.psd1')'
'BASE ' + (Get-Module ContrastiveRec).ModuleBase
'CACHE ' + `$env:NUGET_PACKAGES
`$s = Import-MovieLens | Measure-RatingSet
'SUMMARY {0} {1} {2} {3} {4:0.000}' -f `$s.Users, `$s.Movies, `$s.RatedMovies, `$s.Ratings, `$s.MeanRating
"@
        $out | Should -Contain "BASE $copy"
        $out | Should -Contain "CACHE $($emptyCache.FullName)"
        # ml-latest-small: 610 users, 9,742 movies of which 9,724 rated, 100,836 ratings averaging 3.502.
        $out | Should -Contain 'SUMMARY 610 9742 9724 100836 3.502'
        Get-ChildItem $copy -Recurse -Directory -Filter cpu | Should -BeNullOrEmpty
        Get-ChildItem $emptyCache -Recurse | Should -BeNullOrEmpty
    }
}

Describe 'The libstdc++ repair of libLibTorchSharp.so' -Skip:(-not $IsLinux) {
    BeforeAll {
        $script:version = 'GLIBCXX_3.4.32'
        $script:systemHasIt = Test-SystemLibStdCxxVersion $script:version
        $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
        $script:cached = Join-Path $packages 'torchsharp/0.107.0/runtimes/linux-x64/native/libLibTorchSharp.so'
        function Get-Need([string] $Path) {
            Get-ElfVersionNeed ([System.IO.File]::ReadAllBytes($Path)) | Where-Object Version -EQ $script:version
        }
    }

    It 'marks GLIBCXX_3.4.32 weak in the module''s copy exactly when the system libstdc++ lacks it' {
        $need = Get-Need (Join-Path $script:moduleFolder 'libLibTorchSharp.so')
        @($need).Count | Should -Be 1
        $need.File | Should -Be 'libstdc++.so.6'
        [bool]($need.Flags -band 0x2) | Should -Be (-not $script:systemHasIt)
    }

    It 'leaves the NuGet cache''s copy untouched (not weak)' {
        $script:cached | Should -Exist
        $need = Get-Need $script:cached
        @($need).Count | Should -Be 1
        $need.Flags -band 0x2 | Should -Be 0
    }

    It 'changes nothing in the module''s copy but that one flag' {
        $module = [System.IO.File]::ReadAllBytes((Join-Path $script:moduleFolder 'libLibTorchSharp.so'))
        $pristine = [System.IO.File]::ReadAllBytes($script:cached)
        $module.Length | Should -Be $pristine.Length
        $expected = [byte[]]$pristine.Clone()
        if (-not $script:systemHasIt) { $expected[(Get-Need $script:cached).FlagOffset] = $pristine[(Get-Need $script:cached).FlagOffset] -bor 0x2 }
        [System.Linq.Enumerable]::SequenceEqual($module, $expected) | Should -BeTrue
    }
}

Describe 'The import-time check of the platform and the native libraries' {
    BeforeAll {
        # A copy of the built module whose files are hard links (copies where links cannot be made), except the
        # ones given, which are left out or written afresh: writing through a link would change the build itself.
        function New-ModuleCopy([string] $Name, [string[]] $Without = @(), [hashtable] $Replace = @{}) {
            $copy = Join-Path $TestDrive $Name
            New-Item -ItemType Directory $copy | Out-Null
            Get-ChildItem $script:moduleFolder -Directory | Copy-Item -Destination $copy -Recurse
            foreach ($file in Get-ChildItem $script:moduleFolder -File) {
                if ($file.Name -in $Without -or $Replace.ContainsKey($file.Name)) { continue }
                $target = Join-Path $copy $file.Name
                try { New-Item -ItemType HardLink -Path $target -Target $file.FullName -ErrorAction Stop | Out-Null }
                catch { Copy-Item $file.FullName $target }
            }
            foreach ($name in $Replace.Keys) { [System.IO.File]::WriteAllBytes((Join-Path $copy $name), [byte[]]$Replace[$name]) }
            return $copy
        }
        # Imports a module folder in a fresh pwsh and returns the error's id, category, message and advice as lines.
        # NUGET_PACKAGES is the real cache: TorchSharp would copy libtorch out of it, so the check must stop first.
        function Get-ImportError([string] $Folder) {
            Invoke-FreshPwsh -Script @"
try { Import-Module '$(Join-Path $Folder 'ContrastiveRec.psd1')' -ErrorAction Stop; 'IMPORTED' }
catch {
    'ID ' + `$_.FullyQualifiedErrorId
    'CATEGORY ' + `$_.CategoryInfo.Category
    'MESSAGE ' + `$_.ErrorDetails.Message
    'ADVICE ' + `$_.ErrorDetails.RecommendedAction
}
'LOADED ' + [bool](Get-Module ContrastiveRec)
"@
        }
        $script:runtime = (Get-Content -Raw (Join-Path $script:moduleFolder 'ContrastiveRec.Runtime.json') | ConvertFrom-Json).Runtime
        $script:torchCpu = @((Get-Content -Raw (Join-Path $script:moduleFolder 'ContrastiveRec.Runtime.json') | ConvertFrom-Json).Libraries) -match 'torch_cpu' | Select-Object -First 1
    }

    It 'records the runtime the module was built for, which is this machine''s' {
        $script:runtime | Should -Be ([System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier)
    }

    It 'stops the import when libtorch_cpu is missing, naming it and what to do, even with a NuGet cache TorchSharp could copy from' {
        $copy = New-ModuleCopy 'no-torch' -Without $script:torchCpu
        $out = Get-ImportError $copy
        $out | Should -Contain 'ID ContrastiveRec.NativeLibraryMissing,Microsoft.PowerShell.Commands.ImportModuleCommand'
        $out | Should -Contain 'CATEGORY NotInstalled'
        ($out -match '^MESSAGE ') | Should -Match ([regex]::Escape("lacks $($script:torchCpu)"))
        ($out -match '^ADVICE ') | Should -Match ([regex]::Escape("Install-PSResource ContrastiveRec -Reinstall"))
        ($out -match '^ADVICE ') | Should -Match ([regex]::Escape("build.ps1 -Task Package -Runtime $($script:runtime)"))
        $out | Should -Contain 'LOADED False'
        Get-ChildItem $copy -Recurse -Directory -Filter cpu | Should -BeNullOrEmpty
    }

    It 'stops the import of a build for another platform, saying which platform it supports and what to install or build' {
        $other = if ($script:runtime -eq 'win-x64') { 'linux-x64' } else { 'win-x64' }
        $marker = (Get-Content -Raw (Join-Path $script:moduleFolder 'ContrastiveRec.Runtime.json')) -replace [regex]::Escape("`"$($script:runtime)`""), "`"$other`""
        $copy = New-ModuleCopy 'other-platform' -Replace @{ 'ContrastiveRec.Runtime.json' = [System.Text.Encoding]::UTF8.GetBytes($marker) }
        $out = Get-ImportError $copy
        $out | Should -Contain 'ID ContrastiveRec.UnsupportedPlatform,Microsoft.PowerShell.Commands.ImportModuleCommand'
        $out | Should -Contain "MESSAGE This ContrastiveRec was built for $other (its libtorch is that platform's); this machine is $($script:runtime)."
        $out | Should -Contain "ADVICE Install the $($script:runtime) package of ContrastiveRec, or build it from the repository: ./build.ps1 -Task Package -Runtime $($script:runtime)."
        $out | Should -Contain 'LOADED False'
    }

    It 'stops the import when a native library is there but does not load, with the loader''s reason' {
        $c10 = @((Get-Content -Raw (Join-Path $script:moduleFolder 'ContrastiveRec.Runtime.json') | ConvertFrom-Json).Libraries) -match 'c10' | Select-Object -First 1
        $copy = New-ModuleCopy 'broken-c10' -Replace @{ $c10 = [System.Text.Encoding]::ASCII.GetBytes('not a library') }
        $out = Get-ImportError $copy
        $out | Should -Contain 'ID ContrastiveRec.NativeLibraryLoadFailed,Microsoft.PowerShell.Commands.ImportModuleCommand'
        # The loader's own reason, naming the library it could not map ("libc10.so: file too short").
        ($out -match '^MESSAGE ') | Should -Match ("did not load: .*" + [regex]::Escape("${c10}: "))
        ($out -match '^MESSAGE ') | Should -Not -Match 'LD_DEBUG'
        $out | Should -Contain 'LOADED False'
        # The original build is untouched by the copy's broken file.
        (Get-Item (Join-Path $script:moduleFolder $c10)).Length | Should -BeGreaterThan 1MB
    }
}
