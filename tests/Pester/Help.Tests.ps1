BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifest = Import-PowerShellDataFile (Get-BuiltModulePath)
    $script:cmdlets = $manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
}

Describe 'Get-Help for <Name>' -ForEach $script:cmdlets {
    BeforeAll {
        $script:help = Get-Help $Name -Full
        $script:command = Get-Command $Name
    }

    It 'is exported by the module' {
        $script:command.Module.Name | Should -Be 'ContrastiveRec'
    }

    It 'has a synopsis and a description of its own' {
        $script:help.Synopsis | Should -Not -BeNullOrEmpty
        $script:help.Synopsis | Should -Not -Match "^\s*$Name\s"
        ($script:help.Description.Text -join ' ').Length | Should -BeGreaterThan 80
    }

    It 'describes every parameter' {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        foreach ($p in $script:command.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $described = $script:help.Parameters.Parameter | Where-Object Name -EQ $p
            ($described.Description.Text -join ' ') | Should -Not -BeNullOrEmpty -Because "-$p needs a description"
        }
    }

    It 'has at least two examples with remarks' {
        @($script:help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($e in $script:help.Examples.Example) { ($e.Remarks.Text -join ' ') | Should -Not -BeNullOrEmpty }
    }

    It 'has examples that run without error' {
        Push-Location TestDrive:
        try {
            foreach ($e in $script:help.Examples.Example) {
                $ErrorActionPreference = 'Stop'
                { $null = & ([scriptblock]::Create($e.Code)) } | Should -Not -Throw -Because $e.Code
            }
        }
        finally { Pop-Location }
    }
}
