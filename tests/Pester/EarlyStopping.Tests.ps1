BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:set = Import-MovieLens
    # Small tables: the run validates and stops, it does not need to be good.
    $script:small = @{ Objective = 'UserMovie'; EmbeddingSize = 32; HiddenSize = 32; LatentSize = 16; ThreadCount = 1 }
}

Describe 'Invoke-EncoderTraining -Validation' {
    It 'validates after every epoch, stops after -Patience validations without gain and says its best epoch' {
        # -Patience 2 on the bundled data is Get-Help's example, which Help.Tests runs.
        $verbose = $null
        # A learning rate too high to improve steadily: one validation without gain (patience 1) stops the run.
        $model = $script:set | Invoke-EncoderTraining @small -Epochs 12 -LearningRate 0.5 -Validation 0.1 -Patience 1 -Verbose 4>&1 |
            Tee-Object -Variable verbose | Where-Object { $_ -is [ContrastiveRec.Training.TrainedEncoder] }
        $v = $model.Validation
        $v.Metric | Should -Be 'Recall@20'
        $v.Users | Should -BeGreaterThan 100
        $v.Users | Should -BeLessOrEqual 2000
        $v.Scores.Epoch | Should -Be (1..$model.EpochsCompleted)
        $v.Scores.Value | ForEach-Object { $_ | Should -BeGreaterOrEqual 0; $_ | Should -BeLessOrEqual 1 }
        $v.StoppedEarly | Should -BeTrue
        $model.EpochsCompleted | Should -BeLessThan 12
        $v.BestEpoch | Should -Be ($model.EpochsCompleted - 1)
        $v.Best.Value | Should -Be ($v.Scores.Value | Measure-Object -Maximum).Maximum
        $model.LossHistory.Count | Should -Be $model.EpochsCompleted
        # The model reports the whole set, so Measure-RecallAtK measures its test part.
        [object]::ReferenceEquals($model.RatingSet, $script:set) | Should -BeTrue
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Where-Object Message -Like '*Recall@20 * on * validation users*').Count | Should -Be $model.EpochsCompleted
        ($verbose | Where-Object Message -Like "Stopped after epoch $($model.EpochsCompleted)*epoch $($v.BestEpoch)'s weights*") | Should -Not -BeNullOrEmpty
        $shown = ($model | Format-List | Out-String -Width 80) -replace '\s+', ' '
        $shown | Should -Match "Validation : Recall@20 0\.\d{4} at epoch $($v.BestEpoch) \(\d+ validations of [\d,]+ users, stopped early\); the model has epoch $($v.BestEpoch)'s weights"
    }

    It 'without -Patience records the figures, every -ValidationInterval epochs and the last, and never stops' {
        $model = $script:set | Invoke-EncoderTraining @small -Epochs 3 -Validation 0.05 -ValidationInterval 2 -ValidationUsers 100 -ValidationK 10 -LearningRate 0.01 -ReduceLearningRateAfter 5
        $model.EpochsCompleted | Should -Be 3
        $model.Validation.Scores.Epoch | Should -Be 2, 3
        $model.Validation.Metric | Should -Be 'Recall@10'
        $model.Validation.Users | Should -Be 100
        $model.Validation.StoppedEarly | Should -BeFalse
        # Each validation says the learning rate its epoch trained at: the one given, as nothing was reduced yet.
        $model.Validation.Scores.LearningRate | Should -Be 0.01, 0.01
    }

    It 'takes a set from Split-RatingSet -Validation as it is, and keeps the figures in the model file' {
        $validation = $script:set | Split-RatingSet -Validation -TestFraction 0.05 -Seed 3
        $model = $script:set | Invoke-EncoderTraining @small -Encoder Graph -Epochs 2 -BatchSize 256 -Validation $validation -ValidationUsers 200
        $model.Validation.Scores.Count | Should -Be 2
        $path = Join-Path $TestDrive 'validated.crec'
        $model | Export-EncoderModel $path
        $loaded = Import-EncoderModel $path -Ratings $script:set
        $loaded.Validation.Scores.Value | Should -Be $model.Validation.Scores.Value
        $loaded.Validation.BestEpoch | Should -Be $model.Validation.BestEpoch
    }

    It 'refuses a share outside 0 to 1 by name: <Given>' -ForEach @(
        @{ Given = 0 }, @{ Given = 1 }, @{ Given = 1.5 }, @{ Given = -0.1 }, @{ Given = 'ten percent' }
    ) {
        $err = { $script:set | Invoke-EncoderTraining @small -Epochs 1 -Validation $Given } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.ValidationFractionOutOfRange,*'
        "$($err.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
        $err.ErrorDetails.RecommendedAction | Should -Match 'Split-RatingSet -Validation'
    }

    It 'refuses validation ratings that are not carved from the train part: <Case>' -ForEach @(
        @{ Case = 'the set itself, whose test part would be read'; Make = { $script:set } }
        @{ Case = 'another split of the same ratings'; Make = { $script:set | Split-RatingSet -Seed 7 | Split-RatingSet -Validation } }
    ) {
        $validation = & $Make
        $err = { $script:set | Invoke-EncoderTraining @small -Epochs 1 -Validation $validation } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.ValidationSetMismatch,*'
        "$($err.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
    }

    It 'refuses held-out ratings with nothing liked to find' {
        $rows = foreach ($u in 1..20) { foreach ($m in 1..20) { [pscustomobject]@{ UserId = $u; MovieId = $m; Rating = 2 } } }
        $dull = $rows | ConvertTo-RatingSet -TestFraction 0.1 -RatingScale 1, 5
        $err = { $dull | Invoke-EncoderTraining @small -Epochs 1 -Validation 0.2 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.NothingToValidate,*'
        "$($err.CategoryInfo.Category)" | Should -Be 'InvalidData'
    }
}
