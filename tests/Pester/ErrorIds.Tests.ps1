BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force

    # Ids no cmdlet input can reach in this suite, each with the reason; everything else the cmdlets raise must be
    # asserted by some Pester test. The list is checked against the source too, so it cannot outlive an id.
    $script:unreached = @{
        AccessDenied       = 'needs a file its reader may not open; the suite runs as root, who opens everything'
        NativeFailure      = 'the core refuses bad input before libtorch sees it; NativeFailureTests (xunit) drive the conversion with real libtorch errors'
        BaselineTooLarge   = 'needs a set whose matrices pass 4 GB; EaseTests and ItemKnnTests drive the core''s refusal with a small budget'
        MovieLensReadError = 'the default of a switch that names every MovieLensErrorKind'
        EmptyRatingSet     = 'no cmdlet makes a set without ratings (Import-MovieLens stops at an empty file: EmptyFile); only a set assembled through the core''s API can be empty'
    }

    # Every "ContrastiveRec.<Id>" the cmdlets raise, read from their source: literal ids, ArgumentError("<Id>", ...),
    # the format errors' mapping, and the writers' $"ContrastiveRec.{kind}<Rule>" for each OutputFile kind.
    $source = Get-ChildItem (Join-Path (Get-RepoRoot) 'src/ContrastiveRec.PowerShell') -Filter *.cs | Get-Content -Raw
    $kinds = [regex]::Match(($source -join "`n"), 'enum OutputFile\s*\{([^}]*)\}').Groups[1].Value -split '[,\s]+' | Where-Object { $_ }
    $ids = [System.Collections.Generic.SortedSet[string]]::new()
    foreach ($text in $source) {
        foreach ($m in [regex]::Matches($text, '"ContrastiveRec\.([A-Z][A-Za-z]+)"')) { $null = $ids.Add($m.Groups[1].Value) }
        foreach ($m in [regex]::Matches($text, 'ArgumentError\("([A-Z][A-Za-z]+)"')) { $null = $ids.Add($m.Groups[1].Value) }
        foreach ($m in [regex]::Matches($text, '=> \("([A-Z][A-Za-z]+)", ErrorCategory')) { $null = $ids.Add($m.Groups[1].Value) }
        foreach ($m in [regex]::Matches($text, '\$"ContrastiveRec\.\{kind\}([A-Z][A-Za-z]+)"')) { foreach ($k in $kinds) { $null = $ids.Add("$k$($m.Groups[1].Value)") } }
    }
    $script:raised = @($ids)
    $script:kinds = $kinds
}

Describe 'Every error the cmdlets raise' {
    It 'is read from the source: the scan finds the ids it must (a check of the scan itself)' {
        $script:kinds | Should -Be 'Model', 'Plot', 'Report', 'Table'
        foreach ($id in 'ModelDataMismatch', 'MalformedRow', 'NothingToLearn', 'TableFileExists', 'PlotWriteFailed', 'NativeFailure') { $script:raised | Should -Contain $id }
        $script:raised.Count | Should -BeGreaterThan 50
    }

    It 'is asserted by id in some Pester test, or said here why no test can reach it' {
        # An id counts as asserted where a test names it, builds it from an Id = '<Id>' case, or ${Kind}-expands it.
        $asserted = foreach ($file in Get-ChildItem $PSScriptRoot -Filter *.Tests.ps1) {
            $t = Get-Content -Raw $file.FullName
            [regex]::Matches($t, 'ContrastiveRec\.([A-Z][A-Za-z]+)') | ForEach-Object { $_.Groups[1].Value }
            if ($t -match 'ContrastiveRec\.\$Id\b|ContrastiveRec\.\$\(\$?\w*\.?Id\)') { [regex]::Matches($t, "\bId = '([A-Za-z]+)'") | ForEach-Object { $_.Groups[1].Value } }
            $declared = [regex]::Matches($t, "\bKind = '(\w+)'") | ForEach-Object { $_.Groups[1].Value }
            foreach ($m in [regex]::Matches($t, 'ContrastiveRec\.\$\{Kind\}(\w+)')) { foreach ($k in $declared) { "$k$($m.Groups[1].Value)" } }
        }
        $missing = $script:raised | Where-Object { $_ -notin @($asserted) -and -not $script:unreached.ContainsKey($_) }
        $missing | Should -BeNullOrEmpty -Because 'every id a user may meet needs a test that makes it happen'
        foreach ($id in $script:unreached.Keys) { $script:raised | Should -Contain $id -Because "the unreached list names $id" }
    }
}

Describe 'Failure paths not driven elsewhere: <Id>' -ForEach @(
    @{ Id = 'BadEmbeddings'; Category = 'InvalidData'
        Command = { [ContrastiveRec.Training.UserEmbedding]::new(1, [float[]](1, 2, 3)), [ContrastiveRec.Training.UserEmbedding]::new(2, [float[]](1, 2)) | ConvertTo-Tsne } }
    @{ Id = 'BadPoints'; Category = 'InvalidData' # a coordinate that is not finite
        Command = { 1..6 | ForEach-Object { [pscustomobject]@{ UserId = $_; X = $_; Y = if ($_ -eq 4) { [double]::NaN } else { $_ } } } | Get-UserCluster -Count 2 } }
    @{ Id = 'NoPoints'; Category = 'InvalidArgument'
        Command = { @() | Export-EmbeddingPlot (Join-Path $TestDrive 'none.png') } }
    @{ Id = 'OneNewcomerLabel'; Category = 'InvalidArgument' # several -UserId labels for one newcomer
        Command = { $script:ease | Get-Recommendation -Ratings @{ MovieId = 1; Rating = 5 } -UserId 1, 2 } }
    @{ Id = 'NoKnownMovies'; Category = 'ObjectNotFound' # a newcomer's movies all unknown to the model
        Command = { $script:ease | Get-Recommendation -Ratings @{ MovieId = 99999999; Rating = 5 } -WarningAction SilentlyContinue } }
    @{ Id = 'SampleTooSmall'; Category = 'InvalidArgument'
        Command = { 1..40 | ForEach-Object { [pscustomobject]@{ UserId = $_; X = ($_ % 2) * 100 + $_ / 100; Y = $_ / 100 } } | Measure-UserCluster -Count 2 -SampleSize 2 } }
    @{ Id = 'UnknownOrRepeatedUser'; Category = 'InvalidData' # a user twice
        Command = { 1, 1, 2 | ForEach-Object { [pscustomobject]@{ UserId = $_; Cluster = 0 } } | Get-ClusterTopMovie -Ratings $script:set } }
) {
    BeforeAll {
        $script:set = Import-MovieLens
        $script:ease = $script:set | New-BaselineRecommender Ease
    }

    It 'stops with ContrastiveRec.<Id> (<Category>) and a message of its own' {
        # A terminating error is caught; a non-terminating one is taken from the error stream.
        $err = try { & $Command 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Select-Object -First 1 } catch { $_ }
        $err.FullyQualifiedErrorId | Should -BeLike "ContrastiveRec.$Id,*"
        $err.CategoryInfo.Category | Should -Be $Category
        # What the user reads: no .NET parameter text, no temporary file name.
        $shown = if ($err.ErrorDetails) { $err.ErrorDetails.Message } else { $err.Exception.Message }
        $shown | Should -Not -BeNullOrEmpty
        $shown | Should -Not -Match "\(Parameter '|Actual value was|\.tmp\b"
    }
}
