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
