BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:set = Import-MovieLens
    $script:holdOut = $script:set | Split-RatingSet -HoldOutUsers 0.1 -Seed 42
    $script:ease = $script:holdOut.Training | New-BaselineRecommender Ease
}

Describe 'Split-RatingSet -Validation' {
    It 'keeps only the input''s train rows, never one of its test rows' {
        $split = $script:set | Split-RatingSet -TestFraction 0.1 -Seed 3
        $validation = $split | Split-RatingSet -Validation -TestFraction 0.2 -Seed 5
        $validation | Should -BeOfType ([ContrastiveRec.Data.RatingSet])
        $validation.RatingCount | Should -Be $split.TrainCount
        $validation.TestCount | Should -BeGreaterThan 0
        $test = [System.Collections.Generic.HashSet[string]]::new()
        foreach ($user in $split.UserIds) {
            foreach ($r in $split.GetRatings($user)) { if ($r.IsTest) { [void]$test.Add("$user/$($r.MovieId)") } }
        }
        $test.Count | Should -Be $split.TestCount
        $leaks = foreach ($user in $validation.UserIds) {
            foreach ($r in $validation.GetRatings($user)) { if ($test.Contains("$user/$($r.MovieId)")) { $r } }
        }
        $leaks | Should -BeNullOrEmpty
    }

    It 'keeps the default split behaviour without the switch' {
        $plain = $script:set | Split-RatingSet -TestFraction 0.1 -Seed 3
        $plain.RatingCount | Should -Be $script:set.RatingCount
    }
}

Describe 'Split-RatingSet -HoldOutUsers' {
    It 'emits a UserHoldOut with disjoint users, the whole catalogue and the newcomers'' test share' {
        $h = $script:holdOut
        $h | Should -BeOfType ([ContrastiveRec.Data.UserHoldOut])
        $h.Newcomers.UserCount | Should -Be 61
        $h.Training.UserCount + $h.Newcomers.UserCount | Should -Be $script:set.UserCount
        $h.Training.RatingCount + $h.Newcomers.RatingCount | Should -Be $script:set.RatingCount
        $h.Newcomers.MovieCount | Should -Be $script:set.MovieCount
        $h.Newcomers.UserIds | Where-Object { $_ -in $h.Training.UserIds } | Should -BeNullOrEmpty
        ($h.Newcomers.TestCount / $h.Newcomers.RatingCount) | Should -BeGreaterThan 0.17
        ($h.Newcomers.TestCount / $h.Newcomers.RatingCount) | Should -BeLessThan 0.23
        $other = $script:set | Split-RatingSet -HoldOutUsers 0.1 -Seed 42 -NewcomerTestFraction 0.5
        ($other.Newcomers.TestCount / $other.Newcomers.RatingCount) | Should -BeGreaterThan 0.45
    }

    It 'shows users and ratings on each side as a table' {
        $text = $script:holdOut | Out-String
        $text | Should -Match 'Training users'
        $text | Should -Match '549'
        $text | Should -Match '61'
    }

    It 'refuses a share that leaves no users on one side' {
        { $script:set | Split-RatingSet -HoldOutUsers 0.0001 -ErrorAction Stop } | Should -Throw -ErrorId 'ContrastiveRec.HoldOutUsersOutOfRange,ContrastiveRec.PowerShell.SplitRatingSetCommand'
    }

    It 'stops at a share of 1 with a plain message and advice, even with -ErrorAction Continue' {
        $err = $null
        $out = $null
        try { $out = $script:set | Split-RatingSet -HoldOutUsers 1 -ErrorAction Continue } catch { $err = $_ }
        $out | Should -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.HoldOutUsersOutOfRange*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.ErrorDetails.Message | Should -Be 'The share of users to hold out must be above 0 and below 1.'
        $err.ErrorDetails.RecommendedAction | Should -Match 'above 0 and below 1'
    }
}

Describe 'Get-Recommendation -Ratings' {
    It 'recommends to a newcomer from hashtables, never a rated movie, with UserId 0' {
        $recs = $script:ease | Get-Recommendation -Ratings @{ MovieId = 1; Rating = 5 }, @{ MovieId = 260; Rating = 4.5 } -Top 8
        $recs | Should -HaveCount 8
        $recs | ForEach-Object { $_ | Should -BeOfType ([ContrastiveRec.Recommendation.MovieRecommendation]) }
        ($recs | ForEach-Object Rank) | Should -Be (1..8)
        $recs.UserId | Sort-Object -Unique | Should -Be 0
        $recs.MovieId | Should -Not -Contain 1
        $recs.MovieId | Should -Not -Contain 260
        $recs[0].Model | Should -Be 'EASE'
    }

    It 'takes Rating objects and Import-Csv rows, and a -UserId label' {
        $newcomer = $script:holdOut.Newcomers.UserIds[0]
        $told = $script:holdOut.Newcomers.GetRatings($newcomer) | Where-Object { -not $_.IsTest }
        $fromRatings = $script:ease | Get-Recommendation -Ratings $told -UserId $newcomer -Top 5
        $fromRatings.UserId | Sort-Object -Unique | Should -Be $newcomer
        $fromRatings.MovieId | Where-Object { $_ -in $told.MovieId } | Should -BeNullOrEmpty
        $csv = Join-Path $TestDrive 'mine.csv'
        $told | Select-Object @{ n = 'movieId'; e = { $_.MovieId } }, @{ n = 'rating'; e = { $_.Value } } | Export-Csv $csv
        $fromCsv = $script:ease | Get-Recommendation -Ratings (Import-Csv $csv) -UserId $newcomer -Top 5
        $fromCsv.MovieId | Should -Be $fromRatings.MovieId
    }

    It 'refuses a rating off the scale and a movie rated twice, naming the movie' {
        foreach ($case in @(
                @{ Ratings = @(@{ MovieId = 1; Rating = 5 }, @{ MovieId = 260; Rating = 7 }); Movie = 260; Text = '*rating 7 of movie 260 is off the MovieLens scale (0.5 to 5)*' },
                @{ Ratings = @(@{ MovieId = 1; Rating = 5 }, @{ MovieId = 1; Rating = 3 }); Movie = 1; Text = '*Movie 1 is rated twice (5 and 3)*' })) {
            $err = $null
            $out = $null
            try { $out = $script:ease | Get-Recommendation -Ratings $case.Ratings -Top 5 } catch { $err = $_ }
            $out | Should -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.InvalidNewcomerRating*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.TargetObject | Should -Be $case.Movie
            $err.ErrorDetails.Message | Should -BeLike $case.Text
            $err.ErrorDetails.RecommendedAction | Should -Match 'once'
        }
    }

    It 'warns about unknown movie ids and skips them' {
        $recs = $script:ease | Get-Recommendation -Ratings @{ MovieId = 1; Rating = 5 }, @{ MovieId = 987654; Rating = 4 } -Top 3 -WarningVariable warned -WarningAction SilentlyContinue
        $recs | Should -HaveCount 3
        "$warned" | Should -Match '987654'
        $alone = $script:ease | Get-Recommendation -Ratings @{ MovieId = 1; Rating = 5 } -Top 3
        $recs.MovieId | Should -Be $alone.MovieId
    }

    It 'works for a <Kind> UserMovie model' -ForEach @(@{ Kind = 'Profile' }, @{ Kind = 'Graph' }) {
        $model = $script:holdOut.Training | Invoke-EncoderTraining -Objective UserMovie -Encoder $Kind -Epochs 2
        try {
            $recs = $model | Get-Recommendation -Ratings @{ MovieId = 1; Rating = 5 }, @{ MovieId = 2; Rating = 3 } -Top 4
            $recs | Should -HaveCount 4
            $recs[0].Model | Should -Match "UserMovie \($Kind"
            $recs.MovieId | Should -Not -Contain 1
            $recall = $model | Measure-RecallAtK -Newcomers $script:holdOut.Newcomers -K 50
            $recall.Protocol | Should -Be 'Newcomers'
            $recall.Recall | Should -BeGreaterThan 0.05 # 50 of 9,742 movies at random would find about 0.5%
        }
        finally { $model.Dispose() }
    }

    It 'says which models can do it, for one that cannot' {
        $popular = $script:holdOut.Training | New-BaselineRecommender MostPopular
        { $popular | Get-Recommendation -Ratings @{ MovieId = 1; Rating = 5 } -ErrorAction Stop } |
            Should -Throw -ErrorId 'ContrastiveRec.CannotFoldInNewcomers,ContrastiveRec.PowerShell.GetRecommendationCommand'
        $popular | Get-Recommendation -Ratings @{ MovieId = 1; Rating = 5 } -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        "$($failed[0])" | Should -Match 'Profile or Graph encoder'
        "$($failed[0])" | Should -Match 'EASE'
    }

    It 'refuses objects that are not ratings' {
        { $script:ease | Get-Recommendation -Ratings 1, 2 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ContrastiveRec.UnreadableRating,ContrastiveRec.PowerShell.GetRecommendationCommand'
    }

    It 'names the item, the property and its value when one is not a rating: <Case>' -ForEach @(
        @{ Case = 'text'; Item = @{ MovieId = 1; Rating = 'abc' }; Says = "item 2, .*its Rating 'abc' is not a number" }
        @{ Case = 'NaN'; Item = @{ MovieId = 1; Rating = [double]::NaN }; Says = 'item 2, .*its Rating NaN is not a finite number' }
        @{ Case = 'byte-order mark'; Item = [pscustomobject]@{ MovieId = 1; Rating = "4.0$([char]0xFEFF)" }; Says = "item 2, .*its Rating '4\.0\\uFEFF' is not a number" }
        @{ Case = 'no id'; Item = @{ Movie = 1; Rating = 4 }; Says = 'item 2, @\{.*Movie=1.*\}: it has no MovieId \(or ItemId\)' }
    ) {
        $err = $null
        try { $script:ease | Get-Recommendation -Ratings @{ MovieId = 1; Rating = 5 }, $Item -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.UnreadableRating,*'
        $err.ErrorDetails.Message | Should -Match $Says
        $err.ErrorDetails.Message | Should -Not -Match 'System\.Collections'
    }

    It 'takes a movie id beyond 32 bits as an id the catalogue does not know, not as a non-rating' {
        $err = $null
        try { $script:ease | Get-Recommendation -Ratings @{ MovieId = [long]2147483648; Rating = 4 } -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.NoKnownMovies,*'
        $err.ErrorDetails.Message | Should -Match '2147483648'
    }
}

Describe 'Measure-RecallAtK -Newcomers' {
    It '-PerUser gives a row per evaluated newcomer and K, named by their ids, whose means are the summary''s' {
        $summary = $script:ease | Measure-RecallAtK -Newcomers $script:holdOut.Newcomers -K 10
        $rows = $script:ease | Measure-RecallAtK -Newcomers $script:holdOut.Newcomers -K 10 -PerUser
        $rows | Should -HaveCount $summary.Users
        $rows.Protocol | Sort-Object -Unique | Should -Be 'Newcomers'
        $rows.User | ForEach-Object { $script:holdOut.Newcomers.UserIds | Should -Contain $_ }
        ($rows | Measure-Object Recall -Average).Average | Should -Be $summary.Recall
    }

    It 'measures EASE on the held-out users with the Newcomers protocol' {
        $results = $script:ease | Measure-RecallAtK -Newcomers $script:holdOut.Newcomers -K 10, 50
        $results | Should -HaveCount 2
        $results | ForEach-Object { $_ | Should -BeOfType ([ContrastiveRec.Evaluation.RecallAtK]) }
        $results.Protocol | Sort-Object -Unique | Should -Be 'Newcomers'
        $results[0].Users | Should -BeGreaterThan 50
        $results[1].Recall | Should -BeGreaterThan $results[0].Recall
    }

    It 'refuses models that cannot fold in and newcomers the model was trained on' {
        $knn = $script:holdOut.Training | New-BaselineRecommender UserKnn
        { $knn | Measure-RecallAtK -Newcomers $script:holdOut.Newcomers -ErrorAction Stop } |
            Should -Throw -ErrorId 'ContrastiveRec.CannotFoldInNewcomers,ContrastiveRec.PowerShell.MeasureRecallAtKCommand'
        { $script:ease | Measure-RecallAtK -Newcomers $script:holdOut.Training -ErrorAction Stop } |
            Should -Throw -ErrorId 'ContrastiveRec.NotNewcomers,ContrastiveRec.PowerShell.MeasureRecallAtKCommand'
        # -Protocol takes Study or Full only (so Tab never offers Newcomers); binding refuses Newcomers and names -Newcomers.
        { $script:ease | Measure-RecallAtK -Protocol Newcomers -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,ContrastiveRec.PowerShell.MeasureRecallAtKCommand' -ExpectedMessage '*give -Newcomers the Newcomers of Split-RatingSet -HoldOutUsers*'
    }
}
