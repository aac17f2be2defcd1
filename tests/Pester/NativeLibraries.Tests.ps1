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
