BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:set = Import-MovieLens
    $script:model = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -BatchSize 4096
    $script:recall = $script:set | New-BaselineRecommender -Kind MostPopular | Measure-RecallAtK -K 10, 20
    # A small set every strategy mines triplets from (40 users rate all 30 movies 1-5), so a comparison takes seconds.
    $random = [System.Random]::new(7)
    $tiny = New-Item -ItemType Directory (Join-Path $TestDrive 'tiny')
    $rows = foreach ($u in 1..40) { foreach ($m in 1..30) { "$u,$m,$($random.Next(1, 6)).0,$($u * 100 + $m)" } }
    Set-Content (Join-Path $tiny 'ratings.csv') (@('userId,movieId,rating,timestamp') + $rows)
    $script:tiny = Import-MovieLens -Path $tiny
}

# The one rule for every file the module writes: a folder is refused, an existing file is kept unless -Force,
# -WhatIf writes nothing, and a failed write is an error naming the target. Each writer is one case.
Describe 'Every writer follows the one -Force / -WhatIf rule: <Name>' -ForEach @(
    @{ Name = 'Export-EncoderModel'; Kind = 'Model'; File = 'model.crec'
        Write = { param($Path, $Extra) $script:model | Export-EncoderModel -Path $Path @Extra } }
    @{ Name = 'Export-EmbeddingPlot'; Kind = 'Plot'; File = 'map.png'
        Write = { param($Path, $Extra) 1..20 | ForEach-Object { [pscustomobject]@{ X = $_; Y = $_ % 7 } } | Export-EmbeddingPlot -Path $Path @Extra } }
    @{ Name = 'Export-RecallChart'; Kind = 'Plot'; File = 'recall.png'
        Write = { param($Path, $Extra) $script:recall | Export-RecallChart -Path $Path @Extra } }
    @{ Name = 'Export-UserEmbedding'; Kind = 'Embedding'; File = 'users.csv'
        Write = { param($Path, $Extra) $script:model | Export-UserEmbedding -Path $Path @Extra } }
    @{ Name = 'Export-UserEmbedding to .npy'; Kind = 'Embedding'; File = 'users.npy' # and users.ids.csv beside it
        Write = { param($Path, $Extra) $script:model | Export-UserEmbedding -Path $Path @Extra } }
    @{ Name = 'Invoke-StrategyComparison -Path'; Kind = 'Table'; File = 'comparison.md'
        Write = { param($Path, $Extra) $null = $script:tiny | Invoke-StrategyComparison -StudyOnly -Epochs 1 -Seeds 1 -Path $Path @Extra } }
    @{ Name = 'Invoke-StrategyComparison -ReportPath'; Kind = 'Report'; File = 'report.html'; Parameter = '-ReportPath'
        Write = { param($Path, $Extra) $null = $script:tiny | Invoke-StrategyComparison -StudyOnly -Epochs 1 -Seeds 1 -Clusters 2 -ReportPath $Path @Extra } }
) {
    BeforeAll {
        $script:folder = New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid()))
        $script:target = Join-Path $script:folder $File
        $script:parameter = if ($Parameter) { $Parameter } else { '-Path' }
        function Get-WriteError([string] $Path, [hashtable] $Extra = @{}) {
            try { & $Write $Path $Extra; return $null } catch { return $_ }
        }
    }

    It 'writes the file, leaving no temporary file beside it' {
        Get-WriteError $script:target | Should -BeNullOrEmpty
        (Get-Item $script:target).Length | Should -BeGreaterThan 0
        Get-ChildItem $script:folder -Force -Filter '*.tmp' | Should -BeNullOrEmpty
    }

    It 'keeps an existing file without -Force: <Kind>FileExists, ResourceExists, with advice' {
        Set-Content $script:target 'an earlier file'
        $err = Get-WriteError $script:target
        $err.FullyQualifiedErrorId | Should -BeLike "ContrastiveRec.${Kind}FileExists,*"
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
        $err.ErrorDetails.RecommendedAction | Should -Match "-Force.*$([regex]::Escape($script:parameter))"
        Get-Content $script:target | Should -Be 'an earlier file'
    }

    It 'writes nothing with -WhatIf, even with -Force' {
        $new = Join-Path $script:folder "whatif-$File"
        Get-WriteError $new @{ WhatIf = $true } | Should -BeNullOrEmpty
        Test-Path $new | Should -BeFalse
        Get-WriteError $script:target @{ WhatIf = $true; Force = $true } | Should -BeNullOrEmpty
        Get-Content $script:target | Should -Be 'an earlier file'
    }

    It 'replaces an existing file with -Force' {
        Get-WriteError $script:target @{ Force = $true } | Should -BeNullOrEmpty
        Get-Content -Raw $script:target | Should -Not -Match 'an earlier file'
    }

    It 'refuses a folder as the file: <Kind>PathIsFolder, with a file name to use' {
        $err = Get-WriteError $script:folder @{ Force = $true }
        $err.FullyQualifiedErrorId | Should -BeLike "ContrastiveRec.${Kind}PathIsFolder,*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape($script:folder.FullName))
    }

    It 'refuses a path ending in a separator as a folder, and leaves no folder behind' {
        $named = Join-Path $script:folder 'not-yet/'
        $err = Get-WriteError $named @{ Force = $true }
        $err.FullyQualifiedErrorId | Should -BeLike "ContrastiveRec.${Kind}PathIsFolder,*"
        $err.ErrorDetails.Message | Should -Match "ends in '/'"
        Test-Path (Join-Path $script:folder 'not-yet') | Should -BeFalse
    }

    It 'says a file stands where a folder belongs, before any work: <Kind>WriteFailed' {
        $blocker = Join-Path $script:folder 'a-file'
        Set-Content $blocker 'not a folder'
        $err = Get-WriteError (Join-Path $blocker $File)
        $err.FullyQualifiedErrorId | Should -BeLike "ContrastiveRec.${Kind}WriteFailed,*"
        $err.ErrorDetails.Message | Should -Match "'$([regex]::Escape($blocker))' is a file, not a folder"
        Get-Content $blocker | Should -Be 'not a folder'
    }

    It 'writes through a symbolic link with -Force, keeping the link' {
        $real = Join-Path $script:folder "real-$File"
        Set-Content $real 'an earlier file'
        $link = Join-Path $script:folder "link-$File"
        $null = New-Item -ItemType SymbolicLink -Path $link -Target $real
        Get-WriteError $link @{ Force = $true } | Should -BeNullOrEmpty
        (Get-Item $link).LinkType | Should -Be 'SymbolicLink'
        Get-Content -Raw $real | Should -Not -Match 'an earlier file'
    }

    It 'names the target, not a temporary file, when the write fails: <Kind>WriteFailed' {
        # /proc takes no new files, as a full or read-only disk would not.
        $err = Get-WriteError "/proc/contrastiverec-$File"
        $err.FullyQualifiedErrorId | Should -BeLike "ContrastiveRec.${Kind}WriteFailed,*"
        $err.CategoryInfo.Category | Should -Be 'WriteError'
        "$($err.ErrorDetails.Message) $($err.Exception.Message)" | Should -Match ([regex]::Escape("/proc/contrastiverec-$File"))
        "$($err.ErrorDetails.Message)" | Should -Not -Match '\.tmp'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }
}

Describe 'Invoke-StrategyComparison -Path' {
    It 'asks for both table files before the run, and writes neither with -WhatIf' {
        $stem = Join-Path $TestDrive 'asked'
        Set-Content "$stem.csv" 'an earlier table'
        $err = $null
        $rows = $null
        try { $rows = $script:tiny | Invoke-StrategyComparison -StudyOnly -Epochs 1 -Path "$stem.md" } catch { $err = $_ }
        # The .csv beside the named .md is checked too, before any model is trained.
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.TableFileExists,*'
        $err.TargetObject | Should -Be "$stem.csv"
        $rows | Should -BeNullOrEmpty
        Test-Path "$stem.md" | Should -BeFalse
        $rows = $script:tiny | Invoke-StrategyComparison -StudyOnly -Epochs 1 -Path $stem -Force -WhatIf
        $rows.Count | Should -Be 7 # the rows still come; only the files are not written
        Get-Content "$stem.csv" | Should -Be 'an earlier table'
        Test-Path "$stem.md" | Should -BeFalse
    }
}

Describe 'Invoke-StrategyComparison when a file cannot be written' {
    It 'finds an unwritable folder before the run: no model is trained' {
        $blocker = Join-Path $TestDrive 'plain-file'
        Set-Content $blocker 'x'
        $err = $null
        $rows = $null
        try { $rows = $script:tiny | Invoke-StrategyComparison -StudyOnly -Epochs 1 -Path (Join-Path $TestDrive 'fine') -ReportPath (Join-Path $blocker 'report.html') } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.ReportWriteFailed,*'
        $rows | Should -BeNullOrEmpty
        # Before the check, the tables were written after the run, then the report failed.
        Test-Path (Join-Path $TestDrive 'fine.md') | Should -BeFalse
    }

    It 'keeps its rows and writes the other files when one fails at the end' {
        $tables = New-Item -ItemType Directory (Join-Path $TestDrive 'tables')
        $report = Join-Path $TestDrive 'kept-report.html'
        # The folder passes the check before the run, then becomes a file while the rows come (as a disk fills).
        $rows = $script:tiny | Invoke-StrategyComparison -StudyOnly -Epochs 1 -Seeds 1 -Clusters 2 -Path (Join-Path $tables 'cmp') -ReportPath $report -ErrorVariable failed -ErrorAction SilentlyContinue |
            ForEach-Object { if (Test-Path $tables -PathType Container) { Remove-Item $tables -Recurse; Set-Content $tables 'in the way' }; $_ }
        $rows.Count | Should -Be 7
        $failed.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.TableWriteFailed,*'
        $failed[0].ErrorDetails.Message | Should -Match ([regex]::Escape((Join-Path $tables 'cmp')))
        Get-Content -Raw $report | Should -Match '<table'
    }
}

Describe 'Invoke-EncoderTraining -PartialModelPath under the same rule' {
    BeforeAll {
        function Stop-Training([string] $Extra) {
            $run = Start-BuiltModuleRun "Import-MovieLens | Invoke-EncoderTraining -Strategy 1 -Epochs 50 $Extra" -Until '^Epoch 1/50, batch [3-9]'
            $run.PowerShell.Stop()
            $run.PowerShell.Dispose()
        }
    }

    It 'refuses an existing file before training (ModelFileExists) and a folder (ModelPathIsFolder)' {
        $path = Join-Path $TestDrive 'kept.crec'
        Set-Content $path 'an earlier model'
        { $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -PartialModelPath $path } | Should -Throw -ErrorId 'ContrastiveRec.ModelFileExists*'
        { $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -PartialModelPath $TestDrive } | Should -Throw -ErrorId 'ContrastiveRec.ModelPathIsFolder*'
        Get-Content $path | Should -Be 'an earlier model'
    }

    It 'keeps nothing on Ctrl+C with -WhatIf, and replaces the earlier file with -Force' {
        $path = Join-Path $TestDrive 'partial.crec'
        Set-Content $path 'an earlier model'
        Stop-Training "-PartialModelPath '$path' -Force -WhatIf"
        Get-Content $path | Should -Be 'an earlier model'
        Stop-Training "-PartialModelPath '$path' -Force"
        (Import-EncoderModel $path).IsComplete | Should -BeFalse
    }
}

Describe 'The writers' {
    It 'are every cmdlet that supports -WhatIf or has -Force' {
        $writers = Get-Command -Module ContrastiveRec | Where-Object { $_.Parameters.ContainsKey('WhatIf') -or $_.Parameters.ContainsKey('Force') }
        $writers.Name | Sort-Object | Should -Be @('Export-EmbeddingPlot', 'Export-EncoderModel', 'Export-RecallChart', 'Export-UserEmbedding', 'Invoke-EncoderTraining', 'Invoke-StrategyComparison')
        foreach ($w in $writers) { $w.Parameters.ContainsKey('WhatIf') -and $w.Parameters.ContainsKey('Force') | Should -BeTrue -Because $w.Name }
    }
}
