# Generates the module's MAML help (en-US/ContrastiveRec.PowerShell.dll-Help.xml) from two sources:
# the cmdlets' own metadata (syntax, parameter types, positions, pipeline input) read from the built
# module, and the prose in module/help/<Cmdlet>.help.psd1. A cmdlet or parameter without prose fails the build.
# Prose may name facts of the built core as {{Fact}} (see Get-HelpFact), so lists such as the comparison's models
# are written once, in the code; {{Preset.Property}} gives a PairStrategy setting per preset.
# Defaults: a mandatory parameter has none; a training parameter marked [TrainingDefault] gets the core's default per
# objective and encoder (TrainingOptions.Defaults); one marked [CoreDefault] gets the core member it names (an options
# record's default, a constant); a psd1's Defaults table words what a value cannot say (a default decided at run time);
# otherwise the cmdlet's own initial value. Help.Tests.ps1 holds every stated default to what the cmdlet uses.
# Cmdlets that support ShouldProcess list -WhatIf and -Confirm, in the syntax and among the parameters, as PowerShell's
# own cmdlets do.

function New-MamlHelp {
    param(
        [Parameter(Mandatory)][string] $ModuleManifest,
        [Parameter(Mandatory)][string] $SourceFolder,
        [Parameter(Mandatory)][string] $OutFile
    )
    $module = Import-Module $ModuleManifest -PassThru -Force
    $script:HelpFacts = Get-HelpFact
    $ns = @{
        maml    = 'http://schemas.microsoft.com/maml/2004/10'
        command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
        dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    }
    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
    $temp = "$OutFile.tmp"
    New-Item -ItemType Directory -Force (Split-Path $OutFile) | Out-Null
    $w = [System.Xml.XmlWriter]::Create($temp, $settings)
    $problems = [System.Collections.Generic.List[string]]::new()
    try {
        $w.WriteStartDocument()
        $w.WriteStartElement('helpItems', 'http://msh')
        $w.WriteAttributeString('schema', 'maml')
        foreach ($cmd in $module.ExportedCmdlets.Values | Sort-Object Name) {
            $sourcePath = Join-Path $SourceFolder "$($cmd.Name).help.psd1"
            if (-not (Test-Path $sourcePath)) { $problems.Add("$($cmd.Name): no $sourcePath"); continue }
            $doc = Import-PowerShellDataFile $sourcePath
            Write-CommandHelp -Writer $w -Command $cmd -Doc $doc -Ns $ns -Problems $problems
        }
        $w.WriteEndElement()
        $w.WriteEndDocument()
    }
    finally { $w.Dispose() }
    if ($problems.Count) {
        Remove-Item $temp
        throw "Help is incomplete:`n  $($problems -join "`n  ")"
    }
    Move-Item $temp $OutFile -Force
}

function Get-HelpFact {
    # The comparison's model list, as Invoke-StrategyComparison runs it with and without -StudyOnly, the registry's
    # baseline kinds, and core constants that prose and worded defaults name.
    $ErrorActionPreference = 'Stop'
    $kinds = @([ContrastiveRec.Recommendation.RecommenderRegistry]::Baselines | ForEach-Object { "$($_.Kind)" })
    $all = [ContrastiveRec.Experiments.ComparisonModels]::For([ContrastiveRec.Experiments.ComparisonOptions]::new())
    $names = { param([ContrastiveRec.Experiments.ComparisonModel[]] $Models) [ContrastiveRec.Experiments.ComparisonModels]::Names($Models) }
    $invariant = [cultureinfo]::InvariantCulture
    # The movies up to which ItemKnn keeps all pairs: 8 bytes a pair within its budget.
    $allPairsMovies = [math]::Floor([math]::Sqrt([ContrastiveRec.Recommendation.ItemKnnRecommender]::AllNeighborsBudget / 8))
    @{
        ComparisonModels          = & $names $all
        StudyModels               = & $names @($all | Where-Object InStudy)
        BeyondStudyModels         = & $names @($all | Where-Object InStudy -EQ $false)
        BaselineKinds             = ($kinds[0..($kinds.Count - 2)] -join ', ') + ' or ' + $kinds[-1]
        RowWiseAutomaticAbove     = ([ContrastiveRec.Training.TrainingOptions]::RowWiseAutomaticAbove).ToString('N0', $invariant)
        SearchRandomTrials        = "$([ContrastiveRec.Experiments.ParameterSearch]::DefaultRandomTrials)"
        EaseLambdas               = (@([ContrastiveRec.Experiments.BaselineTuning]::EaseLambdas | ForEach-Object { $_.ToString('N0', $invariant) }) -join ', ')
        ItemKnnDefaultNeighbors   = "$([ContrastiveRec.Recommendation.ItemKnnRecommender]::DefaultNeighbors)"
        ItemKnnAllNeighborsMovies = $allPairsMovies.ToString('N0', $invariant)
        NewcomerUserId            = "$([ContrastiveRec.Recommendation.NewcomerRecommender]::DefaultUserId)"
        ClusterMinLikes           = "$([ContrastiveRec.Analysis.ClusterTopMovies]::DefaultMinLikes)"
        ClusterMinLikeShare       = ([ContrastiveRec.Analysis.ClusterTopMovies]::DefaultMinLikeShare).ToString('P0', $invariant)
        # The baselines that compare movies, or users, as the registry says (Get-SimilarMovie, Get-SimilarUser).
        SimilarMovieBaselines     = Join-Name @([ContrastiveRec.Recommendation.RecommenderRegistry]::Baselines | Where-Object FindsSimilarMovies | ForEach-Object Name)
        SimilarUserBaselines      = Join-Name @([ContrastiveRec.Recommendation.RecommenderRegistry]::Baselines | Where-Object FindsSimilarUsers | ForEach-Object Name)
    }
}

function Join-Name([string[]] $Names) {
    # "UserKnn", "ItemKnn and EASE", "A, B and C".
    if ($Names.Count -le 1) { return "$Names" }
    ($Names[0..($Names.Count - 2)] -join ', ') + ' and ' + $Names[-1]
}

function Expand-HelpFact([string] $Text) {
    foreach ($fact in $script:HelpFacts.GetEnumerator()) { $Text = $Text.Replace("{{$($fact.Key)}}", $fact.Value) }
    $Text = [regex]::Replace($Text, '\{\{Preset\.(\w+)\}\}', { param($m) Get-PresetSetting $m.Groups[1].Value })
    if ($Text -match '\{\{([\w.]+)\}\}') { throw "Help names an unknown fact {{$($Matches[1])}}." }
    $Text
}

function Format-HelpValue($Value) {
    if ($null -eq $Value) { return 'none' }
    if ($Value -is [double] -or $Value -is [single]) { return $Value.ToString('R', [cultureinfo]::InvariantCulture) }
    [string]$Value
}

function Format-DefaultValue($Default) {
    # A parameter's default as help states it: a preset's number, a switch's state, a list's items, 'None' when unset.
    if ($Default -is [ContrastiveRec.Pairs.PairStrategy] -and $Default.Preset) { return "$($Default.Preset)" }
    if ($Default -is [switch]) { return "$($Default.IsPresent)" }
    $isEmpty = $null -eq $Default -or ($Default -is [System.Collections.IEnumerable] -and $Default -isnot [string] -and @($Default).Count -eq 0)
    if ($isEmpty) { 'None' } else { (@($Default) | ForEach-Object { Format-HelpValue $_ }) -join ', ' }
}

function Group-InOrder {
    # Group-Object sorts its groups; help lists them in the order they come (presets 1-4, UserUser before UserMovie).
    param([object[]] $Items, [scriptblock] $Key)
    $groups = [ordered]@{}
    foreach ($item in $Items) {
        $k = "$(& $Key $item)"
        if (-not $groups.Contains($k)) { $groups[$k] = [System.Collections.Generic.List[object]]::new() }
        $groups[$k].Add($item)
    }
    foreach ($k in $groups.Keys) { [pscustomobject]@{ Name = $k; Group = $groups[$k].ToArray() } }
}

function Join-ByValue {
    # Labelled values, those with equal values named together: "1-3: 3.5; 4: 4", or the value alone when all agree.
    param([object[]] $Entries, [scriptblock] $JoinLabels)
    $groups = @(Group-InOrder $Entries { param($e) Format-HelpValue $e.Value })
    if ($groups.Count -eq 1) { return $groups[0].Name }
    ($groups | ForEach-Object { "$(& $JoinLabels @($_.Group.Label)): $($_.Name)" }) -join '; '
}

function Get-PresetSetting([string] $Property) {
    # A PairStrategy setting of each of the study's presets, e.g. LikeThreshold -> "Presets 1-3: 3.5; Preset 4: 4".
    $entries = foreach ($n in 1..4) {
        $preset = [ContrastiveRec.Pairs.PairStrategy]::FromPreset($n)
        if (-not $preset.PSObject.Properties[$Property]) { throw "Help names {{Preset.$Property}}, which PairStrategy does not have." }
        [pscustomobject]@{ Label = $n; Value = $preset.$Property }
    }
    $text = Join-ByValue $entries {
        param([object[]] $Labels)
        $span = if ($Labels.Count -gt 2 -and ($Labels[-1] - $Labels[0]) -eq $Labels.Count - 1) { "$($Labels[0])-$($Labels[-1])" } else { $Labels -join ', ' }
        $(if ($Labels.Count -gt 1) { "Presets $span" } else { "Preset $span" })
    }
    if ($text -notmatch ':') { "$text (every preset)" } else { $text }
}

function Get-TrainedRun {
    # Every objective and encoder the core trains, with its defaults (it refuses UserUser with Profile or Graph), and
    # a label: the objective alone where it trains one encoder.
    foreach ($objective in [Enum]::GetValues([ContrastiveRec.Training.TrainingObjective])) {
        $valid = @(foreach ($encoder in [Enum]::GetValues([ContrastiveRec.Training.EncoderKind])) {
            try { [pscustomobject]@{ Objective = $objective; Encoder = $encoder; Options = [ContrastiveRec.Training.TrainingOptions]::Defaults($objective, $encoder) } }
            catch [ContrastiveRec.ContrastiveRecException] { }
        })
        foreach ($run in $valid) {
            $run | Add-Member -PassThru Label $(if ($valid.Count -eq 1) { "$objective" } else { "$objective ($($run.Encoder))" })
        }
    }
}

function Get-TrainingDefault {
    # The core's default of a [TrainingDefault] parameter for each run it matters to, read from TrainingOptions.Defaults:
    # "UserUser: 20; UserMovie (Id): 60; UserMovie (Profile): 50; UserMovie (Graph): 60"; "UserUser: 512; UserMovie: 64"
    # where an objective's encoders agree; the value alone where all agree.
    param($Attribute, [type] $CmdletType, [string] $ParameterName)
    $scope = $CmdletType.GetCustomAttributes([ContrastiveRec.PowerShell.TrainingDefaultScopeAttribute], $true) | Select-Object -First 1
    $scoped = $scope -and $ParameterName -notin $scope.AllObjectives
    $objectives = if ($Attribute.Objectives.Count) { $Attribute.Objectives } elseif ($scoped) { $scope.Objectives } else { [Enum]::GetValues([ContrastiveRec.Training.TrainingObjective]) }
    $encoders = if ($Attribute.Encoders.Count) { $Attribute.Encoders } else { [Enum]::GetValues([ContrastiveRec.Training.EncoderKind]) }
    $all = @(Get-TrainedRun)
    $runs = @($all | Where-Object { $_.Objective -in $objectives -and $_.Encoder -in $encoders })
    $option = $Attribute.Option
    if (-not $runs) { throw "[TrainingDefault('$option')] matters to no objective and encoder the core trains." }
    if (-not $runs[0].Options.PSObject.Properties[$option]) { throw "[TrainingDefault('$option')]: TrainingOptions has no such property." }
    $valuesOf = { param([object[]] $Of) @($Of | ForEach-Object { Format-HelpValue $_.Options.$option } | Sort-Object -Unique) }
    $values = @(& $valuesOf $runs)
    if ($values.Count -eq 1) { return $values[0] }
    $parts = foreach ($group in Group-InOrder $runs { param($r) $r.Objective }) {
        $trained = @($all | Where-Object Objective -EQ $group.Name)
        $agreed = @(& $valuesOf $group.Group)
        if ($trained.Count -gt 1 -and $group.Group.Count -eq $trained.Count -and $agreed.Count -eq 1) { "$($group.Name): $($agreed[0])" }
        else { $group.Group | ForEach-Object { "$($_.Label): $(Format-HelpValue $_.Options.$option)" } }
    }
    $parts -join '; '
}

function Get-DefaultText {
    # What the help's "Default value" says for one parameter (see the header).
    param($Command, $Parameter, [hashtable] $Doc, $Instance)
    $mandatoryEverywhere = @($Parameter.ParameterSets.Values | Where-Object { -not $_.IsMandatory }).Count -eq 0
    if ($mandatoryEverywhere) { return 'None' }
    $property = $Command.ImplementingType.GetProperty($Parameter.Name)
    $training = $property.GetCustomAttributes([ContrastiveRec.PowerShell.TrainingDefaultAttribute], $true) | Select-Object -First 1
    if ($training) { return Get-TrainingDefault $training $Command.ImplementingType $Parameter.Name }
    $core = $property.GetCustomAttributes([ContrastiveRec.PowerShell.CoreDefaultAttribute], $true) | Select-Object -First 1
    if ($core) { return Format-DefaultValue $core.Value }
    if ($Doc.Defaults -and $Doc.Defaults[$Parameter.Name]) { return Expand-HelpFact $Doc.Defaults[$Parameter.Name] }
    Format-DefaultValue $property.GetValue($Instance)
}

function Write-Para([System.Xml.XmlWriter] $W, [hashtable] $Ns, [string] $Text) {
    $Text = Expand-HelpFact $Text
    foreach ($para in ($Text.Trim() -split "(\r?\n){2,}" | Where-Object { $_.Trim() })) {
        $W.WriteElementString('para', $Ns.maml, ($para.Trim() -replace '\s*\r?\n\s*', ' '))
    }
}

function Write-Parameter {
    param($W, $Ns, $Parameter, $SetParameter, [string] $Description, [string] $Default)
    $pipeline = @()
    if ($SetParameter.ValueFromPipeline) { $pipeline += 'ByValue' }
    if ($SetParameter.ValueFromPipelineByPropertyName) { $pipeline += 'ByPropertyName' }
    $W.WriteStartElement('parameter', $Ns.command)
    $W.WriteAttributeString('required', $SetParameter.IsMandatory.ToString().ToLowerInvariant())
    $W.WriteAttributeString('position', $(if ($SetParameter.Position -ge 0) { "$($SetParameter.Position)" } else { 'named' }))
    $W.WriteAttributeString('pipelineInput', $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }))
    $W.WriteAttributeString('globbing', 'false')
    $W.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('name', $Ns.maml, $Parameter.Name)
    $W.WriteStartElement('description', $Ns.maml); Write-Para $W $Ns $Description; $W.WriteEndElement()
    $isSwitch = $Parameter.ParameterType -eq [switch]
    # An optional number (int?, unset by default) reads as the number it takes.
    $valueType = [Nullable]::GetUnderlyingType($Parameter.ParameterType) ?? $Parameter.ParameterType
    if (-not $isSwitch) {
        $W.WriteStartElement('parameterValue', $Ns.command)
        $W.WriteAttributeString('required', 'true')
        $W.WriteString($valueType.Name)
        $W.WriteEndElement()
    }
    $validSet = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
    $values = if ($validSet) { $validSet.ValidValues } elseif ($valueType.IsEnum) { [Enum]::GetNames($valueType) }
    if ($values) {
        $W.WriteStartElement('parameterValueGroup', $Ns.command)
        foreach ($v in $values) {
            $W.WriteStartElement('parameterValue', $Ns.command); $W.WriteAttributeString('required', 'false'); $W.WriteString($v); $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }
    $W.WriteStartElement('type', $Ns.dev); $W.WriteElementString('name', $Ns.maml, $valueType.FullName); $W.WriteEndElement()
    $W.WriteElementString('defaultValue', $Ns.dev, $Default)
    $W.WriteEndElement()
}

function Write-CommandHelp {
    param($Writer, $Command, [hashtable] $Doc, [hashtable] $Ns, $Problems)
    $w = $Writer
    $name = $Command.Name
    foreach ($key in 'Synopsis', 'Description', 'Examples') {
        if (-not $Doc[$key]) { $Problems.Add("$name`: no $key") }
    }
    if (@($Doc.Examples).Count -lt 2) { $Problems.Add("$name`: fewer than two examples") }
    # A fresh instance of the cmdlet class holds the parameters' initial values.
    $instance = [Activator]::CreateInstance($Command.ImplementingType)
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $own = $Command.Parameters.Values | Where-Object { $_.Name -notin $common }
    foreach ($p in $own) { if (-not $Doc.Parameters -or -not $Doc.Parameters[$p.Name]) { $Problems.Add("$name -$($p.Name): no description") } }
    if ($Doc.Defaults) {
        foreach ($key in $Doc.Defaults.Keys) { if ($key -notin $own.Name) { $Problems.Add("$name`: Defaults names -$key, which it does not have") } }
    }
    $defaults = @{}
    foreach ($p in $own) { $defaults[$p.Name] = Get-DefaultText $Command $p $Doc $instance }
    # -WhatIf and -Confirm, with the words PowerShell's own help gives them (a psd1 may say more).
    $cmdletAttribute = $Command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true) | Select-Object -First 1
    $shouldProcess = @(if ($cmdletAttribute.SupportsShouldProcess) {
        @{ Name = 'WhatIf'; Text = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.' }
        @{ Name = 'Confirm'; Text = 'Prompts you for confirmation before running the cmdlet.' }
    })
    $riskDescription = { param($risk) if ($Doc.Parameters -and $Doc.Parameters[$risk.Name]) { "$($Doc.Parameters[$risk.Name])" } else { $risk.Text } }

    $w.WriteStartElement('command', 'command', $Ns.command)
    $w.WriteAttributeString('xmlns', 'maml', $null, $Ns.maml)
    $w.WriteAttributeString('xmlns', 'dev', $null, $Ns.dev)

    $w.WriteStartElement('details', $Ns.command)
    $w.WriteElementString('name', $Ns.command, $name)
    $w.WriteElementString('verb', $Ns.command, $Command.Verb)
    $w.WriteElementString('noun', $Ns.command, $Command.Noun)
    $w.WriteStartElement('description', $Ns.maml); Write-Para $w $Ns "$($Doc.Synopsis)"; $w.WriteEndElement()
    $w.WriteEndElement()

    $w.WriteStartElement('description', $Ns.maml); Write-Para $w $Ns "$($Doc.Description)"; $w.WriteEndElement()

    $w.WriteStartElement('syntax', $Ns.command)
    foreach ($set in $Command.ParameterSets) {
        $w.WriteStartElement('syntaxItem', $Ns.command)
        $w.WriteElementString('name', $Ns.maml, $name)
        foreach ($sp in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            Write-Parameter $w $Ns $Command.Parameters[$sp.Name] $sp "$($Doc.Parameters[$sp.Name])" $defaults[$sp.Name]
        }
        foreach ($risk in $shouldProcess) {
            $sp = $set.Parameters | Where-Object Name -EQ $risk.Name
            Write-Parameter $w $Ns $Command.Parameters[$risk.Name] $sp (& $riskDescription $risk) 'False'
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('parameters', $Ns.command)
    foreach ($p in $own | Sort-Object Name) {
        $sp = $Command.ParameterSets.Parameters | Where-Object Name -EQ $p.Name | Select-Object -First 1
        Write-Parameter $w $Ns $p $sp "$($Doc.Parameters[$p.Name])" $defaults[$p.Name]
    }
    foreach ($risk in $shouldProcess) {
        $sp = $Command.ParameterSets.Parameters | Where-Object Name -EQ $risk.Name | Select-Object -First 1
        Write-Parameter $w $Ns $Command.Parameters[$risk.Name] $sp (& $riskDescription $risk) 'False'
    }
    $w.WriteEndElement()

    foreach ($kind in @(@{ Key = 'Inputs'; Outer = 'inputTypes'; Inner = 'inputType' }, @{ Key = 'Outputs'; Outer = 'returnValues'; Inner = 'returnValue' })) {
        if (-not $Doc[$kind.Key]) { continue }
        $w.WriteStartElement($kind.Outer, $Ns.command)
        foreach ($entry in $Doc[$kind.Key].GetEnumerator() | Sort-Object Key) {
            $w.WriteStartElement($kind.Inner, $Ns.command)
            $w.WriteStartElement('type', $Ns.dev); $w.WriteElementString('name', $Ns.maml, $entry.Key); $w.WriteEndElement()
            $w.WriteStartElement('description', $Ns.maml); Write-Para $w $Ns "$($entry.Value)"; $w.WriteEndElement()
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }

    if ($Doc.Notes) {
        $w.WriteStartElement('alertSet', $Ns.maml)
        $w.WriteStartElement('alert', $Ns.maml); Write-Para $w $Ns "$($Doc.Notes)"; $w.WriteEndElement()
        $w.WriteEndElement()
    }

    $w.WriteStartElement('examples', $Ns.command)
    $i = 0
    foreach ($example in $Doc.Examples) {
        $i++
        $w.WriteStartElement('example', $Ns.command)
        $w.WriteElementString('title', $Ns.maml, "-------------------------- Example $i`: $($example.Title) --------------------------")
        $w.WriteElementString('code', $Ns.dev, $example.Code.Trim())
        $w.WriteStartElement('remarks', $Ns.dev); Write-Para $w $Ns "$($example.Remarks)"; $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    if ($Doc.Links) {
        $w.WriteStartElement('relatedLinks', $Ns.command)
        foreach ($link in $Doc.Links) {
            $w.WriteStartElement('navigationLink', $Ns.maml); $w.WriteElementString('linkText', $Ns.maml, $link); $w.WriteElementString('uri', $Ns.maml, ''); $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
}
