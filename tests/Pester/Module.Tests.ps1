BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:built = Get-BuiltModulePath
    $script:module = Import-Module $script:built -Force -PassThru
}

Describe 'The module manifest' {
    It 'exports exactly the cmdlets the binary defines, listed by name' {
        $manifest = Import-PowerShellDataFile $script:built
        $manifest.CmdletsToExport | Should -Not -Contain '*'
        $defined = $script:module.ImplementingAssembly.GetExportedTypes() |
            Where-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" }
        ($manifest.CmdletsToExport | Sort-Object) | Should -Be ($defined | Sort-Object)
        ($script:module.ExportedCmdlets.Keys | Sort-Object) | Should -Be ($defined | Sort-Object)
    }

    It 'carries the version of the root manifest into the binaries' {
        $root = Import-PowerShellDataFile (Join-Path (Get-RepoRoot) 'ContrastiveRec.psd1')
        $script:module.Version | Should -Be ([version]$root.ModuleVersion)
        $script:module.ImplementingAssembly.GetName().Version.ToString(3) | Should -Be $root.ModuleVersion
    }

    It 'asks for the first PowerShell whose .NET runs the assemblies (7.4: .NET 8, 7.5: .NET 9, 7.6: .NET 10)' {
        $framework = $script:module.ImplementingAssembly.GetCustomAttributes([System.Runtime.Versioning.TargetFrameworkAttribute], $false)[0].FrameworkName
        $dotnet = [version]([regex]::Match($framework, 'Version=v([0-9.]+)').Groups[1].Value)
        $firstPowerShell = @{ 8 = '7.4'; 9 = '7.5'; 10 = '7.6' }[$dotnet.Major]
        $firstPowerShell | Should -Not -BeNullOrEmpty -Because "$framework needs an entry in this table"
        $script:module.PowerShellVersion | Should -Be ([version]$firstPowerShell)
        $script:module.CompatiblePSEditions | Should -Be @('Core')
    }

    It 'names its platform, licences and release notes, and ships the licence files it names' {
        $data = (Import-PowerShellDataFile $script:built).PrivateData.PSData
        $runtime = (Get-Content -Raw (Join-Path (Split-Path $script:built) 'ContrastiveRec.Runtime.json') | ConvertFrom-Json).Runtime
        $tag = (Import-PowerShellDataFile (Join-Path (Get-RepoRoot) 'build/NativeLibraries.psd1'))[$runtime].Tag
        $data.Tags | Should -Contain 'PSEdition_Core'
        $data.Tags | Should -Contain $tag
        @($data.Tags | Where-Object { $_ -in 'Linux', 'Windows', 'MacOS' }) | Should -HaveCount 1
        $data.LicenseUri | Should -Match 'MIT'
        $data.ReleaseNotes | Should -Match $script:module.Version.ToString()
        $script:module.Copyright | Should -Match 'GroupLens'
        $script:module.Copyright | Should -Match 'LICENSE-DATA.txt'
        $base = Split-Path $script:built
        Get-Content -Raw (Join-Path $base 'LICENSE') | Should -Match 'MIT License'
        Get-Content -Raw (Join-Path $base 'LICENSE-DATA.txt') | Should -Match 'commercial'
        Test-Path (Join-Path $base 'LICENSE-LIBTORCH.txt') | Should -BeTrue
    }

    It 'ships its format file and help beside the binaries' {
        $base = Split-Path $script:built
        Test-Path (Join-Path $base 'ContrastiveRec.Format.ps1xml') | Should -BeTrue
        Test-Path (Join-Path $base 'en-US/ContrastiveRec.PowerShell.dll-Help.xml') | Should -BeTrue
        Test-Path (Join-Path $base 'data/ml-latest-small/README.txt') | Should -BeTrue
    }

    It 'imports from the repository root through the root manifest' -Skip:($null -ne $env:CONTRASTIVEREC_MODULE) {
        $out = Invoke-FreshPwsh -Script @"
Set-Location '$(Get-RepoRoot)'
Import-Module ./ContrastiveRec.psd1 -ErrorAction Stop
(Get-Command -Module ContrastiveRec).Count
(Get-Help Import-MovieLens).Synopsis
(Import-MovieLens).RatingCount
"@
        [int]$out[0] | Should -Be @((Import-PowerShellDataFile $script:built).CmdletsToExport).Count
        $out[1] | Should -Match 'MovieLens'
        [int]$out[2] | Should -Be 100836
    }
}
