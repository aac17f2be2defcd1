# A new user's own data, end to end through the cmdlets: a shop's ratings file (customer, product, stars 1-10, ISO
# dates, text ids) and a click log (user, item, Unix seconds, no rating), each written here as a small file.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force

    # Two taste groups: odd customers rate odd products high (8-10) and the few even ones they try low (1-4), even
    # customers the other way round. Products sku-1..sku-40, customers u-1..u-360 (enough
    # for the study's strategies, which mine products rated 100 times or more), dates through 2024.
    $script:orders = Join-Path $TestDrive 'orders.csv'
    $rng = [System.Random]::new(21)
    $rows = foreach ($c in 1..360) {
        foreach ($p in 1..40) {
            $own = ($c % 2) -eq ($p % 2)
            if ($rng.NextDouble() -ge $(if ($own) { 0.55 } else { 0.15 })) { continue }
            $stars = if ($own) { 8 + $rng.Next(3) } else { 1 + $rng.Next(4) }
            'u-{0},sku-{1},{2},2024-{3:d2}-{4:d2}' -f $c, $p, $stars, (1 + ($c + $p) % 12), (1 + $p % 28)
        }
    }
    Set-Content $script:orders -Value (@('customer,product,stars,date') + $rows)
    $script:orderCount = $rows.Count

    # Visitors v-1..v-50 click items in their group's half of a-1..a-30, some more than once, at Unix seconds.
    $script:clicks = Join-Path $TestDrive 'clicks.csv'
    $rng = [System.Random]::new(5)
    $t = 1709251200
    $lines = foreach ($v in 1..50) {
        foreach ($i in 1..30) {
            if ((($v % 2) -eq ($i % 2)) -and $rng.NextDouble() -lt 0.5) {
                foreach ($n in 1..(1 + $rng.Next(3))) { $t += 60; 'v-{0},a-{1},{2}' -f $v, $i, $t }
            }
        }
    }
    Set-Content $script:clicks -Value (@('user,item,timestamp') + $lines)
    $script:clickRows = $lines.Count

    $script:shop = Import-RatingSet $script:orders -TestFraction 0.25 -Seed 3
    $script:log = Import-RatingSet $script:clicks -TestFraction 0.25 -Seed 3
    $small = @{ Epochs = 15; Seed = 1 }
    $script:shopId = $script:shop | Invoke-EncoderTraining -Objective UserMovie @small -Name 'Shop Id'
    $script:shopGraph = $script:shop | Invoke-EncoderTraining -Objective UserMovie -Encoder Graph @small -Name 'Shop Graph'
    $script:logId = $script:log | Invoke-EncoderTraining -Objective UserMovie @small -Name 'Clicks Id'
    $script:logGraph = $script:log | Invoke-EncoderTraining -Objective UserMovie -Encoder Graph @small -Name 'Clicks Graph'
}

Describe 'A shop''s ratings file (stars 1-10, text ids, ISO dates)' {
    It 'is read with its columns found, its ids kept and its scale taken from the data' {
        $script:shop.RatingCount | Should -Be $script:orderCount
        $script:shop.UserCount | Should -Be 360
        $script:shop.Format.UserColumn | Should -BeExactly 'customer'
        $script:shop.Format.ItemColumn | Should -BeExactly 'product'
        $script:shop.Format.RatingColumn | Should -BeExactly 'stars'
        $script:shop.Format.TimestampColumn | Should -BeExactly 'date'
        $script:shop.Feedback.IsImplicit | Should -BeFalse
        $script:shop.Feedback.Scale.Lowest | Should -Be 1
        $script:shop.Feedback.Scale.Highest | Should -Be 10
        # Where 3.5 sits on MovieLens' 0.5-5.
        $script:shop.Feedback.RelevanceThreshold | Should -Be 7
        $script:shop.HasTimestamps | Should -BeTrue
        ($script:shop.GetRatings('u-17') | Select-Object -First 1).Time.Year | Should -Be 2024
        # Measure-RatingSet says what a rating means here.
        $lines = ($script:shop | Measure-RatingSet | Out-String -Width 80) -split "`r?`n"
        $lines | Where-Object { $_ -match '^Feedback\s+:' } | Should -Match 'explicit 1 to 10, relevant from 7, duplicates Refuse'
        ($script:log | Measure-RatingSet).Feedback.IsImplicit | Should -BeTrue
    }

    It 'trains UserMovie (<Encoder>) and recommends to u-17 by its id, naming products by theirs' -ForEach @(
        @{ Encoder = 'Id' }, @{ Encoder = 'Graph' }
    ) {
        $model = if ($Encoder -eq 'Id') { $script:shopId } else { $script:shopGraph }
        $model.Feedback.RelevanceThreshold | Should -Be 7
        $recs = Get-Recommendation -Model $model -User u-17 -Top 5
        $recs | Should -HaveCount 5
        $recs.UserId | Sort-Object -Unique | Should -BeExactly 'u-17'
        $seen = $script:shop.GetRatings('u-17') | Where-Object { -not $_.IsTest } | ForEach-Object MovieId
        foreach ($r in $recs) {
            $r.MovieId | Should -Match '^sku-\d+$'
            $r.ItemId | Should -BeExactly $r.MovieId
            $r.MovieId | Should -Not -BeIn $seen
        }
        # u-17 is odd: most of its top products are odd ones, as its group likes.
        @($recs | Where-Object { [int]($_.MovieId -replace 'sku-') % 2 -eq 1 }).Count | Should -BeGreaterOrEqual 4
    }

    It 'scores Full recall for UserMovie and Graph against EASE, and each finds the taste groups' {
        $ease = $script:shop | New-BaselineRecommender Ease
        $popular = $script:shop | New-BaselineRecommender MostPopular
        $results = @($script:shopId, $script:shopGraph, $ease, $popular) | Measure-RecallAtK -K 10 -WarningVariable warned
        $warned | Should -BeNullOrEmpty
        $byModel = @{}; foreach ($r in $results) { $byModel[$r.Model] = $r }
        # Relevant means 7 stars or more: every user has some in the test part.
        $results | ForEach-Object { $_.Users | Should -BeGreaterThan 300 }
        foreach ($name in 'Shop Id', 'Shop Graph', $ease.Name) {
            $byModel[$name].Recall | Should -BeGreaterThan $byModel[$popular.Name].Recall -Because "$name should see the groups that popularity cannot"
        }
    }

    It 'runs the comparison, maps the users and writes the report, naming customers by their ids' {
        $report = Join-Path $TestDrive 'shop-report.html'
        $rows = $script:shop | Invoke-StrategyComparison -Epochs 1 -UserMovieEpochs 2 -BatchSize 256 -Seeds 1 -ReportPath $report -Clusters 2
        $rows.Model | Should -Contain 'Strategy 4'
        $rows.Model | Should -Contain 'UserMovie (Id)'
        $rows | Where-Object { $_.NotApplicable } | Should -BeNullOrEmpty
        Test-Path $report | Should -BeTrue
        $html = Get-Content $report -Raw
        $html | Should -Match 'sku-\d+'
        $map = $script:shopId | ConvertTo-Tsne -Iterations 250 -Perplexity 10
        $map | Should -HaveCount 360
        $map.UserId | Should -Contain 'u-17'
        $png = Join-Path $TestDrive 'shop-map.png'
        $map | Export-EmbeddingPlot -Path $png
        (Get-PngSize $png).Width | Should -BeGreaterThan 100
    }
}

Describe 'A click log (no rating column)' {
    It 'is implicit feedback: repeats counted, every interaction relevant, no scale to check' {
        $script:log.Feedback.IsImplicit | Should -BeTrue
        $script:log.Format.NoRating | Should -BeTrue
        $script:log.RatingCount | Should -BeLessThan $script:clickRows # repeats folded into counts
        $counts = $script:log.GetRatings('v-1').Value
        ($counts | Measure-Object -Sum).Sum | Should -Be @(Get-Content $script:clicks | Where-Object { $_ -like 'v-1,*' }).Count
        $counts | ForEach-Object { $_ | Should -BeGreaterOrEqual 1 }
    }

    It 'trains UserMovie and Graph, recommends by the visitors'' ids and scores against EASE' {
        $recs = Get-Recommendation -Model $script:logGraph -User v-2 -Top 3
        $recs.MovieId | ForEach-Object { $_ | Should -Match '^a-\d+$' }
        $ease = $script:log | New-BaselineRecommender Ease
        $popular = $script:log | New-BaselineRecommender MostPopular
        $results = @($script:logId, $script:logGraph, $ease, $popular) | Measure-RecallAtK -K 10 -WarningVariable warned
        $warned | Should -BeNullOrEmpty
        # Every held-out interaction is relevant.
        $results[0].Relevant | Should -Be $script:log.TestCount
        foreach ($r in $results[0..2]) { $r.Recall | Should -BeGreaterThan $results[3].Recall }
    }

    It 'marks the study''s strategies n/a in the comparison, saying why, and runs the rest' {
        $rows = $script:log | Invoke-StrategyComparison -Epochs 1 -UserMovieEpochs 2 -BatchSize 256 -Seeds 1
        # The study's four and the UserMovie row that adds Strategy 1's pairs.
        $mined = $rows | Where-Object Model -like '*Strategy *'
        $mined | Should -HaveCount 5
        $mined | ForEach-Object { $_.NotApplicable | Should -Match 'dislike|explicit' }
        $others = $rows | Where-Object Model -notlike '*Strategy *'
        $others.Model | Should -Contain 'UserMovie (Graph)'
        $others.Model | Should -Contain 'EASE'
        $others | ForEach-Object { $_.NotApplicable | Should -BeNullOrEmpty -Because $_.Model }
    }

    It 'trains the triplet objective with the sampled-negative strategy made for clicks' {
        $model = $script:log | Invoke-EncoderTraining -Strategy Sampled -Epochs 5 -Seed 1
        $model.Strategy.NegativeRule | Should -Be 'Sampled'
        $model.MiningStatistics.Triplets | Should -BeGreaterThan ($script:log.TrainCount / 2)
        $recall = $model | Measure-RecallAtK -K 10
        $recall.Users | Should -Be 50
        $recall.Recall | Should -BeGreaterThan 0
    }

    It 'refuses a temporal split only when there are no times, and a study strategy by name' {
        $noTimes = Join-Path $TestDrive 'no-times.csv'
        Set-Content $noTimes -Value 'user,item', 'a,x', 'a,y', 'b,x'
        { Import-RatingSet $noTimes -SplitMethod Temporal } | Should -Throw -ErrorId 'ContrastiveRec.NoTimestamps*'
        $script:log | Split-RatingSet -SplitMethod Temporal -TestFraction 0.2 | Should -Not -BeNullOrEmpty
        { $script:log | Invoke-EncoderTraining -Strategy 4 -Epochs 1 } | Should -Throw -ErrorId 'ContrastiveRec.NeedsExplicitRatings*'
    }
}

Describe 'The bundled ratings through the generic path' {
    It 'renamed, with text ids and stars on 1-10, give Import-MovieLens''s split and recall to the last digit' {
        $path = Join-Path $TestDrive 'renamed.csv'
        $source = Join-Path (Get-RepoRoot) 'data/ml-latest-small/ratings.csv'
        $out = [System.Collections.Generic.List[string]]::new()
        $out.Add('stars;when;customer_id;product')
        foreach ($line in [System.IO.File]::ReadLines($source) | Select-Object -Skip 1) {
            $f = $line.Split(',')
            $out.Add(('{0};{1};u-{2};sku-{3}' -f ([double]$f[2] * 2), [DateTimeOffset]::FromUnixTimeSeconds([long]$f[3]).ToString('o'), $f[0], $f[1]))
        }
        [System.IO.File]::WriteAllLines($path, $out)
        $read = Import-MovieLens
        $generic = Import-RatingSet $path
        $generic.Feedback.RelevanceThreshold | Should -Be 7
        $generic.TestCount | Should -Be $read.TestCount
        foreach ($user in 1, 414, 610) {
            $a = $read.GetRatings($user); $b = $generic.GetRatings("u-$user")
            ($b | ForEach-Object { "$($_.MovieId):$($_.IsTest)" }) | Should -Be ($a | ForEach-Object { "sku-$($_.MovieId):$($_.IsTest)" })
        }
        foreach ($kind in 'MostPopular', 'UserKnn', 'Ease') {
            $x = $read | New-BaselineRecommender $kind | Measure-RecallAtK -K 10, 20
            $y = $generic | New-BaselineRecommender $kind | Measure-RecallAtK -K 10, 20
            ($y | ForEach-Object { '{0:R} {1:R} {2}' -f $_.Recall, $_.Ndcg, $_.Users }) | Should -Be ($x | ForEach-Object { '{0:R} {1:R} {2}' -f $_.Recall, $_.Ndcg, $_.Users }) -Because $kind
        }
        # A trained model too, against the ratings alone (movies.csv lists 18 movies nobody rated, which widen a model's
        # movie table): the same users and movies in the same order, the same seed, the same numbers.
        $alone = Join-Path $TestDrive 'ratings-alone'
        $null = New-Item -ItemType Directory $alone
        Copy-Item $source $alone
        $x = Import-MovieLens $alone | Invoke-EncoderTraining -Objective UserMovie -Epochs 1 -Seed 7 -ThreadCount 1 | Measure-RecallAtK -K 10
        $y = $generic | Invoke-EncoderTraining -Objective UserMovie -Epochs 1 -Seed 7 -ThreadCount 1 | Measure-RecallAtK -K 10
        '{0:R} {1:R}' -f $y.Recall, $y.Ndcg | Should -Be ('{0:R} {1:R}' -f $x.Recall, $x.Ndcg)
    }
}
