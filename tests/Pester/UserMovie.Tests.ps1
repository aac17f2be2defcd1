BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:set = Import-MovieLens
    $script:id = $script:set | Invoke-EncoderTraining -Objective UserMovie -Epochs 3
    $script:profile = $script:set | Invoke-EncoderTraining -Objective UserMovie -Encoder Profile -Epochs 2
}

Describe 'Invoke-EncoderTraining -Objective UserMovie' {
    It 'takes the validated UserMovie defaults unless told otherwise' {
        $script:id.Objective | Should -Be 'UserMovie'
        $script:id.EncoderKind | Should -Be 'Id'
        $script:id.Options.Epochs | Should -Be 3
        $script:id.Options.BatchSize | Should -Be 64
        $script:id.Options.LearningRate | Should -Be 2e-3
        $script:id.Options.Temperature | Should -Be 0.15
        $script:id.Options.WeightDecay | Should -Be 0.01
        $script:profile.Options.Temperature | Should -Be 0.1
        $script:profile.Options.WeightDecay | Should -Be 0
        $script:profile.Options.LearningRate | Should -Be 1e-3
        $script:id.Options.DislikedWeight | Should -Be 0.5
        $script:profile.Options.DislikedWeight | Should -Be 0.5
        $script:id.Movies.Movies | Should -Be 9742
        $script:id.LossHistory.Count | Should -Be 3
        $script:id.LossHistory[-1] | Should -BeLessThan $script:id.LossHistory[0]
        ($script:id | Out-String) | Should -Match 'UserMovie \(Id\)'
    }

    It 'takes -DislikedWeight, checks its range, and keeps it in a saved model' {
        $m = $script:set | Invoke-EncoderTraining -Objective UserMovie -Epochs 1 -DislikedWeight 1
        $m.Options.DislikedWeight | Should -Be 1
        $path = Join-Path $TestDrive 'weights.crec'
        $m | Export-EncoderModel -Path $path
        (Import-EncoderModel -Path $path -Ratings $script:set).Options.DislikedWeight | Should -Be 1
        { $script:set | Invoke-EncoderTraining -Objective UserMovie -Epochs 1 -DislikedWeight 2 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'refuses the profile encoder with the study''s objective' {
        { $script:set | Invoke-EncoderTraining -Encoder Profile -Epochs 1 } | Should -Throw -ErrorId 'ContrastiveRec.EncoderNeedsUserMovie*'
    }

    It 'recommends and is measured like any model, under the Full protocol' -ForEach @(@{ Kind = 'Id' }, @{ Kind = 'Profile' }) {
        $model = if ($Kind -eq 'Id') { $script:id } else { $script:profile }
        $recs = $model | Get-Recommendation -User 1 -Top 10
        $recs.Count | Should -Be 10
        $seen = $script:set.GetRatings(1) | Where-Object { -not $_.IsTest } | ForEach-Object MovieId
        $recs.MovieId | Where-Object { $_ -in $seen } | Should -BeNullOrEmpty
        $recall = $model | Measure-RecallAtK -K 20
        $recall.Protocol | Should -Be 'Full'
        $recall.Model | Should -Be "UserMovie ($Kind)"
        $recall.Recall | Should -BeGreaterThan 0.05   # well above chance (20 of 9,742 movies) even after a few epochs
    }

    It 'survives Export-EncoderModel and Import-EncoderModel with the same recommendations' {
        $path = Join-Path $TestDrive 'profile.crec'
        $script:profile | Export-EncoderModel $path
        $loaded = Import-EncoderModel $path
        $loaded.EncoderKind | Should -Be 'Profile'
        ($loaded | Get-Recommendation -User 5).MovieId | Should -Be ($script:profile | Get-Recommendation -User 5).MovieId
    }

    It 'gives embeddings that the t-SNE and cluster cmdlets take' {
        $points = $script:id | ConvertTo-Tsne -Iterations 250
        $points.Count | Should -Be 610
        ($points | Get-UserCluster -Count 3).Cluster | Sort-Object -Unique | Should -Be 0, 1, 2
    }

    It 'adds the study''s triplet loss with -PairWeight' {
        $paired = $script:set | Invoke-EncoderTraining -Objective UserMovie -Epochs 1 -PairWeight 1 -Strategy 4
        $paired.Options.PairWeight | Should -Be 1
        $paired.MiningStatistics.Triplets | Should -BeGreaterThan 0
        ($paired | Out-String) | Should -Match '\+ pairs'
    }
}
