# Tab completion as a user gets it: TabExpansion2 on a typed line, in a session with the built module.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    function Complete([string] $Line) { (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches }
    $script:set = Import-MovieLens
    $script:baseline = $script:set | New-BaselineRecommender MostPopular
    $script:model = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -EmbeddingSize 8 -HiddenSize 8 -LatentSize 4
}

Describe 'Completion of -Strategy and -Preset' {
    It '<Line> offers the presets 1-4, each with its settings<Also>' -ForEach @(
        @{ Line = 'New-PairStrategy -Preset '; Also = ''; Names = @() }
        @{ Line = 'Invoke-EncoderTraining -Strategy '; Also = ', and Sampled'; Names = @('Sampled') }
        @{ Line = 'Get-ContrastivePair -Strategy '; Also = ', and Sampled'; Names = @('Sampled') }
        @{ Line = 'Import-MovieLens | Invoke-EncoderTraining -Objective UserMovie -Strategy '; Also = ', and Sampled'; Names = @('Sampled') }
    ) {
        $all = Complete $Line
        $all.CompletionText | Should -Be (@('1', '2', '3', '4') + $Names)
        $found = $all | Where-Object CompletionText -Match '^\d$'
        foreach ($m in $found) {
            $preset = [ContrastiveRec.Pairs.PairStrategy]::FromPreset([int]$m.CompletionText)
            $m.ResultType | Should -Be 'ParameterValue'
            $m.ListItemText | Should -Be "$($m.CompletionText): $($preset.Summary())"
            $m.ToolTip | Should -Be $preset.ToString()
        }
        $found[3].ListItemText | Should -Match 'like >= 4, dislike < 3, liked by <= 100'
    }

    It 'narrows to what was typed, and offers no file names for anything else' {
        (Complete 'Invoke-EncoderTraining -Strategy 3').CompletionText | Should -Be '3'
        Complete 'New-PairStrategy -Preset 7' | Should -BeNullOrEmpty
        Complete 'New-PairStrategy -Preset ./' | Should -BeNullOrEmpty
    }
}

Describe 'Completion of -User' {
    It 'offers the ids of the model given with -Model, lowest first, with their rating counts' {
        $found = Complete 'Get-Recommendation -Model $script:baseline -User '
        $found | Should -HaveCount ([ContrastiveRec.PowerShell.UserIdCompleter]::MaxResults)
        $expected = $script:set.UserIds | Sort-Object | Select-Object -First ([ContrastiveRec.PowerShell.UserIdCompleter]::MaxResults)
        $found.CompletionText | Should -Be ($expected | ForEach-Object { "$_" })
        $found[0].ToolTip | Should -Be "User 1 of MostPopular: $($script:set.GetRatings(1).Count) ratings"
    }

    It 'filters by the typed prefix' {
        $found = Complete 'Get-Recommendation -Model $script:baseline -User 60'
        $found.CompletionText | Should -Be ($script:set.UserIds | Where-Object { "$_" -like '60*' } | Sort-Object | ForEach-Object { "$_" })
        $found.CompletionText | Should -Contain '600'
    }

    It 'reads a model piped in from a variable' {
        # As typed at a prompt: a plain variable of the caller's scope, and a global one.
        $model = $script:model
        (Complete '$model | Get-UserEmbedding -User 12').CompletionText | Should -Be '12', '120', '121', '122', '123', '124', '125', '126', '127', '128', '129'
        $global:ContrastiveRecCompletionTest = $script:baseline
        try { (Complete '$global:ContrastiveRecCompletionTest | Get-Recommendation -Top 5 -User 61').CompletionText | Should -Be '61', '610' }
        finally { Remove-Variable ContrastiveRecCompletionTest -Scope Global }
    }

    It 'offers the ids of a trained encoder given to Get-UserEmbedding, at most MaxResults of them' {
        $found = Complete 'Get-UserEmbedding -Model $script:model -User 5'
        $found | Should -HaveCount ([ContrastiveRec.PowerShell.UserIdCompleter]::MaxResults)
        $found.CompletionText | Should -Be ($script:model.GetUserIds() | Where-Object { "$_" -like '5*' } | Sort-Object | Select-Object -First 50 | ForEach-Object { "$_" })
        $found[0].ToolTip | Should -Match '^User 5 of the model: \d+ ratings$'
    }

    It 'offers nothing, and no file names, without a model, after a command, or for a newcomer''s label' {
        Complete 'Get-Recommendation -User ' | Should -BeNullOrEmpty
        Complete 'Import-EncoderModel ./m.crec | Get-Recommendation -User ' | Should -BeNullOrEmpty
        Complete 'Get-Recommendation -Model $script:baseline -Ratings @{ MovieId = 1; Rating = 5 } -User ' | Should -BeNullOrEmpty
        Complete 'Get-Recommendation -Model $script:baseline -User ./' | Should -BeNullOrEmpty
    }
}

Describe 'Completion of Measure-RecallAtK -Protocol' {
    It 'offers Study and Full, not Newcomers, which -Protocol cannot take' {
        (Complete 'Measure-RecallAtK -Protocol ').CompletionText | Should -Be 'Full', 'Study'
        Complete 'Measure-RecallAtK -Protocol N' | Should -BeNullOrEmpty
        # Export-RecallChart draws Newcomers results too, so it still offers all three.
        (Complete 'Export-RecallChart -Protocol ').CompletionText | Should -Contain 'Newcomers'
    }

    It 'refuses -Protocol Newcomers while binding, naming -Newcomers' {
        { $script:baseline | Measure-RecallAtK -Protocol Newcomers -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*give -Newcomers the Newcomers of Split-RatingSet -HoldOutUsers*'
        ($script:baseline | Measure-RecallAtK -Protocol full -K 5).Protocol | Should -Be 'Full'
    }
}
