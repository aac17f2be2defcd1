# Generates the module's MAML help (en-US/ContrastiveRec.PowerShell.dll-Help.xml) from two sources:
# the cmdlets' own metadata (syntax, parameter types, positions, pipeline input) read from the built
# module, and the prose in module/help/<Cmdlet>.help.psd1. A cmdlet or parameter without prose fails the build.
# Prose may name facts of the built core as {{Fact}} (see Get-HelpFact), so lists such as the comparison's models
# are written once, in the code.

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
    # The comparison's model list, as Invoke-StrategyComparison runs it with and without -StudyOnly, and the
    # registry's baseline kinds.
    $ErrorActionPreference = 'Stop'
    $kinds = @([ContrastiveRec.Recommendation.RecommenderRegistry]::Baselines | ForEach-Object { "$($_.Kind)" })
    $all = [ContrastiveRec.Experiments.ComparisonModels]::For([ContrastiveRec.Experiments.ComparisonOptions]::new())
    $names = { param([ContrastiveRec.Experiments.ComparisonModel[]] $Models) [ContrastiveRec.Experiments.ComparisonModels]::Names($Models) }
    @{
        ComparisonModels  = & $names $all
        StudyModels       = & $names @($all | Where-Object InStudy)
        BeyondStudyModels = & $names @($all | Where-Object InStudy -EQ $false)
        BaselineKinds     = ($kinds[0..($kinds.Count - 2)] -join ', ') + ' or ' + $kinds[-1]
    }
}

function Expand-HelpFact([string] $Text) {
    foreach ($fact in $script:HelpFacts.GetEnumerator()) { $Text = $Text.Replace("{{$($fact.Key)}}", $fact.Value) }
    if ($Text -match '\{\{(\w+)\}\}') { throw "Help names an unknown fact {{$($Matches[1])}}." }
    $Text
}

function Write-Para([System.Xml.XmlWriter] $W, [hashtable] $Ns, [string] $Text) {
    $Text = Expand-HelpFact $Text
    foreach ($para in ($Text.Trim() -split "(\r?\n){2,}" | Where-Object { $_.Trim() })) {
        $W.WriteElementString('para', $Ns.maml, ($para.Trim() -replace '\s*\r?\n\s*', ' '))
    }
}

function Write-Parameter {
    param($W, $Ns, $Parameter, $SetParameter, [string] $Description, $Default)
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
    $values = if ($validSet) { $validSet.ValidValues } elseif ($Parameter.ParameterType.IsEnum) { [Enum]::GetNames($Parameter.ParameterType) }
    if ($values) {
        $W.WriteStartElement('parameterValueGroup', $Ns.command)
        foreach ($v in $values) {
            $W.WriteStartElement('parameterValue', $Ns.command); $W.WriteAttributeString('required', 'false'); $W.WriteString($v); $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }
    $W.WriteStartElement('type', $Ns.dev); $W.WriteElementString('name', $Ns.maml, $valueType.FullName); $W.WriteEndElement()
    $isEmpty = $null -eq $Default -or ($Default -is [switch] -and -not $Default) -or ($Default -is [array] -and $Default.Count -eq 0)
    $W.WriteElementString('defaultValue', $Ns.dev, $(if ($isEmpty) { 'None' } else { ($Default | ForEach-Object { [string]$_ }) -join ', ' }))
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
    # A fresh instance of the cmdlet class holds the parameters' real defaults.
    $instance = [Activator]::CreateInstance($Command.ImplementingType)
    $defaultOf = { param($n) $instance.GetType().GetProperty($n).GetValue($instance) }
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $own = $Command.Parameters.Values | Where-Object { $_.Name -notin $common }
    foreach ($p in $own) { if (-not $Doc.Parameters -or -not $Doc.Parameters[$p.Name]) { $Problems.Add("$name -$($p.Name): no description") } }

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
            Write-Parameter $w $Ns $Command.Parameters[$sp.Name] $sp "$($Doc.Parameters[$sp.Name])" (& $defaultOf $sp.Name)
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('parameters', $Ns.command)
    foreach ($p in $own | Sort-Object Name) {
        $sp = $Command.ParameterSets.Parameters | Where-Object Name -EQ $p.Name | Select-Object -First 1
        Write-Parameter $w $Ns $p $sp "$($Doc.Parameters[$p.Name])" (& $defaultOf $p.Name)
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
