# Invoke-ParameterSearch and the fair baselines of New-BaselineRecommender (issue 24): settings tried on a validation
# part of the train ratings, best first, ready to splat; the same seed, the same trials; Ctrl+C keeps what finished.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:set = Import-MovieLens
}

Describe 'Invoke-ParameterSearch' {
    It 'tries each value on validation and emits the trials best first, whose Parameters splat into New-BaselineRecommender' {
        $trials = @($script:set | Invoke-ParameterSearch -Baseline Ease @{ Lambda = 30, 300, 3000 } -K 10)
        $trials | Should -HaveCount 3
        # (ForEach-Object: an array's own .Rank is its number of dimensions)
        $trials | ForEach-Object Rank | Should -Be 1, 2, 3
        $trials[0].Value | Should -BeGreaterOrEqual $trials[1].Value
        $trials[1].Value | Should -BeGreaterOrEqual $trials[2].Value
        @($trials.Parameters.Lambda | Sort-Object) | Should -Be 30, 300, 3000
        $trials | ForEach-Object { $_.Metric | Should -Be 'Recall'; $_.K | Should -Be 10; $_.Value | Should -Be $_.Recall }
        $best = $trials[0].Parameters
        $ease = $script:set | New-BaselineRecommender Ease @best
        $ease.Inner.Lambda | Should -Be $trials[0].Parameters.Lambda
        $ease.Choice | Should -BeNullOrEmpty -Because 'a lambda given is used as given'
        # The validation part is the train part's, so the figures are not the test part's.
        ($ease | Measure-RecallAtK -K 10).Recall | Should -Not -Be $trials[0].Value
        # The view shows each trial's setting and value.
        $text = ($trials | Out-String -Width 80) -replace '\e\[[0-9;]*m', ''
        $text | Should -Match "Lambda=$($trials[0].Parameters.Lambda)\s+Recall@10\s+$('{0:0.0000}' -f $trials[0].Value)"
        $LastParameterSearch.Count | Should -Be 3 -Because 'every search keeps its trials in $LastParameterSearch, in the scope it ran in'
    }

    It 'draws the same settings and figures from the same seed, and others from another' {
        $search = { param($Seed) @($script:set | Invoke-ParameterSearch -Baseline Ease -Method Random -Trials 2 -Seed $Seed @{ Lambda = @{ Min = 10; Max = 5000 } }) }
        $a = & $search 3
        $b = & $search 3
        $c = & $search 4
        ($a | ForEach-Object { "$($_.Parameters) $($_.Value)" }) | Should -Be ($b | ForEach-Object { "$($_.Parameters) $($_.Value)" })
        ($a.Parameters.Lambda | Sort-Object) | Should -Not -Be ($c.Parameters.Lambda | Sort-Object)
        $a.Parameters.Lambda | ForEach-Object { $_ | Should -BeGreaterOrEqual 10; $_ | Should -BeLessOrEqual 5000 }
    }

    It 'searches encoder training over the settings it names, the defaults for the rest' {
        $trials = @($script:set | Invoke-ParameterSearch -Objective UserMovie @{ Epochs = 1; LearningRate = 0.001, 0.01; BatchSize = 512 } -K 10)
        $trials | Should -HaveCount 2
        $trials[0].Model | Should -Be 'UserMovie training (Id encoder)'
        $p = $trials[0].Parameters
        $model = $script:set | Invoke-EncoderTraining -Objective UserMovie @p
        $model.Options.LearningRate | Should -Be $p.LearningRate
        $model.Options.Epochs | Should -Be 1
        $model.Dispose()
    }

    It 'warns when the time budget ends the search, and emits what finished' {
        $out = $script:set | Invoke-ParameterSearch -Baseline Ease @{ Lambda = 100 } -TimeBudget ([timespan]::Zero) -WarningVariable w -WarningAction SilentlyContinue
        @($out) | Should -HaveCount 0
        "$w" | Should -Match 'time budget ran out after 0 of 1 trials'
    }

    It 'keeps the finished trials, best first, in $LastParameterSearch when Ctrl+C stops it' {
        $run = Start-BuiltModuleRun "Import-MovieLens | Invoke-ParameterSearch -Baseline Ease @{ Lambda = 10, 20, 40, 80, 160, 320, 640, 1280 }" -Until '^Trial [3-7]/8'
        $run.PowerShell.Stop()
        $run.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
        $output = try { $run.PowerShell.EndInvoke($run.Async) } catch { @() }
        @($output).Count | Should -Be 0 -Because 'PowerShell takes no output after Ctrl+C'
        $kept = @($run.PowerShell.Runspace.SessionStateProxy.GetVariable('LastParameterSearch'))
        $kept.Count | Should -BeGreaterOrEqual 2
        $kept.Count | Should -BeLessThan 8
        $kept | ForEach-Object Rank | Should -Be (1..$kept.Count)
        for ($i = 1; $i -lt $kept.Count; $i++) { $kept[$i - 1].Value | Should -BeGreaterOrEqual $kept[$i].Value }
        $run.PowerShell.Dispose()
    }

    It 'refuses <Case> with ContrastiveRec.<Id> before any work' -ForEach @(
        @{ Case = 'a name the model does not have'; Id = 'UnknownSearchParameter'; Space = @{ Lamda = 100 } }
        @{ Case = 'a value of the wrong kind'; Id = 'InvalidSearchValue'; Space = @{ Lambda = 'high' } }
        @{ Case = 'a whole-number setting given a fraction'; Id = 'InvalidSearchValue'; Space = @{ MinMovieRatings = 2.5 } }
        @{ Case = 'a range in a grid'; Id = 'InvalidSearchValue'; Space = @{ Lambda = @{ Min = 1; Max = 10 } } }
        @{ Case = 'an empty space'; Id = 'EmptySearchSpace'; Space = @{} }
        @{ Case = 'a setting with no values'; Id = 'EmptySearchSpace'; Space = @{ Lambda = @() } }
    ) {
        $err = { $script:set | Invoke-ParameterSearch -Baseline Ease $Space } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be "ContrastiveRec.$Id,ContrastiveRec.PowerShell.InvokeParameterSearchCommand"
        "$($err.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
        $err.ErrorDetails.RecommendedAction | Should -Match '-Space|Space'
    }
}

Describe 'New-BaselineRecommender Ease without -Lambda: a fair baseline' {
    It 'chooses lambda on validation, says which and why, and keeps a given one' {
        $verbose = $($ease = $script:set | New-BaselineRecommender Ease -Verbose) 4>&1
        $lambda = $ease.Inner.Lambda
        $lambda | Should -BeIn 50, 100, 200, 400, 800, 1600
        $ease.Settings | Should -Match "^lambda $lambda, .*; lambda chosen on validation recall@20 over 50\.\.1600$"
        "$verbose" | Should -Match "Lambda = $lambda was chosen on a validation part \(5 % of each user's train ratings, seed 42\)"
        # The choice is the search's own best over the same grid and validation part.
        $best = $script:set | Invoke-ParameterSearch -Baseline Ease @{ Lambda = 50, 100, 200, 400, 800, 1600 } | Select-Object -First 1
        $best.Parameters.Lambda | Should -Be $lambda
        $given = $script:set | New-BaselineRecommender Ease -Lambda 250
        $given.Inner.Lambda | Should -Be 250
        $given.Settings | Should -Not -Match 'chosen'
    }
}
