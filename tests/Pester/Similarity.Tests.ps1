# Using a model (issue 23): similar movies, similar users, and recommendations narrowed by -Exclude and -Candidates.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:set = Import-MovieLens
    $script:ease = $script:set | New-BaselineRecommender Ease
    $script:itemKnn = $script:set | New-BaselineRecommender ItemKnn
    $script:userKnn = $script:set | New-BaselineRecommender UserKnn
    $script:popular = $script:set | New-BaselineRecommender MostPopular
    # Quality does not matter here, only shape and refusals: quick models.
    $script:userMovie = $script:set | Invoke-EncoderTraining -Objective UserMovie -Epochs 1 -ThreadCount 1
    $script:triplet = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -BatchSize 4096 -ThreadCount 1

    function Get-Outcome([scriptblock] $Command) {
        # Output and non-terminating errors apart, as a user's session sees them.
        $all = & { $ErrorActionPreference = 'Continue'; & $Command } 2>&1
        @{
            Out    = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
    }
}

Describe 'Get-SimilarMovie' {
    It 'gives -Top similar movies of <Name>, ranked from 1, never the movie itself, with titles' -ForEach @(
        @{ Name = 'EASE'; Model = { $script:ease } }
        @{ Name = 'ItemKnn'; Model = { $script:itemKnn } }
        @{ Name = 'a UserMovie model'; Model = { $script:userMovie } }
    ) {
        $model = & $Model
        $similar = $model | Get-SimilarMovie 1 -Top 5
        $similar | Should -HaveCount 5
        $similar | ForEach-Object { $_ | Should -BeOfType ([ContrastiveRec.Recommendation.SimilarMovie]) }
        ($similar | ForEach-Object Rank) | Should -Be (1..5)
        $similar.SimilarTo | Should -Be @(1, 1, 1, 1, 1)
        $similar.SimilarToTitle | Sort-Object -Unique | Should -Be 'Toy Story (1995)'
        $similar.MovieId | Should -Not -Contain 1
        foreach ($s in $similar) { $s.Title | Should -Be $script:set.GetMovie($s.MovieId).Title }
        $similar.Score | Should -Be ($similar.Score | Sort-Object -Descending)
        $similar.Model | Sort-Object -Unique | Should -Be $model.Name
    }

    It 'finds the sequels of Star Wars by EASE''s weights' {
        # Episode IV's row of EASE's item-item matrix: V and VI come first on the bundled data.
        ($script:ease | Get-SimilarMovie 260 -Top 2).MovieId | Should -Be 1196, 1210
    }

    It 'takes movie ids from the pipeline, plain or as MovieId of piped objects, each movie once per model' {
        $piped = 1, 260 | Get-SimilarMovie -Model $script:ease -Top 3
        $piped.SimilarTo | Should -Be @(1, 1, 1, 260, 260, 260)
        # Text from Import-Csv is the number, as the data names it.
        ('1' | Get-SimilarMovie -Model $script:ease -Top 3).MovieId | Should -Be $piped[0..2].MovieId
        # Two users' recommendations share movies: each is answered once.
        $recs = $script:popular | Get-Recommendation -User 1, 2 -Top 5
        $movies = @($recs.MovieId | Select-Object -Unique)
        $similar = $recs | Get-SimilarMovie -Model $script:itemKnn -Top 2
        @($similar.SimilarTo | Select-Object -Unique) | Should -Be $movies
        $similar | Should -HaveCount (2 * $movies.Count)
        # Similar movies piped on: the similar movies of each similar movie.
        ($script:ease | Get-SimilarMovie 1 -Top 2 | Get-SimilarMovie -Model $script:ease -Top 1).SimilarTo | Should -Be ($script:ease | Get-SimilarMovie 1 -Top 2).MovieId
        # A movie of the catalogue binds by its MovieId too.
        ($script:set.GetMovie(260) | Get-SimilarMovie -Model $script:ease -Top 1).SimilarTo | Should -Be 260
    }

    It 'answers each model piped in' {
        $both = $script:ease, $script:itemKnn | Get-SimilarMovie 1 -Top 2
        $both.Model | Should -Be 'EASE', 'EASE', 'ItemKnn', 'ItemKnn'
    }

    It 'refuses a model without movies by name (ContrastiveRec.CannotFindSimilarMovies) and serves the next model' {
        $r = Get-Outcome { $script:popular, $script:triplet, $script:ease | Get-SimilarMovie 1, 2 -Top 2 }
        $r.Errors | Should -HaveCount 2 # one per model, not one per movie
        foreach ($e in $r.Errors) {
            $e.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.CannotFindSimilarMovies,*'
            "$($e.CategoryInfo.Category)" | Should -Be 'InvalidOperation'
            $e.ErrorDetails.RecommendedAction | Should -Match 'Objective UserMovie.*-Kind ItemKnn.*-Kind Ease'
        }
        $r.Errors[0].Exception.Message | Should -Match '^MostPopular has no representations of movies'
        $r.Errors[1].Exception.Message | Should -Match 'Strategy 4 .*learns users only'
        $r.Out.Model | Sort-Object -Unique | Should -Be 'EASE'
        $r.Out | Should -HaveCount 4
    }

    It 'reports an unknown id as ContrastiveRec.UnknownMovie and still serves the others' {
        $r = Get-Outcome { $script:ease | Get-SimilarMovie 1, 99999999, 'no-such-movie', 260 -Top 2 }
        $r.Errors | Should -HaveCount 2
        $r.Errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.UnknownMovie,*' }
        "$($r.Errors[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $r.Errors[0].TargetObject | Should -Be 99999999
        $r.Errors[1].Exception.Message | Should -Match "Movie no-such-movie is not among the 9742 movies"
        ($r.Out.SimilarTo | Select-Object -Unique) | Should -Be 1, 260
    }

    It 'reports a movie EASE left out as ContrastiveRec.MovieNotInModel and still serves the others' {
        $strict = $script:set | New-BaselineRecommender Ease -MinMovieRatings 100
        # 193609 has one rating; 356 (Forrest Gump) over 300.
        $r = Get-Outcome { $strict | Get-SimilarMovie 193609, 356 -Top 2 }
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.MovieNotInModel,*'
        "$($r.Errors[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $r.Errors[0].Exception.Message | Should -Match 'at least 100 train ratings'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Match '-MinMovieRatings'
        $r.Out.SimilarTo | Should -Be 356, 356
    }

    It 'has a view grouped by the movie asked about, and exports its genres joined' {
        $similar = $script:ease | Get-SimilarMovie 1 -Top 2
        $text = $similar | Out-String -Width 80
        $text | Should -Match 'SimilarTo: 1 Toy Story \(1995\) \(by EASE\)'
        foreach ($name in 'Rank', 'MovieId', 'Title', 'Genres', 'Score') { $text | Should -Match $name }
        $row = $similar[0] | ConvertTo-Csv | ConvertFrom-Csv
        $row.Genres | Should -Be ($similar[0].Genres -join '|')
        $similar[0].ItemId | Should -Be $similar[0].MovieId
    }
}

Describe 'Get-SimilarUser' {
    It 'gives -Top similar users of <Name>, ranked from 1, never the user' -ForEach @(
        @{ Name = 'UserKnn'; Model = { $script:userKnn } }
        @{ Name = 'a UserMovie model'; Model = { $script:userMovie } }
        @{ Name = 'a study encoder'; Model = { $script:triplet } }
    ) {
        $similar = & $Model | Get-SimilarUser 1 -Top 5
        $similar | Should -HaveCount 5
        $similar | ForEach-Object { $_ | Should -BeOfType ([ContrastiveRec.Recommendation.SimilarUser]) }
        ($similar | ForEach-Object Rank) | Should -Be (1..5)
        $similar.SimilarTo | Should -Be @(1, 1, 1, 1, 1)
        $similar.UserId | Should -Not -Contain 1
        $similar.Score | Should -Be ($similar.Score | Sort-Object -Descending)
    }

    It 'lists, for a neighbour recommender, the neighbours its recommendations come from' {
        foreach ($model in $script:triplet, $script:userKnn) {
            $neighbours = ($model | Get-SimilarUser 7 -Top 10).UserId
            $suggesters = ($model | Get-Recommendation -User 7 -Top 10).SuggestedBy | ForEach-Object { $_ }
            $suggesters | Should -Not -BeNullOrEmpty
            $suggesters | Where-Object { $_ -notin $neighbours } | Should -BeNullOrEmpty
        }
    }

    It 'takes user ids from the pipeline, and its rows bind to Get-Recommendation -User' {
        (1, 2 | Get-SimilarUser -Model $script:userKnn -Top 2).SimilarTo | Should -Be @(1, 1, 2, 2)
        $similar = $script:userKnn | Get-SimilarUser 1 -Top 2
        ($similar | Get-Recommendation -Model $script:userKnn -Top 1).UserId | Should -Be $similar.UserId
    }

    It 'refuses a model without users by name (ContrastiveRec.CannotFindSimilarUsers), and an unknown id (ContrastiveRec.UnknownUser)' {
        $r = Get-Outcome { $script:ease, $script:userKnn | Get-SimilarUser 1, 987654 -Top 2 }
        $r.Errors | Should -HaveCount 2
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.CannotFindSimilarUsers,*'
        "$($r.Errors[0].CategoryInfo.Category)" | Should -Be 'InvalidOperation'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'any trained encoder.*-Kind UserKnn'
        $r.Errors[1].FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.UnknownUser,*'
        $r.Out.SimilarTo | Should -Be 1, 1
    }

    It 'has a view grouped by the user asked about' {
        $text = $script:userKnn | Get-SimilarUser 1 -Top 2 | Out-String -Width 80
        $text | Should -Match 'SimilarTo: 1 \(by UserKnn\)'
        foreach ($name in 'Rank', 'UserId', 'Score') { $text | Should -Match $name }
    }
}

Describe 'Get-Recommendation -Exclude and -Candidates' {
    It '-Exclude takes movies out of <Name>''s list and changes nothing else: the next five after the first five' -ForEach @(
        @{ Name = 'EASE'; Model = { $script:ease } }
        @{ Name = 'ItemKnn'; Model = { $script:itemKnn } }
        @{ Name = 'MostPopular'; Model = { $script:popular } }
        @{ Name = 'a UserMovie model'; Model = { $script:userMovie } }
        @{ Name = 'a study encoder'; Model = { $script:triplet } }
    ) {
        $model = & $Model
        $ten = $model | Get-Recommendation -User 1 -Top 10
        $next = $model | Get-Recommendation -User 1 -Top 5 -Exclude $ten[0..4].MovieId
        $next.MovieId | Should -Be $ten[5..9].MovieId
    }

    It '-Candidates keeps only the ids given, or the movies its scriptblock is true for, run once per movie' {
        $given = $script:ease | Get-Recommendation -User 1 -Top 5 -Candidates 2, 4, 5, 6, 7, 1
        $given | Should -Not -BeNullOrEmpty
        foreach ($r in $given) { $r.MovieId | Should -BeIn 2, 4, 5, 6, 7 } # 1 is user 1's own
        $global:ContrastiveRecFilterRuns = 0
        try {
            $recs = $script:ease | Get-Recommendation -User 1, 2 -Top 5 -Candidates { $global:ContrastiveRecFilterRuns++; $_.Genres -contains 'Comedy' -and $_.Year -ge 2000 }
            $global:ContrastiveRecFilterRuns | Should -Be $script:set.MovieCount
        }
        finally { Remove-Variable ContrastiveRecFilterRuns -Scope Global }
        $recs | Should -HaveCount 10
        foreach ($r in $recs) {
            $movie = $script:set.GetMovie($r.MovieId)
            $movie.Genres | Should -Contain 'Comedy'
            $movie.Year | Should -BeGreaterOrEqual 2000
        }
        # The same as the unrestricted list with the other movies taken out.
        $all = $script:ease | Get-Recommendation -User 1 -Top 2000
        $expected = @($all | Where-Object { $m = $script:set.GetMovie($_.MovieId); $m.Genres -contains 'Comedy' -and $m.Year -ge 2000 } | Select-Object -First 5)
        ($recs | Where-Object UserId -EQ 1).MovieId | Should -Be $expected.MovieId
    }

    It 'honours both for a newcomer' {
        $ratings = @{ MovieId = 1; Rating = 5 }, @{ MovieId = 260; Rating = 4.5 }
        $free = $script:ease | Get-Recommendation -Ratings $ratings -Top 6
        $narrowed = $script:ease | Get-Recommendation -Ratings $ratings -Top 3 -Exclude $free[0..2].MovieId
        $narrowed.MovieId | Should -Be $free[3..5].MovieId
        $wars = $script:ease | Get-Recommendation -Ratings $ratings -Top 3 -Candidates { $_.Title -match 'Star Wars' }
        $wars | Should -HaveCount 3
        foreach ($r in $wars) { $r.Title | Should -Match 'Star Wars' }
        $wars.MovieId | Should -Not -Contain 260
    }

    It 'warns of ids not in the catalogue, and of a restriction that leaves no movie' {
        $recs = $script:ease | Get-Recommendation -User 1 -Top 3 -Exclude 99999999 -Candidates 2, 'zz' -WarningVariable warned -WarningAction SilentlyContinue
        $recs.MovieId | Should -Be 2
        $warned | Should -HaveCount 2
        "$($warned[0])" | Should -Match '1 movie id\(s\) of -Candidates .*: zz\.'
        "$($warned[1])" | Should -Match '1 movie id\(s\) of -Exclude .*: 99999999\.'
        $none = $script:ease | Get-Recommendation -User 1 -Top 3 -Candidates { $false } -WarningVariable empty -WarningAction SilentlyContinue
        $none | Should -BeNullOrEmpty
        "$empty" | Should -Match 'No movie .* is left to recommend'
    }
}

Describe 'Completion of -Movie, -Exclude and -Candidates' {
    BeforeAll {
        function Complete([string] $Line) { (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches }
    }

    It 'offers the model''s movie ids starting with what was typed, then titles holding it, each with its title' {
        $found = Complete 'Get-SimilarMovie -Model $script:ease -Movie 26'
        $found.CompletionText | Should -Contain '260'
        $found[0].CompletionText | Should -Be '26' # ids first, in the set's order
        ($found | Where-Object CompletionText -EQ '260').ListItemText | Should -Be '260 Star Wars: Episode IV - A New Hope (1977)'
        ($found | Where-Object CompletionText -EQ '260').ToolTip | Should -Match '^Movie 260 of EASE: Star Wars: Episode IV - A New Hope \(1977\) \(Action\|Adventure\|Sci-Fi\)$'
        (Complete 'Get-SimilarMovie -Model $script:ease -Movie Toy').CompletionText | Should -Contain '1'
    }

    It 'reads the model from -Model of Get-Recommendation, or a variable piped in' {
        (Complete 'Get-Recommendation -Model $script:ease -User 1 -Exclude 31').CompletionText | Should -Contain '318'
        $ease = $script:ease
        (Complete '$ease | Get-Recommendation -User 1 -Candidates 35').CompletionText | Should -Contain '356'
        Complete 'Get-SimilarMovie -Movie 1' | Should -BeNullOrEmpty
    }
}
