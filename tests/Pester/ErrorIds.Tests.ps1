BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force

    # Ids no cmdlet input can reach in this suite, each with the reason; every other id a user may meet must be
    # asserted by some Pester test. The list is checked against the source too, so it cannot outlive an id.
    $script:unreached = @{
        AccessDenied     = 'needs a file its reader may not open; the suite runs as root, who opens everything'
        NativeFailure    = 'the core refuses bad input before libtorch sees it; NativeFailureTests (xunit) drive the conversion with real libtorch errors'
        BaselineTooLarge = 'needs a set whose matrices pass 4 GB; EaseTests and ItemKnnTests drive the core''s refusal with a small budget'
    }

    $script:raised = Get-RaisedErrorId
}

Describe 'Every error a user may meet' {
    It 'is read from the source: the scan finds the ids it must (a check of the scan itself)' {
        # One id of each way the scan reads: a refusal subclass, a kind-to-id switch, a core throw, a helper's new(...),
        # base("...") with a computed category, a cmdlet's own refusal, a writer's rule per kind, an import error.
        foreach ($id in 'ModelDataMismatch', 'MalformedRow', 'TooManyClusters', 'NoKnownMovies', 'NotNewcomers', 'NativeFailure',
            'NoPoints', 'OneNewcomerLabel', 'ModelFileExists', 'TableFileExists', 'PlotWriteFailed', 'ReportPathIsFolder', 'NativeLibraryMissing') { $script:raised | Should -Contain $id }
        $script:raised.Count | Should -BeGreaterThan 55
        # Ids are words: the scan must not pick up a message or a name by mistake.
        $script:raised | Should -Not -Contain 'ContrastiveRec'
        $script:raised | ForEach-Object { $_ | Should -Match '^[A-Z][A-Za-z]+$' }
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
        Command = { $script:ease | Get-Recommendation -Ratings @{ MovieId = 99999999; Rating = 5 } } }
    @{ Id = 'SampleTooSmall'; Category = 'InvalidArgument'
        Command = { 1..40 | ForEach-Object { [pscustomobject]@{ UserId = $_; X = ($_ % 2) * 100 + $_ / 100; Y = $_ / 100 } } | Measure-UserCluster -Count 2 -SampleSize 2 } }
    @{ Id = 'UnknownOrRepeatedUser'; Category = 'InvalidData' # a user twice
        Command = { 1, 1, 2 | ForEach-Object { [pscustomobject]@{ UserId = $_; Cluster = 0 } } | Get-ClusterTopMovie -Ratings $script:set } }
    @{ Id = 'UnknownOrRepeatedUser'; Category = 'InvalidData' # clusters of another set's users (it ended in "(Parameter 'clusters')")
        Command = { $script:holdOut.Newcomers.UserIds | ForEach-Object { [pscustomobject]@{ UserId = $_; Cluster = $_ % 2 } } | Get-ClusterTopMovie -Ratings $script:holdOut.Training } }
    @{ Id = 'DuplicateRecall'; Category = 'InvalidData' # one model's results piped twice
        Command = { $r = $script:ease | Measure-RecallAtK -K 10; @($r) + @($r) | Export-RecallChart (Join-Path $TestDrive 'twice.png') } }
    @{ Id = 'RowWiseNeedsIdEncoder'; Category = 'InvalidArgument'
        Command = { $script:set | Invoke-EncoderTraining -Objective UserMovie -Encoder Graph -Epochs 1 -RowWiseUpdates } }
    # Sets without timestamps and click logs come from the core until the generic readers reach them from a cmdlet.
    @{ Id = 'NoTimestamps'; Category = 'InvalidOperation' # a temporal split of data without timestamps
        Command = { $script:clicks | Split-RatingSet -SplitMethod Temporal } }
    @{ Id = 'NeedsExplicitRatings'; Category = 'InvalidOperation' # the study's pairs need dislikes, which clicks lack
        Command = { $script:clicks | Invoke-EncoderTraining -Strategy 4 -Epochs 1 } }
) {
    BeforeAll {
        $script:clicks = New-TestClickLog
        $script:set = Import-MovieLens
        $script:ease = $script:set | New-BaselineRecommender Ease
        $script:holdOut = $script:set | Split-RatingSet -HoldOutUsers 0.1
    }

    It 'stops with ContrastiveRec.<Id> (<Category>) and a message of its own' {
        # A terminating error is caught; a non-terminating one is taken from the error stream.
        $err = try { & $Command 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Select-Object -First 1 } catch { $_ }
        $err.FullyQualifiedErrorId | Should -BeLike "ContrastiveRec.$Id,*"
        $err.CategoryInfo.Category | Should -Be $Category
        # One type to catch, whoever refused: the core or the cmdlet.
        $err.Exception | Should -BeOfType ([ContrastiveRec.ContrastiveRecException])
        $err.Exception.ErrorId | Should -Be $Id
        # What the user reads: no .NET parameter text, no temporary file name, advice that names no .NET call.
        $shown = if ($err.ErrorDetails) { $err.ErrorDetails.Message } else { $err.Exception.Message }
        $shown | Should -Not -BeNullOrEmpty
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        foreach ($text in $shown, $err.Exception.Message, $err.ErrorDetails.RecommendedAction) {
            $text | Should -Not -Match "\(Parameter '|Actual value was|\.tmp\b|\.Load\b|TrainedEncoder|RatingSet\.\w+\("
        }
    }
}

Describe 'A refusal of one input lets the next one through: <Id>' -ForEach @(
    @{ Id = 'CannotFoldInNewcomers'; Served = $true; Command = { $script:popular, $script:ease | Get-Recommendation -Ratings @{ MovieId = 1; Rating = 5 } -Top 3 } }
    @{ Id = 'NoKnownMovies'; Served = $false; Command = { $script:ease, $script:ease | Get-Recommendation -Ratings @{ MovieId = 99999999; Rating = 5 } } }
    @{ Id = 'ProtocolNotSupported'; Served = $false; Command = { $script:popular, $script:ease | Measure-RecallAtK -Protocol Study -K 10 } }
    @{ Id = 'NotNewcomers'; Served = $false; Command = { $script:holdOutEase, $script:holdOutEase | Measure-RecallAtK -Newcomers $script:holdOut.Training -K 10 } }
    @{ Id = 'UnknownUser'; Served = $true; Command = { $script:ease | Get-Recommendation -User 987654, 1 -Top 3 } }
) {
    BeforeAll {
        $script:set = Import-MovieLens
        $script:ease = $script:set | New-BaselineRecommender Ease
        $script:popular = $script:set | New-BaselineRecommender MostPopular
        $script:holdOut = $script:set | Split-RatingSet -HoldOutUsers 0.9 -Seed 1 # 61 training users: a cheap EASE
        $script:holdOutEase = $script:holdOut.Training | New-BaselineRecommender Ease
    }

    It 'writes ContrastiveRec.<Id> as a non-terminating error for the refused input and goes on to the next' {
        # Two inputs: the first is refused; the second is served, or refused in its turn (a terminating error would throw
        # here). Continue, as in a user's session: the test run itself stops at any error.
        $all = & { $ErrorActionPreference = 'Continue'; & $Command } 2>&1
        $errs = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $out = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike "ContrastiveRec.$Id,*" }
        if ($Served) {
            $errs | Should -HaveCount 1
            $out | Should -Not -BeNullOrEmpty
        }
        else {
            $errs | Should -HaveCount 2
            $out | Should -BeNullOrEmpty
        }
    }
}

Describe 'Leaks issue 20 named: messages and advice in the module''s own words' {
    It 'Get-Recommendation on a model whose data moved names the cmdlet that mends it, not a .NET call' {
        $data = Join-Path $TestDrive 'moved'
        Copy-Item (Import-MovieLens).Source $data -Recurse
        $model = Import-MovieLens $data | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -Seed 3
        $path = Join-Path $TestDrive 'moved.crec'
        $model | Export-EncoderModel $path
        $model.Dispose()
        Remove-Item $data -Recurse
        $orphan = Import-EncoderModel $path -WarningAction SilentlyContinue
        $orphan.RatingSet | Should -BeNullOrEmpty

        $err = { Get-Recommendation -Model $orphan -User 1 } | Should -Throw -PassThru
        # The cmdlet's own error, named: not a binding error with the refusal inside it (issue 22, finding 6).
        $err.FullyQualifiedErrorId | Should -Be 'ContrastiveRec.ModelWithoutRatings,ContrastiveRec.PowerShell.GetRecommendationCommand'
        "$($err.CategoryInfo.Category)" | Should -Be 'InvalidOperation'
        $err.TargetObject.Name | Should -Be $orphan.Name # the model itself
        ({ Measure-RecallAtK -Model $orphan } | Should -Throw -PassThru).FullyQualifiedErrorId |
            Should -Be 'ContrastiveRec.ModelWithoutRatings,ContrastiveRec.PowerShell.MeasureRecallAtKCommand'
        $err.Exception.Message | Should -Match 'no longer exists'
        $err.Exception.Message | Should -Match 'Import-EncoderModel .*-Ratings'
        $err.Exception.Message | Should -Not -Match "\(Parameter '|\.Load\b|TrainedEncoder|RatingSet\."
        { Measure-RecallAtK -Model $orphan } | Should -Throw -ExpectedMessage '*no longer exists*'
        $orphan.Dispose()
    }
}

Describe 'RefusalCategory' {
    It 'names only members of PowerShell''s ErrorCategory, so every refusal maps by name' {
        $names = [enum]::GetNames([ContrastiveRec.RefusalCategory])
        $names.Count | Should -BeGreaterThan 10
        foreach ($name in $names) { [enum]::GetNames([System.Management.Automation.ErrorCategory]) | Should -Contain $name }
    }
}
