BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:set = Import-MovieLens
    $script:id = $script:set | Invoke-EncoderTraining -Objective UserMovie -Epochs 3
    $script:profile = $script:set | Invoke-EncoderTraining -Objective UserMovie -Encoder Profile -Epochs 2
    $script:graph = $script:set | Invoke-EncoderTraining -Objective UserMovie -Encoder Graph -Epochs 2
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
        $script:id.MovieCount | Should -Be 9742
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

    It 'trains on a click log, weighs each click by its count when told, and finds held-out clicks (every one relevant)' {
        $clicks = New-TestClickLog | Split-RatingSet -TestFraction 0.2 -Seed 42
        $clicks.Feedback.IsImplicit | Should -BeTrue
        $plain = $clicks | Invoke-EncoderTraining -Objective UserMovie -Epochs 2 -LatentSize 16 -EmbeddingSize 16 -HiddenSize 16
        $weighted = $clicks | Invoke-EncoderTraining -Objective UserMovie -Epochs 2 -LatentSize 16 -EmbeddingSize 16 -HiddenSize 16 -CountWeighting
        $plain.Options.CountWeighting | Should -BeFalse
        $weighted.Options.CountWeighting | Should -BeTrue
        $weighted.LossHistory[-1] | Should -Not -Be $plain.LossHistory[-1]
        $recall = $weighted | Measure-RecallAtK -K 10 -WarningVariable warned
        $warned | Should -BeNullOrEmpty
        $recall.Users | Should -Be 30
        # Every held-out click is relevant: the relevant items are the whole test part.
        $recall.Relevant | Should -Be $clicks.TestCount
    }

    It 'refuses the <Kind> encoder with the study''s objective' -ForEach @(@{ Kind = 'Profile' }, @{ Kind = 'Graph' }) {
        { $script:set | Invoke-EncoderTraining -Encoder $Kind -Epochs 1 } | Should -Throw -ErrorId 'ContrastiveRec.EncoderNeedsUserMovie*'
    }

    It 'recommends and is measured like any model, under the Full protocol' -ForEach @(@{ Kind = 'Id' }, @{ Kind = 'Profile' }, @{ Kind = 'Graph' }) {
        $model = @{ Id = $script:id; Profile = $script:profile; Graph = $script:graph }[$Kind]
        $recs = $model | Get-Recommendation -User 1 -Top 10
        $recs.Count | Should -Be 10
        $seen = $script:set.GetRatings(1) | Where-Object { -not $_.IsTest } | ForEach-Object MovieId
        $recs.MovieId | Where-Object { $_ -in $seen } | Should -BeNullOrEmpty
        $recall = $model | Measure-RecallAtK -K 20
        $recall.Protocol | Should -Be 'Full'
        $recall.Model | Should -Be "UserMovie ($Kind)"
        $recall.Recall | Should -BeGreaterThan 0.05   # well above chance (20 of 9,742 movies) even after a few epochs
    }

    It 'survives Export-EncoderModel and Import-EncoderModel with the same recommendations (<Kind>)' -ForEach @(@{ Kind = 'Profile' }, @{ Kind = 'Graph' }) {
        $model = @{ Profile = $script:profile; Graph = $script:graph }[$Kind]
        $path = Join-Path $TestDrive "$Kind.crec"
        $model | Export-EncoderModel $path
        $loaded = Import-EncoderModel $path
        $loaded.EncoderKind | Should -Be $Kind
        ($loaded | Get-Recommendation -User 5).MovieId | Should -Be ($model | Get-Recommendation -User 5).MovieId
        ($loaded | Get-Recommendation -Ratings @{ MovieId = 1; Rating = 5 }).MovieId | Should -Be ($model | Get-Recommendation -Ratings @{ MovieId = 1; Rating = 5 }).MovieId
        ($loaded | Get-UserEmbedding -User 5).Vector | Should -Be ($model | Get-UserEmbedding -User 5).Vector
    }

    It 'takes the graph encoder''s own settings and refuses row-wise updates' {
        $script:graph.Options.Layers | Should -Be ([ContrastiveRec.Training.TrainingOptions]::UserMovieDefaults('Graph').Layers)
        ($script:graph | Out-String) | Should -Match 'UserMovie \(Graph\)\s+610\s+200, 1 layer\s'
        $m = $script:set | Invoke-EncoderTraining -Objective UserMovie -Encoder Graph -Epochs 1 -Layers 1 -ContrastWeight 0.2 -NoiseScale 0.05
        $m.Options.Layers | Should -Be 1
        $m.Options.ContrastWeight | Should -Be 0.2
        $m.Options.NoiseScale | Should -Be 0.05
        { $script:set | Invoke-EncoderTraining -Objective UserMovie -Encoder Graph -Epochs 1 -RowWiseUpdates -ErrorAction Stop } | Should -Throw '*RowWiseUpdates*'
        { $script:set | Invoke-EncoderTraining -Objective UserMovie -Encoder Graph -Layers 9 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'starts the user table from -InitStd, the same for the same seed' {
        $a = $script:set | Invoke-EncoderTraining -Objective UserMovie -Epochs 1 -InitStd 0.01 -Seed 3
        $b = $script:set | Invoke-EncoderTraining -Objective UserMovie -Epochs 1 -InitStd 0.01 -Seed 3
        $torch = $script:set | Invoke-EncoderTraining -Objective UserMovie -Epochs 1 -Seed 3
        $a.Options.InitStd | Should -Be 0.01
        $torch.Options.InitStd | Should -BeNullOrEmpty
        $a.LossHistory[0] | Should -Be $b.LossHistory[0]
        $a.LossHistory[0] | Should -Not -Be $torch.LossHistory[0]
        { $script:set | Invoke-EncoderTraining -Objective UserMovie -InitStd 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'gives embeddings that the t-SNE and cluster cmdlets take (<Kind>)' -ForEach @(@{ Kind = 'Id' }, @{ Kind = 'Graph' }) {
        $points = @{ Id = $script:id; Graph = $script:graph }[$Kind] | ConvertTo-Tsne -Iterations 250
        $points.Count | Should -Be 610
        ($points | Get-UserCluster -Count 3).Cluster | Sort-Object -Unique | Should -Be 0, 1, 2
    }

    It 'adds the study''s triplet loss with -PairWeight' {
        $paired = $script:set | Invoke-EncoderTraining -Objective UserMovie -Epochs 1 -PairWeight 1 -Strategy 4
        $paired.Options.PairWeight | Should -Be 1
        $paired.MiningStatistics.Triplets | Should -BeGreaterThan 0
        # The table wraps a long model name at spaces within its column; the list shows it on one line.
        ($paired | Format-List | Out-String) | Should -Match "Model\s+: $([regex]::Escape($paired.Name))"
        $paired.Name | Should -Be 'UserMovie (Id, pairs x1)'
    }
}
