BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifest = Import-PowerShellDataFile (Get-BuiltModulePath)
    $script:cmdlets = $manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force

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

    It 'Invoke-StrategyComparison states every row''s epochs for -Epochs, the study''s defaults for its other training parameters and UserMovie''s for -UserMovieEpochs' {
        # -Epochs is every trained row's (the UserMovie rows' too); -LearningRate and the rest, the strategies' only.
        $study = [ContrastiveRec.Training.TrainingOptions]::Defaults('UserUser', 'Id')
        $epochs = (Get-Help Invoke-StrategyComparison -Parameter Epochs).DefaultValue
        $epochs | Should -Match "^UserUser: $($study.Epochs); "
        [double](Get-Help Invoke-StrategyComparison -Parameter LearningRate).DefaultValue | Should -Be $study.LearningRate
        $userMovie = (Get-Help Invoke-StrategyComparison -Parameter UserMovieEpochs).DefaultValue
        foreach ($encoder in 'Id', 'Profile', 'Graph') {
            $expected = "UserMovie \($encoder\): $([ContrastiveRec.Training.TrainingOptions]::Defaults('UserMovie', $encoder).Epochs)(;|$)"
            $userMovie | Should -Match $expected
            $epochs | Should -Match $expected
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

Describe 'Every help default is the default the cmdlet uses' {
    BeforeAll {
        # Literal defaults a cmdlet holds as its own, because the core has no such setting; any other literal default
        # must come from the core through [CoreDefault] or [TrainingDefault], so that help and core cannot drift.
        $script:cmdletOwned = @{
            'Export-RecallChart' = @('Protocol') # which of the recall results piped in to draw; the core draws what it is given
        }

        function Format-Default($Value) {
            # What help should say for a value: a preset's number, a switch's state, the items of a list, None when unset.
            if ($Value -is [ContrastiveRec.Pairs.PairStrategy]) { return "$($Value.Preset)" }
            if ($Value -is [switch]) { return "$($Value.IsPresent)" }
            $items = @(foreach ($v in @($Value)) {
                if ($null -eq $v) { continue }
                if ($v -is [double]) { $v.ToString([cultureinfo]::InvariantCulture) } else { "$v" }
            })
            if ($items.Count) { $items -join ', ' } else { 'None' }
        }

        function Get-CoreValue($Attribute) {
            # The core member a [CoreDefault] names, read here rather than through the attribute's own Value.
            $flags = [System.Reflection.BindingFlags]'Public, Static, Instance'
            $field = $Attribute.Owner.GetField($Attribute.Member, $flags)
            $member = if ($field) { $field } else { $Attribute.Owner.GetProperty($Attribute.Member, $flags) }
            if (-not $member) { throw "$($Attribute.Owner.Name) has no member $($Attribute.Member)" }
            $static = if ($field) { $field.IsStatic } else { $member.GetMethod.IsStatic }
            $member.GetValue($(if ($static) { $null } else { [Activator]::CreateInstance($Attribute.Owner) }))
        }

        function Get-DefaultMismatch {
            <# Each parameter of -Command whose stated default (-Stated, by name) is not what the cmdlet uses when the
               parameter is left out: its initial value, else the core's value its attribute names. #>
            param($Command, [hashtable] $Stated, [string[]] $Worded = @(), [string[]] $Owned = @())
            $instance = [Activator]::CreateInstance($Command.ImplementingType)
            $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
            foreach ($p in $Command.Parameters.Values | Where-Object Name -NotIn $common) {
                $name = $p.Name
                $property = $Command.ImplementingType.GetProperty($name)
                $initial = $property.GetValue($instance)
                $said = $Stated[$name]
                $core = $property.GetCustomAttributes([ContrastiveRec.PowerShell.CoreDefaultAttribute], $true) | Select-Object -First 1
                $training = $property.GetCustomAttributes([ContrastiveRec.PowerShell.TrainingDefaultAttribute], $true) | Select-Object -First 1
                if (@($p.ParameterSets.Values | Where-Object { -not $_.IsMandatory }).Count -eq 0) {
                    if ($said -ne 'None') { "-$name is mandatory, yet help states '$said'" }
                }
                elseif ($training) {
                    # The cmdlet falls back to TrainingOptions.Defaults of the run only when the parameter is unset.
                    if ($null -ne $initial) { "-$name starts at $(Format-Default $initial), not the core's TrainingOptions.$($training.Option)" }
                    $scope = $Command.ImplementingType.GetCustomAttributes([ContrastiveRec.PowerShell.TrainingDefaultScopeAttribute], $true) | Select-Object -First 1
                    $objectives = if ($training.Objectives.Count) { "$($training.Objectives)" -split ' ' } elseif ($scope -and $name -notin $scope.AllObjectives) { "$($scope.Objectives)" -split ' ' } else { $script:runs.Objective }
                    $encoders = if ($training.Encoders.Count) { "$($training.Encoders)" -split ' ' } else { $script:runs.Encoder }
                    foreach ($run in $script:runs | Where-Object { $_.Objective -in $objectives -and $_.Encoder -in $encoders }) {
                        $value = Get-StatedDefault $said $run
                        $expected = Format-Default $run.Options.($training.Option)
                        if ($value -ne $expected) { "-$name for $($run.Objective) ($($run.Encoder)): help states '$value', the core's TrainingOptions.$($training.Option) is $expected" }
                    }
                }
                elseif ($core) {
                    $coreText = Format-Default (Get-CoreValue $core)
                    $used = if ($null -ne $initial) { Format-Default $initial } else { $coreText }
                    if ($used -ne $coreText) { "-$name starts at $used, but its core default $($core.Owner.Name).$($core.Member) is $coreText" }
                    if ($said -ne $used) { "-$name uses $used when left out, but help states '$said'" }
                }
                elseif ($name -in $Worded) {
                    # A default decided at run time, in words: they must be there, whole.
                    if (-not $said -or $said -eq 'None' -or $said -match '\{\{') { "-$name has words for its default, but help states '$said'" }
                }
                else {
                    $used = Format-Default $initial
                    if ($said -ne $used) { "-$name uses $used when left out, but help states '$said'" }
                    if ($used -notin 'None', 'False' -and $name -notin $Owned) {
                        "-$name holds its own default ($used): take it from the core with [CoreDefault], or list it as the cmdlet's own"
                    }
                }
            }
        }
    }

    It '<Name> states, for every parameter, the default it uses' -ForEach $script:cmdlets {
        $command = Get-Command $Name
        $stated = @{}
        foreach ($p in (Get-Help $Name -Full).Parameters.Parameter) { $stated[$p.Name] = "$($p.DefaultValue)" }
        $doc = Import-PowerShellDataFile (Join-Path (Get-RepoRoot) "module/help/$Name.help.psd1")
        $worded = if ($doc.Defaults) { @($doc.Defaults.Keys) } else { @() }
        $mismatches = @(Get-DefaultMismatch $command $stated $worded $script:cmdletOwned[$Name])
        $mismatches | Should -BeNullOrEmpty -Because ($mismatches -join '; ')
    }

    It 'no parameter description restates a default (the Default value field states it from the core)' {
        foreach ($file in Get-ChildItem (Join-Path (Get-RepoRoot) 'module/help') -Filter '*.help.psd1') {
            $doc = Import-PowerShellDataFile $file.FullName
            foreach ($entry in $doc.Parameters.GetEnumerator()) {
                "$($entry.Value)" | Should -Not -Match '\bDefault:? \d' -Because "$($file.Name) -$($entry.Key) would drift from the core"
            }
        }
    }

    It 'fails on a planted mismatch: a [CoreDefault] parameter given its own value, and a literal the core should hold' {
        $source = @'
using System.Management.Automation;
using ContrastiveRec.Analysis;
using ContrastiveRec.PowerShell;

[Cmdlet("Test", "PlantedDefault")]
public sealed class TestPlantedDefaultCommand : PSCmdlet
{
    // Someone adds "= 20" to a parameter whose core default is 30: the cmdlet would use 20, while help says 30.
    [Parameter]
    [CoreDefault(typeof(TsneOptions), nameof(TsneOptions.DefaultPerplexity))]
    public double? Perplexity { get; set; } = 20;

    // Left unset, as it should be: the core's 1000.
    [Parameter]
    [CoreDefault(typeof(TsneOptions), nameof(TsneOptions.Iterations))]
    public int? Iterations { get; set; }

    // A literal of the cmdlet's own, that help states truly but the core should hold.
    [Parameter]
    public int Top { get; set; } = 7;
}
'@
        $references = [ContrastiveRec.Analysis.TsneOptions].Assembly.Location, [ContrastiveRec.PowerShell.CoreDefaultAttribute].Assembly.Location,
            [System.Management.Automation.PSCmdlet].Assembly.Location
        $type = Add-Type -TypeDefinition $source -ReferencedAssemblies $references -PassThru | Where-Object Name -EQ 'TestPlantedDefaultCommand'
        $module = Import-Module -Assembly $type.Assembly -PassThru -Force
        try {
            $command = Get-Command Test-PlantedDefault
            # What the help generator would state for each parameter.
            . (Join-Path (Get-RepoRoot) 'build/HelpGenerator.ps1')
            $instance = [Activator]::CreateInstance($type)
            $stated = @{}
            $common = [System.Management.Automation.Cmdlet]::CommonParameters
            foreach ($p in $command.Parameters.Values | Where-Object Name -NotIn $common) { $stated[$p.Name] = Get-DefaultText $command $p @{} $instance }
            $stated.Perplexity | Should -Be '30'
            $stated.Iterations | Should -Be '1000'

            # The planted 20 differs from the core and from what help states; the literal 7 has no home in the core.
            $found = @(Get-DefaultMismatch $command $stated)
            $found | Should -HaveCount 3
            $found | Should -Contain '-Perplexity starts at 20, but its core default TsneOptions.DefaultPerplexity is 30'
            $found | Should -Contain "-Perplexity uses 20 when left out, but help states '30'"
            $found | Where-Object { $_ -match '^-Top holds its own default \(7\)' } | Should -HaveCount 1
            $found | Where-Object { $_ -match 'Iterations' } | Should -BeNullOrEmpty
            # Listed as the cmdlet's own, the literal is accepted; the planted 20 never is.
            @(Get-DefaultMismatch $command $stated -Owned 'Top') | Should -HaveCount 2
        }
        finally { Remove-Module $module -ErrorAction SilentlyContinue }
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
