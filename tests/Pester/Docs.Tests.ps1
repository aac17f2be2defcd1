# The documentation as a reader meets it: links that lead somewhere, command blocks that run as typed, every error id
# explained, about_ topics that Get-Help finds. The rules are written for contributors in docs/contributing.md.
BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $pages = @(Join-Path $root 'README.md'; Join-Path $root 'ARCHITECTURE.md'; Get-ChildItem (Join-Path $root 'docs') -Filter *.md | ForEach-Object FullName)
    $script:pages = $pages | ForEach-Object { @{ Name = [IO.Path]::GetRelativePath($root, $_); Path = $_ } }
    $script:runnable = $script:pages | Where-Object { (Get-Content -Raw $_.Path) -match '(?m)^<!-- runs -->\s*$' }
    $script:topics = Get-ChildItem (Join-Path $root 'module/en-US') -Filter 'about_*.help.txt' |
        ForEach-Object { @{ Name = $_.Name -replace '\.help\.txt$'; Path = $_.FullName } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:root = Get-RepoRoot

    function Get-ProseLine([string] $Path) {
        # The page's lines with fenced code blanked out (links and headings in code are neither), numbered from 1.
        $fence = $null
        $n = 0
        foreach ($line in Get-Content $Path) {
            $n++
            if ($fence) {
                if ($line -match "^\s{0,3}$([regex]::Escape($fence))\s*$") { $fence = $null }
                continue
            }
            if ($line -match '^\s{0,3}(```+|~~~+)') { $fence = $Matches[1]; continue }
            [pscustomobject]@{ Number = $n; Text = $line }
        }
    }

    function ConvertTo-GitHubAnchor([string] $Heading) {
        # GitHub's rule: the heading as shown (code, emphasis and links reduced to their text), lower case, every
        # character that is not a letter, digit, mark, underscore, hyphen or space dropped, then each space a hyphen.
        $text = $Heading -replace '!?\[([^\]]*)\]\([^)]*\)', '$1' -replace '<[^>]+>', '' -replace '[`*]', ''
        $text = $text.Trim().ToLowerInvariant() -replace '[^\p{L}\p{M}\p{N}\p{Pc} -]', ''
        return $text -replace ' ', '-'
    }

    function Get-HeadingAnchor([string] $Path) {
        # Every anchor a page offers: its headings' (a repeated one gets -1, -2, ...) and explicit <a id/name>.
        $seen = @{}
        foreach ($line in Get-ProseLine $Path) {
            if ($line.Text -match '^\s{0,3}#{1,6}\s+(.*?)(\s+#+)?\s*$') {
                $anchor = ConvertTo-GitHubAnchor $Matches[1]
                if ($seen.ContainsKey($anchor)) { $seen[$anchor]++; "$anchor-$($seen[$anchor])" } else { $seen[$anchor] = 0; $anchor }
            }
            foreach ($m in [regex]::Matches($line.Text, '<a\s+(?:id|name)="([^"]+)"')) { $m.Groups[1].Value }
        }
    }

    function Test-MarkdownLink([string] $Path, [string] $Root) {
        # One line per broken relative link: "page:line: target: why". Web addresses and mail are not checked.
        $folder = Split-Path $Path
        foreach ($line in Get-ProseLine $Path) {
            $text = $line.Text -replace '(`+)(?:(?!\1).)+\1', ''   # code spans hold no links
            $targets = @([regex]::Matches($text, '\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+"[^"]*")?\s*\)') | ForEach-Object { $_.Groups[1].Value.Trim('<', '>') }) +
                @([regex]::Matches($text, '^\s{0,3}\[[^\]]+\]:\s*(\S+)') | ForEach-Object { $_.Groups[1].Value })
            foreach ($target in $targets) {
                if ($target -match '^[a-zA-Z][a-zA-Z0-9+.-]*:' -or $target.StartsWith('//')) { continue }
                $file, $anchor = $target -split '#', 2
                $file = [Uri]::UnescapeDataString($file)
                $resolved = if (-not $file) { $Path } elseif ($file.StartsWith('/')) { Join-Path $Root $file } else { Join-Path $folder $file }
                $resolved = [IO.Path]::GetFullPath($resolved)
                $where = "$([IO.Path]::GetRelativePath($Root, $Path)):$($line.Number): $target"
                if (-not $resolved.StartsWith($Root) -or -not (Test-Path -LiteralPath $resolved)) { "${where}: no such file or folder"; continue }
                if ($anchor -and $resolved -like '*.md' -and $anchor -notin @(Get-HeadingAnchor $resolved)) { "${where}: no heading with that anchor" }
            }
        }
    }

    function Get-RunnableBlock([string] $Path) {
        # The powershell blocks marked <!-- runs --> on the line before their fence: Line (the fence's) and Code.
        $lines = @(Get-Content $Path)
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -notmatch '^<!-- runs -->\s*$') { continue }
            if ($i + 1 -ge $lines.Count -or $lines[$i + 1] -notmatch '^```powershell\s*$') {
                throw "$(Split-Path -Leaf $Path):$($i + 1): <!-- runs --> must stand on the line before a ``````powershell fence"
            }
            $end = $i + 2
            while ($end -lt $lines.Count -and $lines[$end] -notmatch '^```\s*$') { $end++ }
            [pscustomobject]@{ Line = $i + 2; Code = $lines[($i + 2)..($end - 1)] -join "`n" }
            $i = $end
        }
    }

    function Invoke-WithBuiltModule([string[]] $Code, [string] $Folder) {
        # Runs the code as one script in a fresh pwsh in $Folder after importing the built module; returns nothing
        # when it ran, else what failed. A line '$docsBlock = ...' in the code says where the failure was.
        $script = @"
`$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath '$Folder'
Import-Module '$(Get-BuiltModulePath)'
try {
$($Code -join "`n")
}
catch { Write-Output "FAILED in the block at `${docsBlock}: `$_"; exit 1 }
"@
        # One libtorch thread: on a machine busy with other work, two OpenMP threads slow training about tenfold.
        try { $null = Invoke-FreshPwsh -Script $script -Environment @{ OMP_NUM_THREADS = '1' } }
        catch { return "$_" }
    }

    function Invoke-RunnableBlock([string] $Path, [string] $Folder) {
        # A page's marked blocks, in order, as one script; each block records where it starts.
        $name = Split-Path -Leaf $Path
        Invoke-WithBuiltModule -Folder $Folder -Code (Get-RunnableBlock $Path | ForEach-Object { "`$docsBlock = '${name}:$($_.Line)'"; $_.Code })
    }
}

Describe 'Relative links in <Name>' -ForEach $script:pages {
    It 'lead to files and headings that exist' {
        Test-MarkdownLink $Path $script:root | Should -BeNullOrEmpty
    }
}

Describe 'Command blocks marked to run' {
    It 'README.md marks its tour to run, and the tour is the five-command workflow' {
        $tour = @(Get-RunnableBlock (Join-Path $script:root 'README.md'))
        $tour.Count | Should -BeGreaterThan 0
        foreach ($command in 'Import-MovieLens', 'Invoke-EncoderTraining', 'Get-Recommendation', 'Measure-RecallAtK', 'ConvertTo-Tsne', 'Export-EmbeddingPlot') {
            $tour.Code -join "`n" | Should -Match $command
        }
    }

    It '<Name> runs as typed against the built module' -ForEach $script:runnable {
        $folder = Join-Path $TestDrive ($Name -replace '[\\/.]', '-')
        New-Item -ItemType Directory $folder | Out-Null
        Invoke-RunnableBlock $Path $folder | Should -BeNullOrEmpty
    }
}

Describe 'The checker itself, on planted pages' {
    BeforeAll {
        $script:planted = Join-Path $TestDrive 'planted'
        New-Item -ItemType Directory (Join-Path $script:planted 'docs') -Force | Out-Null
        Set-Content (Join-Path $script:planted 'docs/target.md') @(
            '# Target', '## The study''s table (recall, %)', '## Step 1: `Import-MovieLens`', '## Notes', '## Notes', '<a id="custom"></a>'
        )
        Set-Content (Join-Path $script:planted 'good.md') @(
            '# Good', '[a page](docs/target.md), [a heading](docs/target.md#the-studys-table-recall-)',
            '[code and colon](docs/target.md#step-1-import-movielens) and [the second Notes](docs/target.md#notes-1)',
            '[explicit](docs/target.md#custom) [folder](docs/) [here](#good) [web](https://example.com/nowhere)',
            '[ref]: docs/target.md', '`[not a link](missing.md)`', '```text', '[not a link either](missing.md)', '```'
        )
        Set-Content (Join-Path $script:planted 'bad.md') @(
            '# Bad', 'See [the guide](docs/missing.md).', 'See [a heading](docs/target.md#no-such-heading).',
            '![a picture](images/none.png)', '[ref]: ../../outside.md', '', '<!-- runs -->', '```powershell',
            '$x = 1', '```', 'Text.', '<!-- runs -->', '```powershell', 'Get-Item ./no-such-file', '```'
        )
        Set-Content (Join-Path $script:planted 'unmarked.md') @('# Unmarked', '<!-- runs -->', '', '```powershell', '1', '```')
    }

    It 'accepts links to files, folders and headings by GitHub''s anchor rules' {
        Test-MarkdownLink (Join-Path $script:planted 'good.md') $script:planted | Should -BeNullOrEmpty
    }

    It 'reports a missing file, a missing heading, a missing image and a path outside the repository, by line' {
        $problems = @(Test-MarkdownLink (Join-Path $script:planted 'bad.md') $script:planted)
        $problems.Count | Should -Be 4
        $problems[0] | Should -BeLike 'bad.md:2: docs/missing.md: no such file*'
        $problems[1] | Should -BeLike 'bad.md:3: docs/target.md#no-such-heading: no heading*'
        $problems[2] | Should -BeLike 'bad.md:4: images/none.png: no such file*'
        $problems[3] | Should -BeLike 'bad.md:5: ../../outside.md: no such file*'
    }

    It 'runs every marked block and reports the one that fails, by page and line' {
        @(Get-RunnableBlock (Join-Path $script:planted 'bad.md')).Count | Should -Be 2
        $folder = Join-Path $TestDrive 'planted-run'
        New-Item -ItemType Directory $folder | Out-Null
        $failure = Invoke-RunnableBlock (Join-Path $script:planted 'bad.md') $folder
        $failure | Should -Match 'FAILED in the block at bad\.md:13'
        $failure | Should -Match 'no-such-file'
    }

    It 'refuses a marker that does not stand right before a powershell fence' {
        { Get-RunnableBlock (Join-Path $script:planted 'unmarked.md') } | Should -Throw '*unmarked.md:2*'
    }
}

Describe 'Error ids in the documentation' {
    BeforeAll {
        $script:ids = @(Get-RaisedErrorId)
    }

    It 'are read from the source: the scan finds ids of every kind it must (a check of the scan itself)' {
        foreach ($id in 'MalformedRow', 'NothingToLearn', 'TableFileExists', 'PlotWriteFailed', 'NativeFailure', 'UnsupportedPlatform', 'SampleTooSmall', 'UnreadableRating') {
            $script:ids | Should -Contain $id
        }
        $script:ids | Should -Not -Contain 'Data' -Because 'namespaces are not error ids'
        $script:ids.Count | Should -BeGreaterThan 50
    }

    It 'each has a row in docs/errors.md' {
        $page = Get-Content -Raw (Join-Path $script:root 'docs/errors.md')
        $script:ids | Where-Object { $page -notmatch "``(ContrastiveRec\.)?$_``" } | Should -BeNullOrEmpty
    }

    It 'each is explained in about_ContrastiveRec_Errors' {
        $topic = Get-Content -Raw (Join-Path $script:root 'module/en-US/about_ContrastiveRec_Errors.help.txt')
        $script:ids | Where-Object { $topic -notmatch "\b$_\b" } | Should -BeNullOrEmpty
    }
}

Describe 'about_ topic <Name>' -ForEach $script:topics {
    BeforeAll {
        Import-Module (Get-BuiltModulePath) -Force
        $script:text = Get-Content -Raw $Path
    }

    It 'is found by Get-Help after Import-Module, with its short description' {
        $help = Get-Help $Name -ErrorAction Stop | Out-String
        $help | Should -Match "TOPIC\s+$Name\s"
        ($script:text -split '\r?\n' | Select-Object -First 5) -join ' ' | Should -Match "^TOPIC\s+$Name\s+SHORT DESCRIPTION\s+\S"
    }

    It 'keeps its lines within 80 columns, without tabs' {
        $script:text -split '\r?\n' | Where-Object { $_.Length -gt 80 -or $_.Contains("`t") } | Should -BeNullOrEmpty
    }

    It 'is listed in SEE ALSO of about_ContrastiveRec' {
        if ($Name -eq 'about_ContrastiveRec') { Set-ItResult -Skipped -Because 'it is the topic that lists the others' }
        $main = Get-Content -Raw (Join-Path (Get-RepoRoot) 'module/en-US/about_ContrastiveRec.help.txt')
        ($main -split 'SEE ALSO')[1] | Should -Match "(?m)^\s+$Name\s*$"
    }

    It 'has PS> lines that run as typed, in order, in one session' {
        if ($Name -eq 'about_ContrastiveRec') { Set-ItResult -Skipped -Because 'Help.Tests.ps1 runs its workflows' }
        $lines = @($script:text -split '\r?\n' | Where-Object { $_ -match '^\s+PS> ' } | ForEach-Object { $_ -replace '^\s+PS> ', '' })
        $lines.Count | Should -BeGreaterThan 2
        $folder = Join-Path $TestDrive $Name
        New-Item -ItemType Directory $folder | Out-Null
        Invoke-WithBuiltModule -Folder $folder -Code (@("`$docsBlock = '$Name'") + $lines) | Should -BeNullOrEmpty
    }
}
