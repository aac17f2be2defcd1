BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:set = Import-MovieLens
    # Quality does not matter here, only shape, so one quick epoch of the smallest strategy.
    $script:model = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1
}

Describe 'Get-Recommendation' {
    It 'gives -Top typed recommendations per user, ranked from 1, never a movie the user rated in train' {
        $recs = $script:model | Get-Recommendation -User 1, 2 -Top 7
        $recs | Should -HaveCount 14
        $recs | ForEach-Object { $_ | Should -BeOfType ([ContrastiveRec.Recommendation.MovieRecommendation]) }
        foreach ($user in 1, 2) {
            $mine = @($recs | Where-Object UserId -EQ $user)
            # Array has a Rank property of its own (its dimensions), so no member enumeration here.
            ($mine | ForEach-Object Rank) | Should -Be (1..7)
            ($mine.MovieId | Sort-Object -Unique).Count | Should -Be 7
            $train = $script:set.GetRatings($user) | Where-Object { -not $_.IsTest } | ForEach-Object MovieId
            $mine.MovieId | Where-Object { $_ -in $train } | Should -BeNullOrEmpty
            foreach ($r in $mine) {
                $r.Title | Should -Be $script:set.GetMovie($r.MovieId).Title
                $r.Model | Should -Be 'Strategy 4'
                $r.SuggestedBy | Should -Not -BeNullOrEmpty
                $r.SuggestedBy | Should -Not -Contain $user
                # A neighbour's liked movie at Strategy 4's threshold: the score is that neighbour's rating.
                $r.Score | Should -BeGreaterOrEqual 4
            }
            # Ordered by the suggesting neighbour's rating.
            $scores = $mine.Score
            $scores | Should -Be ($scores | Sort-Object -Descending)
        }
    }

    It 'takes user ids from the pipeline by property name' {
        $recs = [pscustomobject]@{ UserId = 5 }, [pscustomobject]@{ UserId = 9 } | Get-Recommendation -Model $script:model -Top 3
        ($recs.UserId | Sort-Object -Unique) | Should -Be 5, 9
        $recs | Should -HaveCount 6
        # The same as asking directly.
        $direct = $script:model | Get-Recommendation -User 5, 9 -Top 3
        ($recs.MovieId -join ',') | Should -Be ($direct.MovieId -join ',')
    }

    It 'binds plain integers from the pipeline to -User, and still binds a piped model to -Model' {
        $piped = 5, 9 | Get-Recommendation -Model $script:model -Top 3
        $direct = $script:model | Get-Recommendation -User 5, 9 -Top 3
        ($piped.UserId | Sort-Object -Unique) | Should -Be 5, 9
        ($piped.MovieId -join ',') | Should -Be ($direct.MovieId -join ',')
        # A baseline piped in binds to -Model, not to -User, and the number on the command line to -User.
        $baseline = $script:set | New-BaselineRecommender MostPopular
        ($baseline | Get-Recommendation -User 3 -Top 2).UserId | Should -Be 3, 3
        # With -Ratings, piped numbers have no parameter to go to.
        { 5 | Get-Recommendation -Model $script:model -Ratings @{ MovieId = 1; Rating = 5 } -ErrorAction Stop } |
            Should -Throw -ErrorId 'InputObjectNotBound*'
    }

    It 'reports an unknown id as a non-terminating ObjectNotFound error and still serves the others' {
        $errors = $null
        $recs = $script:model | Get-Recommendation -User 1, 987654, 3 -Top 2 -ErrorVariable errors -ErrorAction SilentlyContinue
        ($recs.UserId | Sort-Object -Unique) | Should -Be 1, 3
        $errors | Should -HaveCount 1
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.UnknownUser*'
        $errors[0].Exception.Message | Should -Match '987654'
    }

    It 'has a table view' {
        $text = $script:model | Get-Recommendation -User 1 -Top 2 | Out-String -Width 200
        foreach ($name in 'UserId', 'Rank', 'MovieId', 'Title', 'Genres', 'Score', 'SuggestedBy') { $text | Should -Match $name }
    }
}

Describe 'New-BaselineRecommender' {
    It 'builds <Kind> whose recommendations have the same type and leave out seen movies' -ForEach @(
        @{ Kind = 'MostPopular' }, @{ Kind = 'UserKnn' }, @{ Kind = 'ItemKnn' }
    ) {
        $baseline = $script:set | New-BaselineRecommender -Kind $Kind
        $baseline | Should -BeOfType ([ContrastiveRec.Recommendation.BaselineRecommender])
        $baseline.Name | Should -Be $Kind
        ($baseline | Out-String) | Should -Match $Kind
        $recs = $baseline | Get-Recommendation -User 1 -Top 5
        $recs | Should -HaveCount 5
        $recs | ForEach-Object { $_ | Should -BeOfType ([ContrastiveRec.Recommendation.MovieRecommendation]) }
        $train = $script:set.GetRatings(1) | Where-Object { -not $_.IsTest } | ForEach-Object MovieId
        $recs.MovieId | Where-Object { $_ -in $train } | Should -BeNullOrEmpty
    }

    It 'takes every kind of the registry, and only those' {
        $kinds = [enum]::GetNames((Get-Command New-BaselineRecommender).Parameters['Kind'].ParameterType)
        $kinds | Should -Be ([ContrastiveRec.Recommendation.RecommenderRegistry]::Baselines.Kind | ForEach-Object ToString)
        { $script:set | New-BaselineRecommender -Kind NoSuchBaseline } | Should -Throw -ExpectedMessage '*NoSuchBaseline*'
    }

    It 'refuses an EASE setting out of range with the core''s message' {
        { $script:set | New-BaselineRecommender Ease -Lambda 0 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ContrastiveRec.InvalidBaselineSetting,ContrastiveRec.PowerShell.NewBaselineRecommenderCommand'
        { $script:set | New-BaselineRecommender Ease -MinMovieRatings -1 -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*MinMovieRatings*'
    }

    It 'says with -Verbose how many movies EASE kept and what share of the train ratings they cover' {
        $verbose = $($baseline = $script:set | New-BaselineRecommender Ease -MinMovieRatings 20 -Verbose) 4>&1
        $ease = $baseline.Inner
        $ease.KeptMovies | Should -BeLessThan $script:set.MovieCount
        $ease.RatingShareCovered | Should -BeGreaterThan 0
        $ease.RatingShareCovered | Should -BeLessThan 1
        $line = "$verbose"
        $line | Should -Match ([regex]::Escape($ease.KeptMovies.ToString('N0', [cultureinfo]::InvariantCulture)))
        $line | Should -Match ([regex]::Escape($ease.RatingShareCovered.ToString('P1', [cultureinfo]::InvariantCulture)))
        "$ease" | Should -Match 'of train ratings'
    }

    It 'keeps -ItemNeighbors most similar movies per movie for ItemKnn, and refuses fewer than 1' {
        $verbose = $($baseline = $script:set | New-BaselineRecommender ItemKnn -ItemNeighbors 20 -Verbose) 4>&1
        $baseline.Inner.Neighbors | Should -Be 20
        $baseline.Inner.KeepsAllNeighbors | Should -BeFalse
        "$verbose" | Should -Match 'keeps 20 most similar'
        ($baseline | Get-Recommendation -User 1 -Top 5) | Should -HaveCount 5
        ($script:set | New-BaselineRecommender ItemKnn).Inner.KeepsAllNeighbors | Should -BeTrue
        { $script:set | New-BaselineRecommender ItemKnn -ItemNeighbors 0 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ContrastiveRec.InvalidBaselineSetting,ContrastiveRec.PowerShell.NewBaselineRecommenderCommand'
    }

    It 'ranks MostPopular by the number of train likes' {
        $recs = $script:set | New-BaselineRecommender MostPopular | Get-Recommendation -User 1 -Top 3
        # Count the likes (train ratings >= 3.5) of the recommended movies independently, through the public API.
        $likes = @{}
        foreach ($id in $script:set.UserIds) {
            foreach ($r in $script:set.GetRatings($id)) {
                if (-not $r.IsTest -and $r.Value -ge 3.5 -and $r.MovieId -in $recs.MovieId) { $likes[$r.MovieId]++ }
            }
        }
        foreach ($r in $recs) { $r.Score | Should -Be $likes[$r.MovieId] }
        $recs.Score | Should -Be ($recs.Score | Sort-Object -Descending)
    }
}

Describe 'Measure-RecallAtK' {
    It 'reports metrics over no user as missing (n/a) and warns, rather than printing 0.00 % in silence' {
        # 30 users who like nothing: no test rating reaches the Full protocol's like threshold of 3.5.
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'no-likes')
        $rows = foreach ($u in 1..30) { foreach ($m in 1..12) { "$u,$m,2.0,$($u * 100 + $m)" } }
        Set-Content (Join-Path $folder 'ratings.csv') (@('userId,movieId,rating,timestamp') + $rows)
        $dislikes = Import-MovieLens -Path $folder
        $popular = $dislikes | New-BaselineRecommender -Kind MostPopular
        $results = $popular | Measure-RecallAtK -K 10 -WarningVariable warned -WarningAction SilentlyContinue
        $results.Users | Should -Be 0
        [double]::IsNaN($results.Recall) | Should -BeTrue
        [double]::IsNaN($results.Ndcg) | Should -BeTrue
        ($results | Out-String) | Should -Match 'n/a'
        ($results | Out-String) | Should -Not -Match '0\.00 %'
        "$warned" | Should -Match 'No user could be evaluated'
        $none = $script:model | Measure-RecallAtK -K 10 -WarningVariable quiet -WarningAction SilentlyContinue
        $none.Users | Should -BeGreaterThan 0
        $quiet | Should -BeNullOrEmpty
    }

    It 'emits one typed result per K, with fractions in range, Full for an encoder by default' {
        $results = $script:model | Measure-RecallAtK
        $results | Should -HaveCount 3
        $results.K | Should -Be 10, 20, 50
        foreach ($r in $results) {
            $r | Should -BeOfType ([ContrastiveRec.Evaluation.RecallAtK])
            $r.Model | Should -Be 'Strategy 4'
            $r.Protocol | Should -Be 'Full'
            foreach ($p in 'Recall', 'PooledRecall', 'Ndcg', 'HitRate', 'Precision') { $r.$p | Should -BeGreaterOrEqual 0; $r.$p | Should -BeLessOrEqual 1 }
            $r.Users | Should -BeGreaterThan 0
            $r.Relevant | Should -BeGreaterOrEqual $r.Users
        }
        # More recommendations find at least as much.
        $results[1].Recall | Should -BeGreaterOrEqual $results[0].Recall
        $results[2].HitRate | Should -BeGreaterOrEqual $results[1].HitRate
    }

    It 'shows its table in percent within 80 columns, and every measure in the list view' {
        $results = $script:model | Measure-RecallAtK -K 10
        $lines = ($results | Out-String -Width 80) -split "`r?`n" | ForEach-Object { ($_ -replace '\e\[[0-9;]*m', '').TrimEnd() } | Where-Object { $_ }
        $lines[0] | Should -Match 'Model: Strategy 4 \(Full protocol\)$'
        $lines[1] | Should -Match '^\s+K\s+Recall\s+NDCG\s+MAP\s+MRR\s+HitRate\s+Precision\s+Coverage\s+Users$'
        $lines[3] | Should -Match ('^\s+10\s+{0:0.00} %\s+{1:0.00} %\s+{2:0.00} %' -f (100 * $results.Recall), (100 * $results.Ndcg), (100 * $results.Map))
        $list = $results | Format-List | Out-String
        foreach ($p in 'PooledRecall', 'Mrr', 'Coverage', 'MeanPopularity', 'PopularityPercentile', 'Novelty') { $list | Should -Match "(?m)^$p\s+:" }
    }

    It '-PerUser emits a row per evaluated user and K, named by the data''s ids, whose means are the summary''s' {
        $itemKnn = $script:set | New-BaselineRecommender ItemKnn
        $summary = $itemKnn | Measure-RecallAtK -K 10, 20
        $rows = $itemKnn | Measure-RecallAtK -K 10, 20 -PerUser
        $rows | Should -HaveCount (2 * $summary[0].Users)
        $rows[0] | Should -BeOfType ([ContrastiveRec.Evaluation.UserRecallAtK])
        $rows[0..1].K | Should -Be 10, 20
        $rows[0].User | Should -Be 1 # the first user, as the data names it
        foreach ($s in $summary) {
            $mine = $rows | Where-Object K -EQ $s.K
            ($mine | Measure-Object Recall -Average).Average | Should -Be $s.Recall
            ($mine | Measure-Object AveragePrecision -Average).Average | Should -Be $s.Map
            ($mine | Measure-Object ReciprocalRank -Average).Average | Should -Be $s.Mrr
            ($mine | Measure-Object Relevant -Sum).Sum | Should -Be $s.Relevant
            @($mine | Where-Object Hits -GT 0).Count / $s.Users | Should -Be $s.HitRate
        }
    }

    It 'shows what is recommended: the most popular movies reach little of the catalogue, ItemKnn more' {
        $popular = $script:set | New-BaselineRecommender MostPopular | Measure-RecallAtK -K 10
        $itemKnn = $script:set | New-BaselineRecommender ItemKnn | Measure-RecallAtK -K 10
        # Ten movies for everyone, minus each user's own: a few dozen of 9,742.
        $popular.Coverage | Should -BeLessThan 0.01
        $itemKnn.Coverage | Should -BeGreaterThan (2 * $popular.Coverage)
        $popular.PopularityPercentile | Should -BeGreaterThan $itemKnn.PopularityPercentile
        $popular.MeanPopularity | Should -BeGreaterThan $itemKnn.MeanPopularity
        $popular.Novelty | Should -BeLessThan $itemKnn.Novelty
    }

    It 'evaluates the Full protocol on every user with a liked test movie, for encoders and baselines alike' {
        $full = $script:model | Measure-RecallAtK -K 10 -Protocol Full
        $full.Protocol | Should -Be 'Full'
        $liked = 0; $users = 0
        foreach ($id in $script:set.UserIds) {
            $n = @($script:set.GetRatings($id) | Where-Object { $_.IsTest -and $_.Value -ge 3.5 }).Count
            $liked += $n; if ($n) { $users++ }
        }
        $full.Relevant | Should -Be $liked
        $full.Users | Should -Be $users
        $baseline = $script:set | New-BaselineRecommender ItemKnn | Measure-RecallAtK -K 10
        $baseline.Protocol | Should -Be 'Full'
        $baseline.Relevant | Should -Be $liked
    }

    It 'refuses the Study protocol for a baseline with a non-terminating error' {
        $errors = $null
        $out = $script:set | New-BaselineRecommender MostPopular | Measure-RecallAtK -Protocol Study -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.ProtocolNotSupported*'
    }

    It 'shows percent in its table view' {
        ($script:model | Measure-RecallAtK -K 10 | Out-String) | Should -Match '\d+\.\d\d %'
    }
}

Describe 'The study''s workflow' {
    It 'runs Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 2 | Measure-RecallAtK -Protocol Study' {
        $results = Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 2 | Measure-RecallAtK -Protocol Study
        $results | Should -HaveCount 3
        $results.K | Should -Be 10, 20, 50
        $results.Protocol | Sort-Object -Unique | Should -Be 'Study'
        foreach ($r in $results) {
            $r.Recall | Should -BeGreaterOrEqual 0
            $r.Recall | Should -BeLessOrEqual 1
            $r.Ndcg | Should -BeLessOrEqual 1
            # Strategy 4 keeps about 900 test rows; its relevant items are the liked ones among them.
            $r.Relevant | Should -BeGreaterThan 0
            $r.Relevant | Should -BeLessOrEqual 898
        }
    }
}

Describe 'Compare-RecallAtK' {
    BeforeAll {
        $script:ease = $script:set | New-BaselineRecommender Ease
        $script:itemKnn = $script:set | New-BaselineRecommender ItemKnn
    }

    It 'pairs the users of two models: means as Measure-RecallAtK gives them, their difference, an interval and a p-value' {
        $d = $script:itemKnn | Compare-RecallAtK $script:ease -K 20
        $d | Should -HaveCount 2
        $d.Metric | Should -Be 'Recall', 'Ndcg'
        $d[0] | Should -BeOfType ([ContrastiveRec.Experiments.ModelDifference])
        ($d[0].Model, $d[0].Reference) | Should -Be 'ItemKnn', 'EASE'
        $d[0].ModelMean | Should -Be ($script:itemKnn | Measure-RecallAtK -K 20).Recall
        $d[0].ReferenceMean | Should -Be ($script:ease | Measure-RecallAtK -K 20).Recall
        $d[0].Difference | Should -BeLessThan 0
        $d[0].Lower | Should -BeLessThan $d[0].Difference
        $d[0].Upper | Should -BeGreaterThan $d[0].Difference
        # Seven points of recall over 562 users is no noise.
        $d[0].Significant | Should -BeTrue
        $d[0].PValue | Should -BeLessThan 0.001
        ($d | Out-String -Width 80) -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
    }

    It 'finds no difference between a model and itself' {
        $d = $script:ease | Compare-RecallAtK $script:ease -K 10 -Metric Map
        $d.Difference | Should -Be 0
        $d.PValue | Should -Be 1
        $d.Significant | Should -BeFalse
    }

    It 'compares each piped model with the reference, and refuses a model on other data with DifferentData' {
        $other = Import-MovieLens -TestFraction 0.2 | New-BaselineRecommender MostPopular
        $d = $script:itemKnn, $other | Compare-RecallAtK $script:ease -K 10 -Metric Recall -ErrorVariable failed -ErrorAction SilentlyContinue
        $d | Should -HaveCount 1
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.DifferentData,*'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failed[0].ErrorDetails.Message | Should -Match 'different data'
    }
}
