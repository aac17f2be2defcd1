BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:set = Import-MovieLens
    # Small and quick: names, not quality, are under test.
    $script:small = @{ Strategy = 4; Epochs = 1; BatchSize = 4096; EmbeddingSize = 32; HiddenSize = 32; LatentSize = 16 }
    $script:a = $script:set | Invoke-EncoderTraining @small -Name 'a'
    $script:b = $script:set | Invoke-EncoderTraining @small -LearningRate 1e-3 -Name 'b'
    $script:plain = $script:set | Invoke-EncoderTraining @small
}

Describe 'Model names' {
    It 'names a model as given, and as before names existed when not given' {
        $script:a.Name | Should -Be 'a'
        $script:b.Name | Should -Be 'b'
        $script:plain.Name | Should -Be 'Strategy 4'
    }

    It 'carries the names of two models of one strategy into their RecallAtK rows' {
        $results = $script:a, $script:b | Measure-RecallAtK -K 10 -Protocol Full
        $results.Model | Should -Be @('a', 'b')
        ($script:plain | Measure-RecallAtK -K 10 -Protocol Full).Model | Should -Be 'Strategy 4'
    }

    It 'labels recommendations with the name' {
        $rows = $script:a | Get-Recommendation -User 1 -Top 3
        $rows.Count | Should -Be 3
        $rows.Model | Should -Be @('a', 'a', 'a')
    }

    It 'draws a chart with both names, which two unnamed models of one strategy cannot have' {
        $named = $script:a, $script:b | Measure-RecallAtK -K 10 -Protocol Full
        $path = Join-Path $TestDrive 'named.png'
        $verbose = $named | Export-RecallChart $path -Verbose 4>&1
        Test-Path $path | Should -BeTrue
        ($verbose | Out-String) | Should -Match 'of 2 models'
        # The legend is drawn from the names: b saved and loaded as c has the very same recall, so only the legend differs.
        $file = Join-Path $TestDrive 'b.crec'
        $script:b | Export-EncoderModel $file
        $c = Import-EncoderModel $file -Ratings $script:set -Name 'c'
        $renamed = $script:a, $c | Measure-RecallAtK -K 10 -Protocol Full
        $renamed[1].Recall | Should -Be $named[1].Recall
        $other = Join-Path $TestDrive 'renamed.png'
        $renamed | Export-RecallChart $other
        (Get-FileHash $path).Hash | Should -Not -Be (Get-FileHash $other).Hash

        $twin = $script:set | Invoke-EncoderTraining @script:small -LearningRate 1e-3
        $unnamed = $script:plain, $twin | Measure-RecallAtK -K 10 -Protocol Full
        $unnamed.Model | Should -Be @('Strategy 4', 'Strategy 4')
        { $unnamed | Export-RecallChart (Join-Path $TestDrive 'twins.png') } | Should -Throw '*Strategy 4 has more than one recall@10*'
    }

    It 'keeps the name in the model file, and an import can rename' {
        $path = Join-Path $TestDrive 'a.crec'
        $script:a | Export-EncoderModel $path
        (Import-EncoderModel $path -Ratings $script:set).Name | Should -Be 'a'
        $renamed = Import-EncoderModel $path -Ratings $script:set -Name 'a, reloaded'
        $renamed.Name | Should -Be 'a, reloaded'
        ($renamed | Measure-RecallAtK -K 10 -Protocol Full).Model | Should -Be 'a, reloaded'
    }

    It 'names a baseline as given, in its results, and keeps the registry name otherwise' {
        $pop = $script:set | New-BaselineRecommender MostPopular -Name 'popular, train likes'
        $pop.Name | Should -Be 'popular, train likes'
        ($pop | Measure-RecallAtK -K 10).Model | Should -Be 'popular, train likes'
        ($pop | Get-Recommendation -User 1 -Top 1).Model | Should -Be 'popular, train likes'
        ($script:set | New-BaselineRecommender MostPopular).Name | Should -Be 'MostPopular'
    }

    It 'refuses <Label> with ContrastiveRec.InvalidModelName before any work' -ForEach @(
        @{ Label = 'an empty name'; Bad = '' }
        @{ Label = 'a name of spaces'; Bad = '   ' }
        @{ Label = 'a name with a line break'; Bad = "two`nlines" }
        @{ Label = 'a name with a tab'; Bad = "a`tb" }
        @{ Label = 'a name of 101 characters'; Bad = 'x' * 101 }
    ) {
        $path = Join-Path $TestDrive 'a.crec'
        if (-not (Test-Path $path)) { $script:a | Export-EncoderModel $path }
        $calls = @(
            { $script:set | Invoke-EncoderTraining @script:small -Name $Bad }
            { $script:set | New-BaselineRecommender MostPopular -Name $Bad }
            { Import-EncoderModel $path -Ratings $script:set -Name $Bad }
        )
        foreach ($call in $calls) {
            $out = $null
            $err = { $script:out = & $call } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.InvalidModelName,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.ErrorDetails.RecommendedAction | Should -Match '-Name'
            $script:out | Should -BeNullOrEmpty
        }
    }
}

Describe 'ConvertTo-Json of a model' {
    It 'is the model''s summary: small, enums by name, the key numbers of the object' {
        $m = $script:a
        $json = $m | ConvertTo-Json
        $json.Length | Should -BeLessThan 6000
        $json | Should -Not -Match '"(Objective|EncoderKind|NegativeRule|Layout|SplitMethod|Method)":\s*\d'
        $o = $json | ConvertFrom-Json
        $o.Name | Should -Be $m.Name
        $o.Objective | Should -Be $m.Objective.ToString()
        $o.EncoderKind | Should -Be $m.EncoderKind.ToString()
        $o.Strategy.NegativeRule | Should -Be $m.Strategy.NegativeRule.ToString()
        $o.Strategy.Preset | Should -Be $m.Strategy.Preset
        $o.Options.Objective | Should -Be $m.Options.Objective.ToString()
        $o.Options.LatentDim | Should -Be $m.Options.LatentDim
        $o.Options.Epochs | Should -Be $m.Options.Epochs
        $o.UserCount | Should -Be $m.UserCount
        $o.EpochsCompleted | Should -Be $m.EpochsCompleted
        $o.LossHistory | Should -Be $m.LossHistory
        $o.MiningStatistics.Triplets | Should -Be $m.MiningStatistics.Triplets
        $o.RatingSet.RatingCount | Should -Be $m.RatingSet.RatingCount
        $o.RatingSet.Layout | Should -Be $m.RatingSet.Layout.ToString()
        $o.Data.SplitMethod | Should -Be $m.Data.SplitMethod.ToString()
        # The internals are not there: no tensors, no id lists.
        $o.PSObject.Properties.Name | Should -Not -Contain 'Encoder'
        $o.PSObject.Properties.Name | Should -Not -Contain 'UserIds'
        $o.RatingSet.PSObject.Properties.Name | Should -Not -Contain 'MovieIds'
    }

    It 'stays small and clean at -Depth 5, for a model and a baseline' {
        $deep = $script:a | ConvertTo-Json -Depth 5 -ErrorAction Stop -WarningAction SilentlyContinue
        $deep.Length | Should -BeLessThan 6000
        $ease = $script:set | New-BaselineRecommender Ease -MinMovieRatings 50 -Name 'EASE 50'
        $json = $ease | ConvertTo-Json -Depth 5 -ErrorAction Stop -WarningAction SilentlyContinue
        $json.Length | Should -BeLessThan 6000
        $o = $json | ConvertFrom-Json
        $o.Name | Should -Be 'EASE 50'
        $o.Kind | Should -Be 'Ease'
        $o.Inner.KeptMovies | Should -Be $ease.Inner.KeptMovies
        $o.RatingSet.UserCount | Should -Be $script:set.UserCount
    }
}
