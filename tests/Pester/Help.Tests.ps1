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

Describe 'Help syntax and defaults of <Name>' -ForEach $script:cmdlets {
    BeforeAll {
        $script:help = Get-Help $Name -Full
        $script:command = Get-Command $Name
        $script:syntax = $script:help.Syntax | Out-String -Width 10000
    }

    It 'shows every switch in each parameter set''s syntax' {
        foreach ($set in $script:command.ParameterSets) {
            $item = @($script:help.Syntax.SyntaxItem)[$script:command.ParameterSets.IndexOf($set)]
            $common = [System.Management.Automation.Cmdlet]::CommonParameters
            $expected = $set.Parameters | Where-Object { $_.ParameterType -eq [switch] -and $_.Name -notin $common } | ForEach-Object Name
            foreach ($switch in $expected) { $item.Parameter.Name | Should -Contain $switch -Because "set $($set.Name) has -$switch" }
        }
    }

    It 'lists -WhatIf and -Confirm exactly when the cmdlet supports ShouldProcess' {
        $supports = ($script:command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true) | Select-Object -First 1).SupportsShouldProcess
        if ($supports) {
            $script:syntax | Should -Match '\[-WhatIf\] \[-Confirm\] \[<CommonParameters>\]'
            foreach ($risk in 'WhatIf', 'Confirm') {
                $p = $script:help.Parameters.Parameter | Where-Object Name -EQ $risk
                ($p.Description.Text -join ' ') | Should -Not -BeNullOrEmpty
                $p.Required | Should -Be 'false'
                $p.Aliases | Should -Be $(if ($risk -eq 'WhatIf') { 'wi' } else { 'cf' })
            }
        }
        else {
            $script:syntax | Should -Not -Match 'WhatIf|Confirm'
        }
    }

    It 'states no default for a parameter that is mandatory wherever it appears' {
        foreach ($p in $script:command.Parameters.Values) {
            if (@($p.ParameterSets.Values | Where-Object { -not $_.IsMandatory }).Count) { continue }
            ($script:help.Parameters.Parameter | Where-Object Name -EQ $p.Name).DefaultValue | Should -Be 'None' -Because "-$($p.Name) is mandatory"
        }
    }
}

Describe 'Training defaults in help' {
    BeforeDiscovery {
        # Which TrainingOptions property each parameter sets, and the objective or encoder it matters to ($null: all);
        # written here independently of the cmdlets' [TrainingDefault] attributes, so a wrong attribute fails. Every
        # case names both keys: Pester would otherwise leave the previous case's value in place.
        $script:trainingCases = @(
            @{ Parameter = 'Epochs'; Option = 'Epochs'; Objective = $null; Encoder = $null }
            @{ Parameter = 'BatchSize'; Option = 'BatchSize'; Objective = $null; Encoder = $null }
            @{ Parameter = 'LearningRate'; Option = 'LearningRate'; Objective = $null; Encoder = $null }
            @{ Parameter = 'Margin'; Option = 'Margin'; Objective = $null; Encoder = $null }
            @{ Parameter = 'Seed'; Option = 'Seed'; Objective = $null; Encoder = $null }
            @{ Parameter = 'EmbeddingSize'; Option = 'InputDim'; Objective = $null; Encoder = $null }
            @{ Parameter = 'HiddenSize'; Option = 'HiddenDim'; Objective = $null; Encoder = $null }
            @{ Parameter = 'LatentSize'; Option = 'LatentDim'; Objective = $null; Encoder = $null }
            @{ Parameter = 'Temperature'; Option = 'Temperature'; Objective = 'UserMovie'; Encoder = $null }
            @{ Parameter = 'PairWeight'; Option = 'PairWeight'; Objective = 'UserMovie'; Encoder = $null }
            @{ Parameter = 'WeightDecay'; Option = 'WeightDecay'; Objective = 'UserMovie'; Encoder = $null }
            @{ Parameter = 'DislikedWeight'; Option = 'DislikedWeight'; Objective = 'UserMovie'; Encoder = $null }
            @{ Parameter = 'InputDropout'; Option = 'InputDropout'; Encoder = 'Profile'; Objective = $null }
            @{ Parameter = 'Layers'; Option = 'Layers'; Encoder = 'Graph'; Objective = $null }
            @{ Parameter = 'ContrastWeight'; Option = 'ContrastWeight'; Encoder = 'Graph'; Objective = $null }
            @{ Parameter = 'NoiseScale'; Option = 'NoiseScale'; Encoder = 'Graph'; Objective = $null }
        )
    }

    BeforeAll {
        # The runs the core trains, with their defaults: UserUser with the id encoder, UserMovie with each encoder.
        $script:runs = foreach ($objective in [Enum]::GetValues([ContrastiveRec.Training.TrainingObjective])) {
            foreach ($encoder in [Enum]::GetValues([ContrastiveRec.Training.EncoderKind])) {
                try { [pscustomobject]@{ Objective = "$objective"; Encoder = "$encoder"; Options = [ContrastiveRec.Training.TrainingOptions]::Defaults($objective, $encoder) } }
                catch [ContrastiveRec.ContrastiveRecException] { }
            }
        }
        function Get-StatedDefault([string] $Text, $Run) {
            # "UserUser: 20; UserMovie (Id): 60; ..." or "UserMovie: 64; ..." or a lone value for every run.
            $entries = $Text -split '; '
            if ($entries.Count -eq 1 -and $Text -notmatch ': ') { return $Text }
            foreach ($e in $entries) {
                $label, $value = $e -split ': ', 2
                if ($label -eq "$($Run.Objective) ($($Run.Encoder))" -or $label -eq $Run.Objective) { return $value }
            }
        }
    }

    It 'Invoke-EncoderTraining -<Parameter> states TrainingOptions.Defaults for every run it matters to' -ForEach $script:trainingCases {
        $text = (Get-Help Invoke-EncoderTraining -Parameter $Parameter).DefaultValue
        $text | Should -Not -Be 'None'
        foreach ($run in $script:runs) {
            $applies = (-not $Objective -or $run.Objective -eq $Objective) -and (-not $Encoder -or $run.Encoder -eq $Encoder)
            $stated = Get-StatedDefault $text $run
            if (-not $applies) {
                # A lone value is said for the runs it matters to; a list must not name the others.
                if ($text -match ': ') { $stated | Should -BeNullOrEmpty -Because "$Parameter does not matter to $($run.Objective) ($($run.Encoder))" }
                continue
            }
            $stated | Should -Not -BeNullOrEmpty -Because "'$text' must give $($run.Objective) ($($run.Encoder))"
            [double]$stated | Should -Be ([double]$run.Options.$Option) -Because "'$text' for $($run.Objective) ($($run.Encoder))"
        }
    }

    It 'differs by objective where the core''s defaults do (the issue''s example: -Epochs)' {
        (Get-Help Invoke-EncoderTraining -Parameter Epochs).DefaultValue | Should -Match '^UserUser: 20; UserMovie \(Id\): \d+; UserMovie \(Profile\): \d+; UserMovie \(Graph\): \d+$'
        (Get-Help Invoke-EncoderTraining -Parameter Temperature).DefaultValue | Should -Not -Match 'UserUser'
    }

    It 'Invoke-StrategyComparison states the study''s defaults for its strategies and UserMovie''s for -UserMovieEpochs' {
        $study = [ContrastiveRec.Training.TrainingOptions]::Defaults('UserUser', 'Id')
        [double](Get-Help Invoke-StrategyComparison -Parameter Epochs).DefaultValue | Should -Be $study.Epochs
        [double](Get-Help Invoke-StrategyComparison -Parameter LearningRate).DefaultValue | Should -Be $study.LearningRate
        $userMovie = (Get-Help Invoke-StrategyComparison -Parameter UserMovieEpochs).DefaultValue
        foreach ($encoder in 'Id', 'Profile', 'Graph') {
            $userMovie | Should -Match "UserMovie \($encoder\): $([ContrastiveRec.Training.TrainingOptions]::Defaults('UserMovie', $encoder).Epochs)(;|$)"
        }
    }

    It 'New-PairStrategy -<Setting> states its value for each preset' -ForEach @(
        @{ Setting = 'LikeThreshold' }, @{ Setting = 'DislikeThreshold' }, @{ Setting = 'PopularityThreshold' }, @{ Setting = 'MinLikers' }
    ) {
        # "Presets 1-3: 3.5; Preset 4: 4", "Presets 2, 4: 100; Presets 1, 3: none" or "10 (every preset)".
        $text = (Get-Help New-PairStrategy -Parameter $Setting).DefaultValue
        $stated = @{}
        foreach ($entry in $text -split '; ') {
            if ($entry -match '^(.+) \(every preset\)$') { 1..4 | ForEach-Object { $stated[$_] = $Matches[1] }; continue }
            $label, $value = $entry -split ': ', 2
            $presets = if ($label -match '(\d)-(\d)') { [int]$Matches[1]..[int]$Matches[2] } else { [regex]::Matches($label, '\d') | ForEach-Object { [int]$_.Value } }
            foreach ($n in $presets) { $stated[$n] = $value }
        }
        foreach ($n in 1..4) {
            $actual = [ContrastiveRec.Pairs.PairStrategy]::FromPreset($n).$Setting
            $expected = if ($null -eq $actual) { 'none' } else { [string]$actual }
            $stated[$n] | Should -Be $expected -Because "'$text' for preset $n"
        }
    }
}

Describe 'about_ContrastiveRec' {
    BeforeAll {
        $script:about = Get-Help about_ContrastiveRec -ErrorAction Stop | Out-String
    }

    It 'is found by Get-Help after Import-Module' {
        $script:about | Should -Match 'TOPIC\s+about_ContrastiveRec'
        foreach ($section in 'IMPORT', 'TRAIN', 'RECOMMEND', 'EVALUATE', 'COMPARE', 'VISUALISE', 'SAVE AND LOAD') {
            $script:about | Should -Match "(?m)^$section\s*$"
        }
    }

    It 'has workflows that run as typed, in order, in one session' {
        $lines = $script:about -split '\r?\n' | Where-Object { $_ -match '^\s+PS> ' } | ForEach-Object { $_ -replace '^\s+PS> ', '' }
        $lines.Count | Should -BeGreaterThan 15
        Push-Location TestDrive:
        try {
            # One script, so each line sees the variables of the lines before it, as at a prompt.
            $ErrorActionPreference = 'Stop'
            $null = & ([scriptblock]::Create($lines -join "`n"))
            'recall.png', 'users.png', 's4.crec' | ForEach-Object { Join-Path $TestDrive $_ | Should -Exist }
        }
        finally { Pop-Location }
    }
}
