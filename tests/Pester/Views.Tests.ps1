# Every output type read as a user reads it (Out-String -Width 80) and exported as a user exports it (Export-Csv).
# The expected text is taken from the objects themselves, formatted as the view formats it.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $PSStyle.OutputRendering = 'PlainText'

    function Get-ViewLines {
        param([Parameter(Mandatory)] $InputObject, [switch] $List, [int] $Width = 80, [string] $View)
        $text = if ($List) { $InputObject | Format-List | Out-String -Width $Width }
        elseif ($View) { $InputObject | Format-Table -View $View | Out-String -Width $Width }
        else { $InputObject | Out-String -Width $Width }
        @(($text -replace '\e\[[0-9;]*m', '') -split '\r?\n' | ForEach-Object TrimEnd)
    }

    function Assert-View {
        <# No line beyond the width, no number cut from the left ("…0"), and every expected value whole on some line. #>
        param([string[]] $Lines, [string[]] $Expected, [int] $Width = 80)
        $long = @($Lines | Where-Object Length -GT $Width)
        $long | Should -BeNullOrEmpty -Because "a view must fit $Width columns"
        ($Lines -join "`n") | Should -Not -Match '…\d' -Because 'a right-aligned number must never be cut'
        foreach ($e in $Expected) {
            ($Lines | Where-Object { $_ -match "(^|[\s(:/|])$([regex]::Escape($e))($|[\s),;|%])" }) | Should -Not -BeNullOrEmpty -Because "the view should show '$e' whole"
        }
    }

    function Format-Score([double] $s) {
        # The recommendation view's rule: fewer decimals as the score grows, so 7 columns always hold it.
        $a = [math]::Abs($s)
        if ($a -ge 1000) { '{0:N0}' -f $s } elseif ($a -ge 100) { '{0:0.0}' -f $s } elseif ($a -ge 10) { '{0:0.00}' -f $s } else { '{0:0.000}' -f $s }
    }

    $script:ratings = Import-MovieLens
    # One epoch in large batches: the views, not the model's quality, are under test.
    $script:model = $script:ratings | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -BatchSize 4096 -ThreadCount 1
    $script:holdOut = $script:ratings | Split-RatingSet -HoldOutUsers 0.8 -Seed 5
    $script:userMovie = $script:holdOut.Training | Invoke-EncoderTraining -Objective UserMovie -Epochs 1 -BatchSize 256 -ThreadCount 1
    $script:itemKnn = $script:ratings | New-BaselineRecommender -Kind ItemKnn
    $script:study = $script:model | Measure-RecallAtK -K 10, 20, 50 -Protocol Study
    $script:full = $script:itemKnn | Measure-RecallAtK -K 10, 20, 50
    # Comparison rows from real results: the rows Invoke-StrategyComparison makes, without training seven models.
    function New-Row([string] $Name, $Results, [int] $Seeds, [double] $Spread) {
        $measures = foreach ($r in $Results) { foreach ($metric in 'Recall', 'Ndcg') { [ContrastiveRec.Experiments.ComparisonMeasure]::new($r.Protocol, $metric, $r.K, $r.$metric, $Spread) } }
        [ContrastiveRec.Experiments.ComparisonRow]@{
            Model = $Name; Seeds = $Seeds; TrainSize = $script:ratings.TrainCount; TestSize = $script:ratings.TestCount; TrainSeconds = 15.865
            Measures = [ContrastiveRec.Experiments.ComparisonMeasure[]]@($measures); Results = [ContrastiveRec.Evaluation.RecallAtK[]]@($Results)
        }
    }
    $script:rows = @(
        New-Row 'Strategy 4' (@($script:study) + @($script:full)) 1 0
        New-Row 'UserMovie (Graph) + contrastive term (weight 0.1)' $script:full 3 0.0012
    )
}

Describe 'Views at 80 columns' {
    It 'RatingSet shows every count and the split' {
        $r = $script:ratings
        Assert-View (Get-ViewLines $r) @(('{0:N0}' -f $r.UserCount), ('{0:N0}' -f $r.MovieCount), ('{0:N0}' -f $r.RatingCount), ('{0:N0}' -f $r.TrainCount), ('{0:N0}' -f $r.TestCount), 'ml-latest-small', 'Random')
    }

    It 'RatingSet at ml-32m''s size keeps every number and word whole: the split wraps between words, a long folder is cut' {
        # The view as it meets a large set (a RatingSet of 32 million ratings cannot be made in a test): the real split.
        $big = [pscustomobject]@{
            PSTypeName = 'ContrastiveRec.Data.RatingSet'; Source = '/data/movielens-ratings-export-2024'; Split = $script:ratings.Split
            UserCount = 200948; MovieCount = 87585; RatingCount = 32000204; TrainCount = 30400000; TestCount = 1600204
        }
        $lines = Get-ViewLines $big
        Assert-View $lines (@('200,948', '87,585', '32,000,204', '30,400,000', '1,600,204', 'movielens-rati…') + (-split $script:ratings.Split.ToString()))
    }

    It 'RatingSetSummary breaks the histogram between entries, never inside a count' {
        $s = $script:ratings | Measure-RatingSet
        $entries = $s.RatingHistogram | ForEach-Object { '{0:0.0#}:{1:N0}' -f $_.Rating, $_.Count }
        Assert-View (Get-ViewLines $s) (@($entries) + ('{0:P2}' -f $s.Density))
    }

    It 'PairStrategy and MiningStatistics list their settings and counts' {
        Assert-View (Get-ViewLines (New-PairStrategy -Preset 4)) @('rating >= 4.0', 'rating < 3.0', 'Disagree')
        $m = $script:model.MiningStatistics
        Assert-View (Get-ViewLines $m) @(('{0:N0}' -f $m.TrainRowsKept), ('{0:N0}' -f $m.Triplets), ('{0:N0}' -f $m.MoviesKept))
    }

    It 'ContrastivePair shows the three users and the movie' {
        $pairs = $script:ratings | Get-ContrastivePair -Strategy 4 -First 3
        Assert-View (Get-ViewLines $pairs) @($pairs | ForEach-Object { "$($_.AnchorUserId)"; "$($_.NegativeUserId)"; "$($_.MovieId)" })
    }

    It 'a UserUser model shows its triplets; a UserMovie model the ratings it learned from, not Strategy 1''s triplets' {
        $m = $script:model
        Assert-View (Get-ViewLines $m) @('Strategy 4', ('{0:N0}' -f $m.UserCount), ('{0:0.0000}' -f $m.LossHistory[-1]), ('{0:N0} triplets' -f $m.MiningStatistics.Triplets))
        $u = $script:userMovie
        $lines = Get-ViewLines $u
        Assert-View $lines @('UserMovie (Id)', ('{0:N0}' -f $u.UserCount), ('{0:N0} ratings' -f $u.RatingSet.TrainCount))
        ($lines -join "`n") | Should -Not -Match 'triplets'
        $u.MiningStatistics.Triplets | Should -Be 0
    }

    It 'Format-List of a model is a summary, not its internals' {
        foreach ($m in $script:model, $script:userMovie) {
            $lines = Get-ViewLines $m -List
            Assert-View $lines @(('{0:N0}' -f $m.UserCount), ('{0:0.0000}' -f $m.LossHistory[-1]))
            $text = $lines -join "`n"
            foreach ($label in 'Model', 'Objective', 'Settings', 'Learned from', 'Data', 'Time') { $text | Should -Match "(?m)^$label\s+:" }
            $text | Should -Not -Match 'DataFingerprint|TrainHash|MovieIdsHash|TorchSharp|UserEncoder'
            @($lines | Where-Object { $_ }).Count | Should -BeLessThan 20
        }
        (Get-ViewLines $script:userMovie -List) -join "`n" | Should -Match 'Strategy\s+: none \(no triplets\)'
    }

    It 'UserEmbedding, UserPoint, UserCluster and ClusterCountScore show ids and rounded coordinates' {
        $emb = $script:model | Get-UserEmbedding -User 1, 2
        Assert-View (Get-ViewLines $emb) @('1', '2', '200', ('{0:0.000}' -f $emb[0].Vector[0]))
        $points = $script:model | Get-UserEmbedding -User (1..40) | ConvertTo-Tsne -Perplexity 5 -Iterations 250
        Assert-View (Get-ViewLines ($points | Select-Object -First 3)) @($points[0..2] | ForEach-Object { '{0:0.000}' -f $_.X; '{0:0.000}' -f $_.Y })
        $clusters = $points | Get-UserCluster -Count 3
        Assert-View (Get-ViewLines ($clusters | Select-Object -First 3)) @($clusters[0..2] | ForEach-Object { '{0:0.000}' -f $_.Silhouette })
        $scores = $points | Measure-UserCluster -Count 2, 3
        Assert-View (Get-ViewLines $scores) @($scores | ForEach-Object { '{0:0.0000}' -f $_.Silhouette; '{0:N1}' -f $_.Inertia; $_.Sizes -join ', ' })
    }

    It 'ClusterTopMovie shows MovieId, Lift, Likes, Mean and Popular' {
        $clusters = $script:model | Get-UserEmbedding | Get-UserCluster -Count 2
        $top = $clusters | Get-ClusterTopMovie -Ratings $script:ratings -Top 5 -MinRatings 3
        $lines = Get-ViewLines $top
        Assert-View $lines @($top | ForEach-Object { '{0,5:0.0} {1,5:N0} {2:0.00}' -f $_.Lift, $_.Likes, $_.MeanRating })
        foreach ($t in $top) { $lines | Where-Object { $_ -match "^\s*$($t.Rank)\s+$($t.MovieId)\s" } | Should -Not -BeNullOrEmpty }
        @($lines | Where-Object { $_ -match '\d\s+yes$' }).Count | Should -Be @($top | Where-Object IsPopular).Count
        ($lines -join "`n") | Should -Match 'Rank\s+MovieId\s+Title\s+Genres\s+Lift\s+Likes\s+Mean\s+Popular'
    }

    It 'MovieRecommendation shows Rank, MovieId, Score and the neighbours who suggested it, grouped by user and model' {
        $recs = $script:model | Get-Recommendation -User 1, 2 -Top 5
        $lines = Get-ViewLines $recs
        Assert-View $lines @('UserId: 1 (by Strategy 4)', 'UserId: 2 (by Strategy 4)')
        foreach ($r in $recs) {
            $line = $lines | Where-Object { $_ -match "^\s*$($r.Rank)\s+$($r.MovieId)\s" }
            $line | Should -Not -BeNullOrEmpty
            $line | Should -Match ([regex]::Escape((Format-Score $r.Score)) + ' ' + $r.SuggestedBy[0] + '\b')
        }
        $knn = $script:itemKnn | Get-Recommendation -User 1 -Top 3
        Assert-View (Get-ViewLines $knn) @($knn | ForEach-Object { Format-Score $_.Score })
    }

    It 'SimilarMovie and SimilarUser show Rank, the id and Score, grouped by what was asked about and the model' {
        $movies = $script:itemKnn | Get-SimilarMovie 1, 260 -Top 3
        $lines = Get-ViewLines $movies
        Assert-View $lines @('SimilarTo: 1 Toy Story (1995) (by ItemKnn)', 'SimilarTo: 260 Star Wars: Episode IV - A New Hope (1977) (by ItemKnn)')
        foreach ($m in $movies) {
            $lines | Where-Object { $_ -match "^\s*$($m.Rank)\s+$($m.MovieId)\s.*\s$([regex]::Escape((Format-Score $m.Score)))$" } | Should -Not -BeNullOrEmpty
        }
        # A long model name keeps the group on one line: the title gives way, the id and the name stay whole.
        $named = $script:ratings | New-BaselineRecommender ItemKnn -Name 'ItemKnn with a rather long name given'
        $lines = Get-ViewLines ($named | Get-SimilarMovie 260 -Top 1)
        Assert-View $lines @('(by ItemKnn with a rather long name given)')
        $lines | Where-Object { $_ -match '^\s+SimilarTo: 260 Star Wars: [^…]+… \(by ItemKnn with a rather long name given\)$' } | Should -HaveCount 1
        $users = $script:model | Get-SimilarUser 1, 2 -Top 3
        $lines = Get-ViewLines $users
        Assert-View $lines @('SimilarTo: 1 (by Strategy 4)', 'SimilarTo: 2 (by Strategy 4)')
        foreach ($u in $users) { $lines | Where-Object { $_ -match "^\s*$($u.Rank)\s+$($u.UserId)\s+$('{0:0.000}' -f $u.Score)$" } | Should -Not -BeNullOrEmpty }
    }

    It 'BaselineRecommender shows its name, kind, own settings, train ratings and build time' {
        function Format-BuildTime($b) { $t = $b.BuildTime.TotalSeconds; if ($t -lt 1) { '{0:N0} ms' -f $b.BuildTime.TotalMilliseconds } else { '{0:0.0} s' -f $t } }
        $b = $script:itemKnn
        $lines = Get-ViewLines $b
        Assert-View $lines @('ItemKnn', 'all other movies', ('{0:N0}' -f $b.RatingSet.TrainCount), (Format-BuildTime $b))
        ($lines -join "`n") | Should -Match 'Name\s+Kind\s+Settings\s+Train\s+Built in'
        # A long name and EASE's settings wrap at spaces within their columns; lambda and kept movies are shown.
        $ease = $script:ratings | New-BaselineRecommender Ease -Lambda 250 -MinMovieRatings 20 -Name 'EASE, lambda 250 over movies rated 20 times'
        $lines = Get-ViewLines $ease
        Assert-View $lines @('Ease', 'lambda 250', ('{0:N0} movies' -f $ease.Inner.KeptMovies), ('{0:N0}' -f $ease.RatingSet.TrainCount), (Format-BuildTime $ease))
        foreach ($word in -split $ease.Name) { ($lines -join ' ') | Should -Match "(^|\s)$([regex]::Escape($word))(\s|$)" }
    }

    It 'SearchTrial shows its rank, setting, validation metric, value, NDCG and time' {
        $trials = @($script:ratings | Invoke-ParameterSearch -Baseline Ease @{ Lambda = 100, 400; MinMovieRatings = 20 } -Metric Ndcg -K 10)
        $lines = Get-ViewLines $trials
        Assert-View $lines @('Lambda=100,', 'MinMovieRatings=20', 'Ndcg@10', ('{0:0.0000}' -f $trials[0].Value), ('{0:0.0000}' -f $trials[1].Ndcg), ('{0:0.0} s' -f $trials[0].Time.TotalSeconds))
        ($lines -join "`n") | Should -Match 'Rank\s+Setting\s+Validation\s+Value\s+NDCG\s+Time'
        # In a CSV the setting reads as typed, not as a .NET type name.
        ($trials[0] | ConvertTo-Csv | ConvertFrom-Csv).Parameters | Should -Be "Lambda = $($trials[0].Parameters.Lambda), MinMovieRatings = 20"
    }

    It 'Format-List of a baseline says what it is, what its build kept and on what, not its internals' {
        $ease = $script:ratings | New-BaselineRecommender Ease -MinMovieRatings 20
        $lines = Get-ViewLines $ease -List
        Assert-View $lines @(('{0:N0}' -f $ease.Inner.KeptMovies), ('{0:N0} train ratings' -f $ease.RatingSet.TrainCount), 'ml-latest-small', 'EASE^R')
        $text = $lines -join "`n"
        foreach ($label in 'Name', 'Kind', 'Recommends', 'Settings', 'Built', 'Data', 'Size', 'Newcomers') { $text | Should -Match "(?m)^$label\s+:" }
        # The build's summary is the -Verbose line, whole (wrapped at spaces).
        ($text -replace '\s+', ' ') | Should -Match ([regex]::Escape($ease.Summary))
        $text | Should -Match 'Newcomers\s+: folds in people it never saw'
        $text | Should -Not -Match 'Entry|Inner|DefaultScope|StudyScope|ContrastiveRec\.'
        (Get-ViewLines $script:itemKnn -List) -join "`n" | Should -Match 'Newcomers\s+: only the users it was built on'
    }

    It 'RecallAtK names the model in full and shows K = 100 and 100 %' {
        $real = $script:userMovie | Measure-RecallAtK -K 10, 100
        $lines = Get-ViewLines $real
        Assert-View $lines @('UserMovie (Id) (Full protocol)', '100', ('{0:0.00} %' -f (100 * $real[1].Recall)), ('{0:0.00} %' -f (100 * $real[1].Map)),
            ('{0:0.00} %' -f (100 * $real[1].Mrr)), ('{0:0.00} %' -f (100 * $real[1].Coverage)), ('{0:N0}' -f $real[1].Users))
        $catalogue = Get-ViewLines $real -View Catalogue
        Assert-View $catalogue @('UserMovie (Id) (Full protocol)', ('{0:0.00} %' -f (100 * $real[1].PooledRecall)), ('{0:N0}' -f $real[1].Relevant),
            ('{0:N1}' -f $real[1].MeanPopularity), ('{0:0.00} %' -f (100 * $real[1].PopularityPercentile)), ('{0:0.00}' -f $real[1].Novelty))
        $perfect = [ContrastiveRec.Evaluation.RecallAtK]@{
            Model = 'UserMovie (Graph) + contrastive term (weight 0.1)'; Protocol = 'Newcomers'; K = 1000
            Recall = 1.0; PooledRecall = 1.0; Ndcg = 1.0; HitRate = 1.0; Precision = 1.0; Map = 1.0; Mrr = 1.0; Coverage = 1.0; Users = 1000000; Relevant = 1250000
            MeanPopularity = 81491.5; PopularityPercentile = 1.0; Novelty = 17.61
        }
        Assert-View (Get-ViewLines $perfect) @('UserMovie (Graph) + contrastive term (weight 0.1) (Newcomers protocol)', '1,000', '100.00 %', '1,000,000')
        Assert-View (Get-ViewLines $perfect -View Catalogue) @('1,000', '100.00 %', '81,491.5', '17.61', '1,250,000')
    }

    It 'UserRecallAtK (-PerUser) shows a row per user and K within 80 columns, long text ids cut visibly' {
        $rows = $script:itemKnn | Measure-RecallAtK -K 10, 1000 -PerUser | Select-Object -First 4
        $r = $rows[1]
        Assert-View (Get-ViewLines $rows) @('ItemKnn (Full protocol)', [string]$r.User, '1,000', ('{0:N0}' -f $r.Relevant), ('{0:0.00} %' -f (100 * $r.Recall)),
            ('{0:0.00} %' -f (100 * $r.AveragePrecision)), ('{0:0.000}' -f $r.ReciprocalRank))
        $long = $r | Select-Object * | ForEach-Object { $_.PSObject.TypeNames.Insert(0, 'ContrastiveRec.Evaluation.UserRecallAtK'); $_.User = 'customer-000000000123456789'; $_ }
        (Get-ViewLines $long) -join "`n" | Should -Match 'customer-00…'
    }

    It 'ComparisonRow fits 80 columns with every recall, and its list view every measure' {
        $lines = Get-ViewLines $script:rows
        $r = $script:rows[0]
        Assert-View $lines @(foreach ($p in 'Study', 'Full') { foreach ($k in 10, 20, 50) { '{0:0.00}' -f (100 * $r.Recall($p, $k)) } })
        $lines | Where-Object { $_ -match '^UserMovie \(Graph\) \+\s' } | Should -Match '\bn/a\s+n/a\s+n/a\s'
        # The long name wraps at spaces within its column: every word is there, none split.
        foreach ($word in -split $script:rows[1].Model) { ($lines -join ' ') | Should -Match "(^|\s)$([regex]::Escape($word))(\s|$)" }
        $list = Get-ViewLines $script:rows[1] -List
        Assert-View $list @('15.9 s', ('{0:N0} / {1:N0}' -f $script:ratings.TrainCount, $script:ratings.TestCount), ('{0:0.00} ±0.12' -f (100 * $script:rows[1].Ndcg('Full', 20))))
    }

    It 'UserHoldOut is a list of both sides' {
        $h = $script:holdOut
        Assert-View (Get-ViewLines $h) @('80 %', ('{0:N0}' -f $h.Training.UserCount), ('{0:N0}' -f $h.Newcomers.UserCount), ('{0:N0}' -f $h.Newcomers.TestCount))
    }

    It 'Export-* -PassThru shows the written file with its mode and size' {
        $path = Join-Path $TestDrive 'views.crec'
        $file = $script:model | Export-EncoderModel $path -PassThru
        $file | Should -BeOfType ([System.IO.FileInfo])
        $file.PSParentPath | Should -Not -BeNullOrEmpty
        $line = Get-ViewLines $file | Where-Object { $_ -match 'views\.crec$' }
        $line | Should -Match "^-[-rwx]{9}\s.*\s$($file.Length) views\.crec$"
    }
}

Describe 'Views at 160 columns' {
    BeforeAll {
        # A real movie with a title of 60 to 70 characters, in a real recommendation's and a real top movie's place.
        $script:long = $script:ratings.MovieIds | ForEach-Object { $script:ratings.GetMovie($_) } |
            Where-Object { $_.Title.Length -ge 60 -and $_.Title.Length -le 70 } | Select-Object -First 1
        $r = $script:model | Get-Recommendation -User 1 -Top 1
        $script:longRec = [ContrastiveRec.Recommendation.MovieRecommendation]::new($r.Model, $r.UserId, 1, $script:long.MovieId,
            $script:long.Title, $script:long.Genres, $r.Score, $r.SuggestedBy)
        $t = $script:model | Get-UserEmbedding | Get-UserCluster -Count 2 | Get-ClusterTopMovie -Ratings $script:ratings -Top 1 -MinRatings 3 | Select-Object -First 1
        $script:longTop = [ContrastiveRec.Analysis.ClusterTopMovie]::new($t.Cluster, 1, $script:long.MovieId, $script:long.Title, $script:long.Genres,
            $t.Lift, $t.Likes, $t.MeanRating, $t.Ratings, $t.IsPopular, $t.ClusterSize, $t.PopularShare)
    }

    It 'recommendations and cluster top movies give the title the spare width: 60 characters whole at 160, cut at 80' {
        $script:long.Title.Length | Should -BeGreaterOrEqual 60
        foreach ($o in $script:longRec, $script:longTop) {
            $wide = Get-ViewLines $o -Width 160
            Assert-View $wide @($script:long.Title, "$($script:long.MovieId)") -Width 160
            $narrow = Get-ViewLines $o
            Assert-View $narrow @("$($script:long.MovieId)")
            ($narrow -join "`n") | Should -Not -Match ([regex]::Escape($script:long.Title))
        }
    }
}

Describe 'Export-Csv' {
    It 'writes recommendations with genres and suggesters joined by |, and scores that read back exactly' {
        $recs = @($script:model | Get-Recommendation -User 1 -Top 5) + @($script:itemKnn | Get-Recommendation -User 1 -Top 5)
        $path = Join-Path $TestDrive 'recs.csv'
        $recs | Export-Csv $path
        Get-Content -Raw $path | Should -Not -Match 'System\.'
        $back = Import-Csv $path
        $back | Should -HaveCount $recs.Count
        for ($i = 0; $i -lt $recs.Count; $i++) {
            [int]$back[$i].MovieId | Should -Be $recs[$i].MovieId
            @($back[$i].Genres -split '\|') | Should -Be @($recs[$i].Genres)
            @($back[$i].SuggestedBy -split '\|' | Where-Object { $_ } | ForEach-Object { [int]$_ }) | Should -Be @($recs[$i].SuggestedBy)
            [double]$back[$i].Score | Should -Be $recs[$i].Score
            $back[$i].Score.Length | Should -BeLessOrEqual 10 -Because 'a score carries the float''s digits, not the double''s noise'
        }
        # Scripts keep the lists: membership, indexing and count.
        $recs[0].Genres -contains $recs[0].Genres[0] | Should -BeTrue
        $recs[0].SuggestedBy.Count | Should -BeGreaterThan 0
    }

    It 'writes RecallAtK rows with the protocol by name and fractions that read back exactly' {
        $path = Join-Path $TestDrive 'recall.csv'
        $script:study | Export-Csv $path
        Get-Content -Raw $path | Should -Not -Match 'System\.'
        $back = Import-Csv $path
        for ($i = 0; $i -lt 3; $i++) {
            $back[$i].Protocol | Should -Be 'Study'
            [int]$back[$i].K | Should -Be $script:study[$i].K
            [double]$back[$i].Recall | Should -Be $script:study[$i].Recall
            [double]$back[$i].Ndcg | Should -Be $script:study[$i].Ndcg
        }
    }

    It 'writes comparison rows with the columns and values of Invoke-StrategyComparison -Path''s CSV' {
        $path = Join-Path $TestDrive 'rows.csv'
        $script:rows | Export-Csv $path
        $table = Join-Path $TestDrive 'table.csv'
        [ContrastiveRec.Experiments.ComparisonTable]::WriteCsv([ContrastiveRec.Experiments.ComparisonRow[]]$script:rows, $table)
        Get-Content -Raw $path | Should -Not -Match 'System\.|ContrastiveRec\.|\d\d:\d\d:\d\d'
        $piped = Import-Csv $path
        $written = Import-Csv $table
        $names = $written[0].PSObject.Properties.Name
        $piped[0].PSObject.Properties.Name | Should -Be $names -Because 'one CSV shape: the same columns in the same order'
        $names | Should -Contain 'FullRecallAt20StdDev'
        for ($i = 0; $i -lt $script:rows.Count; $i++) {
            foreach ($n in $names) { $piped[$i].$n | Should -BeExactly $written[$i].$n -Because "row $i, $n" }
        }
        [double]$piped[0].FullRecallAt20 | Should -Be $script:rows[0].Recall('Full', 20)
        [double]$piped[1].FullRecallAt20StdDev | Should -Be 0.0012
        $piped[1].StudyRecallAt10 | Should -BeExactly '' -Because 'the Study protocol does not apply to that row'
        [double]$piped[0].TrainSeconds | Should -Be 15.865
        # In a script the columns are properties; the lists and methods are still there by name.
        ($script:rows | Sort-Object FullRecallAt20 -Descending | Select-Object -First 1).FullRecallAt20 | Should -Be ($script:rows.FullRecallAt20 | Measure-Object -Maximum).Maximum
        $script:rows[0].Measures | Should -HaveCount 12
        $script:rows[0].Results | Should -HaveCount 6
        $script:rows[1].Ndcg('Full', 20) | Should -Be $script:rows[1].FullNdcgAt20
    }

    It 'writes one object of every output type without a .NET type name in any cell; lists read back to the same numbers' {
        $emb = $script:model | Get-UserEmbedding -User 1
        $points = $script:model | Get-UserEmbedding -User (1..40) | ConvertTo-Tsne -Perplexity 5 -Iterations 250
        $clusters = $points | Get-UserCluster -Count 3
        $summary = $script:ratings | Measure-RatingSet
        $samples = @(
            $script:ratings, $summary, (New-PairStrategy -Preset 4), ($script:ratings | Get-ContrastivePair -Strategy 4 -First 1),
            $script:model, $script:userMovie, $emb, $points[0], $clusters[0], ($points | Measure-UserCluster -Count 2),
            ($clusters | Get-ClusterTopMovie -Ratings $script:ratings -Top 1 -MinRatings 3 | Select-Object -First 1),
            ($script:model | Get-Recommendation -User 1 -Top 1), $script:itemKnn, ($script:ratings | New-BaselineRecommender MostPopular),
            ($script:ratings | New-BaselineRecommender UserKnn), $script:study[0], ($script:itemKnn | Measure-RecallAtK -K 10 -PerUser | Select-Object -First 1),
            ($script:itemKnn | Compare-RecallAtK $script:itemKnn -K 10 -Metric Recall), $script:holdOut, $script:rows[0],
            ($script:itemKnn | Get-SimilarMovie 1 -Top 1), ($script:model | Get-SimilarUser 1 -Top 1),
            ($script:ratings | Invoke-ParameterSearch -Baseline Ease @{ Lambda = 100; MinMovieRatings = 20 } | Select-Object -First 1)
        )
        # Every type a cmdlet says it emits has a sample here (files from -PassThru are PowerShell's own FileInfo).
        $types = (Get-Command -Module ContrastiveRec).OutputType.Type | Where-Object { $_ -and $_ -ne [System.IO.FileInfo] } | Sort-Object FullName -Unique
        foreach ($type in $types) { @($samples | Where-Object { $_ -is $type }) | Should -Not -BeNullOrEmpty -Because "$type is an output type" }
        foreach ($sample in $samples) {
            $row = $sample | ConvertTo-Csv | ConvertFrom-Csv
            foreach ($cell in $row.PSObject.Properties) {
                # A .NET name ("System.Single[]", "ContrastiveRec....") or a record's printout ("TrainingOptions { Epochs = 1, ...").
                $cell.Value | Should -Not -Match '\b(System|ContrastiveRec|TorchSharp)\.[A-Za-z]|^[A-Za-z]\w* \{ |= [A-Za-z]\w* \{ ' -Because "$($sample.GetType().Name).$($cell.Name)"
            }
        }
        $back = $emb | ConvertTo-Csv | ConvertFrom-Csv
        [float[]]($back.Vector -split '\|') | Should -Be ([float[]]$emb.Vector)
        $back = $script:model | ConvertTo-Csv | ConvertFrom-Csv
        [double[]]($back.LossHistory -split '\|') | Should -Be ([double[]]$script:model.LossHistory)
        $back = $summary | ConvertTo-Csv | ConvertFrom-Csv
        $bins = $back.RatingHistogram -split '\|' | ForEach-Object { $r, $c = $_ -split ':'; '{0}={1}' -f [float]$r, [long]$c }
        $bins | Should -Be @($summary.RatingHistogram | ForEach-Object { '{0}={1}' -f $_.Rating, $_.Count })
        $back = $script:ratings | ConvertTo-Csv | ConvertFrom-Csv
        [int[]]($back.UserIds -split '\|') | Should -Be ([int[]]$script:ratings.UserIds)
    }
}
