BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force

    # Writes lines (each followed by $Newline) to a file under TestDrive, creating its folder.
    function Write-TestFile([string] $Path, [string[]] $Lines, [string] $Newline = "`n", [System.Text.Encoding] $Encoding = [System.Text.UTF8Encoding]::new($false)) {
        $full = Join-Path $TestDrive $Path
        New-Item -ItemType Directory -Force (Split-Path $full) | Out-Null
        [System.IO.File]::WriteAllText($full, (($Lines | ForEach-Object { "$_$Newline" }) -join ''), $Encoding)
        $full
    }

    function Get-GenreFlags([int[]] $On) { (0..18 | ForEach-Object { if ($_ -in $On) { '1' } else { '0' } }) -join '|' }

    function New-CsvRelease([string] $Folder, [string] $Newline = "`n") {
        Write-TestFile "$Folder/ratings.csv" @('userId,movieId,rating,timestamp', '3,20,5.0,800', '3,10,0.5,700', '8,30,4.5,1000', '8,10,3.0,900') $Newline | Out-Null
        Write-TestFile "$Folder/movies.csv" @('movieId,title,genres', '10,"Heat, Part One (1995)",Action|Crime', '20,"The ""Quoted"" Movie (2001)",Comedy', '30,Toy Story (1995),Animation') $Newline | Out-Null
        Write-TestFile "$Folder/links.csv" @('movieId,imdbId,tmdbId', '10,0113277,949', '30,0114709,862') $Newline | Out-Null
        Write-TestFile "$Folder/tags.csv" @('userId,movieId,tag,timestamp', '3,10,"dark, gritty",5') $Newline | Out-Null
        Join-Path $TestDrive $Folder
    }

    function Get-RatingRows($Set, [int] $UserId) {
        @($Set.GetRatings($UserId) | ForEach-Object { '{0}:{1}@{2}' -f $_.MovieId, $_.Value, $_.Time.ToUnixTimeSeconds() })
    }
}

Describe 'Import-MovieLens on the bundled ml-latest-small set' {
    BeforeAll { $script:set = Import-MovieLens }

    It 'emits one RatingSet with the published counts' {
        @($script:set).Count | Should -Be 1
        $script:set | Should -BeOfType ([ContrastiveRec.Data.RatingSet])
        $script:set.UserCount | Should -Be 610
        $script:set.MovieCount | Should -Be 9742
        $script:set.RatingCount | Should -Be 100836
        $script:set.Layout | Should -Be 'Csv'
        $script:set.Source | Should -Be (Join-Path (Split-Path (Get-BuiltModulePath)) 'data/ml-latest-small')
    }

    It 'holds out about 5% of every user''s ratings as test' {
        $script:set.TrainCount + $script:set.TestCount | Should -Be 100836
        $script:set.TestCount / $script:set.RatingCount | Should -BeGreaterThan 0.045
        $script:set.TestCount / $script:set.RatingCount | Should -BeLessThan 0.055
        $script:set.Split.Method | Should -Be 'Random'
        $script:set.Split.Seed | Should -Be 42
    }

    It 'knows the first movie and the first rating of the raw files' {
        $script:set.GetMovie(1).Title | Should -Be 'Toy Story (1995)'
        $script:set.GetMovie(1).ImdbId | Should -Be 114709
        (Get-RatingRows $script:set 1)[0] | Should -Be '1:4@964982703'
    }
}

Describe 'Import-MovieLens on each layout' {
    It 'reads the CSV layout (<Newline.Length> char newline)' -ForEach @(@{ Newline = "`n" }, @{ Newline = "`r`n" }) {
        $folder = New-CsvRelease "csv$($Newline.Length)" $Newline
        $set = Import-MovieLens -Path $folder -TestFraction 0
        $set.Layout | Should -Be 'Csv'
        $set.UserIds | Should -Be @(3, 8)
        $set.MovieIds | Should -Be @(10, 20, 30)
        $set.TagCount | Should -Be 1
        $set.GetMovie(10).Title | Should -Be 'Heat, Part One (1995)'
        $set.GetMovie(20).Title | Should -Be 'The "Quoted" Movie (2001)'
        $set.GetMovie(30).TmdbId | Should -Be 862
        $set.GetMovie(20).ImdbId | Should -BeNullOrEmpty
        Get-RatingRows $set 8 | Should -Be @('30:4.5@1000', '10:3@900')
        $index = 0
        $set.TryGetUserIndex(8, [ref] $index) | Should -BeTrue
        $index | Should -Be 1
    }

    It 'reads the ml-1m layout with a Latin-1 movies.dat' {
        Write-TestFile 'ml1m/ratings.dat' @('1::1193::5::978300760', '1::661::3::978302109', '2::1193::4::978298413') | Out-Null
        Write-TestFile 'ml1m/movies.dat' @('661::James and the Giant Peach (1996)::Animation|Children''s', '1193::Café (1975)::Drama') -Encoding ([System.Text.Encoding]::Latin1) | Out-Null
        $set = Import-MovieLens (Join-Path $TestDrive 'ml1m')
        $set.Layout | Should -Be 'DoubleColon'
        $set.GetMovie(1193).Title | Should -Be 'Café (1975)'
        $set.GetMovie(661).Genres | Should -Be @('Animation', "Children's")
        Get-RatingRows $set 1 | Should -Be @('1193:5@978300760', '661:3@978302109')
    }

    It 'reads the ml-100k layout, not grouped by user, with u.item in Latin-1' {
        Write-TestFile 'ml100k/u.data' @("196`t242`t3`t881250949", "186`t302`t3`t891717742", "196`t302`t4`t881251000", "22`t377`t1`t878887116") | Out-Null
        Write-TestFile 'ml100k/u.item' @(
            "242|Kolya (1996)|24-Jan-1997||http://us.imdb.com/M/title-exact?Kolya%20(1996)|$(Get-GenreFlags 5)"
            "302|L.A. Confidential (1997)|01-Jan-1997||x|$(Get-GenreFlags 6, 10, 13, 16)"
            "377|Café Noir|01-Jan-1994||x|$(Get-GenreFlags 4, 8)") -Encoding ([System.Text.Encoding]::Latin1) | Out-Null
        $set = Import-MovieLens (Join-Path $TestDrive 'ml100k') -TestFraction 0
        $set.Layout | Should -Be 'Tab'
        $set.UserIds | Should -Be @(22, 186, 196)
        Get-RatingRows $set 196 | Should -Be @('242:3@881250949', '302:4@881251000')
        $set.GetMovie(377).Title | Should -Be 'Café Noir'
        $set.GetMovie(377).Year | Should -Be 1994
        $set.GetMovie(377).Genres | Should -Be @('Children', 'Drama')
        $set.GetMovie(302).Genres | Should -Be @('Crime', 'Film-Noir', 'Mystery', 'Thriller')
    }

    It 'reads a ratings file given directly, with the movies beside it' {
        $folder = New-CsvRelease 'direct'
        $set = Import-MovieLens (Join-Path $folder 'ratings.csv')
        $set.RatingCount | Should -Be 4
        $set.GetMovie(30).Title | Should -Be 'Toy Story (1995)'
    }

    It 'reads ratings alone, with empty titles' {
        Write-TestFile 'alone/ratings.csv' @('1,5,4.0,100', '2,6,3.5,200') | Out-Null
        $set = Import-MovieLens (Join-Path $TestDrive 'alone')
        $set.RatingCount | Should -Be 2
        $set.GetMovie(5).Title | Should -Be ''
    }
}

Describe 'Import-MovieLens path handling' {
    It 'warns about doubtful input and still reads it; the bundled set gives no warning' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'doubtful')
        Set-Content (Join-Path $folder 'ratings.csv') 'userId,movieId,rating,timestamp', '-3,1,4.0,10', '1,1,4.0,10', '1,42,3.0,11'
        Set-Content (Join-Path $folder 'movies.csv') 'movieId,title,genres', '1,Toy Story (1995),Animation'
        $set = Import-MovieLens -Path $folder -WarningVariable warned -WarningAction SilentlyContinue
        $set.RatingCount | Should -Be 3
        $warned | Should -HaveCount 2
        "$warned" | Should -Match 'user id\(s\) are 0 or below.*such as -3'
        "$warned" | Should -Match 'not in movies.csv, such as 42'
        $null = Import-MovieLens -WarningVariable quiet -WarningAction SilentlyContinue
        $quiet | Should -BeNullOrEmpty
    }

    BeforeAll { $script:folder = New-CsvRelease 'paths' }

    It 'resolves a TestDrive: path' {
        (Import-MovieLens -Path 'TestDrive:/paths').Source | Should -Be $script:folder
    }

    It 'resolves a relative path against the current location' {
        Push-Location $TestDrive
        try { $set = Import-MovieLens ./paths/ratings.csv } finally { Pop-Location }
        $set.RatingCount | Should -Be 4
        $set.Source | Should -Be (Join-Path $script:folder 'ratings.csv')
    }

    It 'resolves a provider-qualified path' {
        (Import-MovieLens "Microsoft.PowerShell.Core\FileSystem::$($script:folder)").RatingCount | Should -Be 4
    }

    It 'resolves ~ to the home folder' {
        $name = "contrastiverec-test-$([guid]::NewGuid().ToString('N'))"
        $home_ = Join-Path $HOME $name
        Copy-Item $script:folder $home_ -Recurse
        try { $set = Import-MovieLens "~/$name" } finally { Remove-Item $home_ -Recurse -Force }
        $set.RatingCount | Should -Be 4
        $set.Source | Should -Be $home_
    }

    It 'takes paths from the pipeline: Get-Item objects and strings' {
        $other = New-CsvRelease 'paths2'
        $sets = @(Get-Item $script:folder, $other | Import-MovieLens)
        $sets.Count | Should -Be 2
        $sets.Source | Should -Be @($script:folder, $other)
        @(Get-Item (Join-Path $other 'ratings.csv') | Import-MovieLens).RatingCount | Should -Be 4
        @('TestDrive:/paths' | Import-MovieLens).RatingCount | Should -Be 4
    }
}

Describe 'Import-MovieLens split parameters' {
    BeforeAll {
        # Users 1..4 with 2, 5, 10 and 20 ratings, timestamps out of order.
        $lines = @('userId,movieId,rating,timestamp')
        $sizes = 2, 5, 10, 20
        foreach ($u in 0..3) { foreach ($i in 1..$sizes[$u]) { $lines += '{0},{1},{2}.0,{3}' -f ($u + 1), $i, (1 + $i % 5), (1000 + ($i * 37) % 101) } }
        $script:folder = Split-Path (Write-TestFile 'split/ratings.csv' $lines)
        $script:sizes = $sizes
    }

    It 'holds out TestCountFor of each user''s ratings with -TestFraction' {
        $set = Import-MovieLens $script:folder -TestFraction 0.2
        $set.Split.TestFraction | Should -Be 0.2
        # round(n * 0.2) with at least one: 2 -> 1, 5 -> 1, 10 -> 2, 20 -> 4
        foreach ($u in 1..4) { @($set.GetRatings($u) | Where-Object IsTest).Count | Should -Be @(1, 1, 2, 4)[$u - 1] }
        $set.TestCount | Should -Be 8
        $set.TrainCount | Should -Be 29
    }

    It 'gives the same split for the same -Seed and another for another' {
        $flags = { param($s) -join ($s.UserIds | ForEach-Object { $s.GetRatings($_) | ForEach-Object { [int]$_.IsTest } }) }
        $a = & $flags (Import-MovieLens $script:folder -TestFraction 0.3 -Seed 5)
        $b = & $flags (Import-MovieLens $script:folder -TestFraction 0.3 -Seed 5)
        $c = & $flags (Import-MovieLens $script:folder -TestFraction 0.3 -Seed 6)
        $a | Should -Be $b
        $c | Should -Not -Be $a
    }

    It 'holds out the latest ratings with -SplitMethod Temporal' {
        $set = Import-MovieLens $script:folder -TestFraction 0.2 -SplitMethod Temporal
        $set.Split.Method | Should -Be 'Temporal'
        foreach ($u in $set.UserIds) {
            $r = $set.GetRatings($u)
            ($r | Where-Object IsTest | Measure-Object { $_.Time.ToUnixTimeSeconds() } -Minimum).Minimum |
                Should -BeGreaterThan ($r | Where-Object { -not $_.IsTest } | Measure-Object { $_.Time.ToUnixTimeSeconds() } -Maximum).Maximum
        }
    }

    It 'holds out nothing with -TestFraction 0' {
        (Import-MovieLens $script:folder -TestFraction 0).TestCount | Should -Be 0
    }

    It 'refuses a -TestFraction of 1' {
        { Import-MovieLens $script:folder -TestFraction 1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}

Describe 'Import-MovieLens on bad input' {
    BeforeDiscovery {
        $header = 'userId,movieId,rating,timestamp'
        $script:cases = @(
            @{ Name = 'a missing path'; Files = @{}; Under = 'missing'; Target = 'missing'; Id = 'PathNotFound'; Category = 'ObjectNotFound'; Line = 0 }
            @{ Name = 'a folder of no known layout'; Files = @{ 'notes.txt' = @('hi') }; Under = '.'; Target = '.'; Id = 'UnknownMovieLensLayout'; Category = 'InvalidArgument'; Line = 0 }
            @{ Name = 'a file of no known layout'; Files = @{ 'notes.txt' = @('hi') }; Under = 'notes.txt'; Target = 'notes.txt'; Id = 'UnknownMovieLensLayout'; Category = 'InvalidArgument'; Line = 0 }
            @{ Name = 'a wrong field count'; Files = @{ 'ratings.csv' = @($header, '1,1,4.0,10', '1,2,4.0') }; Id = 'MalformedRow'; Category = 'ParserError'; Line = 3 }
            @{ Name = 'a non-number after blank lines'; Files = @{ 'ratings.csv' = @($header, '1,1,4.0,10', '', '', '1,two,4.0,10') }; Id = 'MalformedRow'; Category = 'ParserError'; Line = 5 }
            @{ Name = 'a bad first row without a header'; Files = @{ 'ratings.csv' = @('u1,1,4.0,10', '1,2,4.0,10') }; Id = 'MalformedRow'; Category = 'ParserError'; Line = 1 }
            @{ Name = 'a rating of 5.5'; Files = @{ 'ratings.csv' = @($header, '1,1,4.0,10', '1,2,5.5,10') }; Id = 'RatingOutOfRange'; Category = 'InvalidData'; Line = 3 }
            @{ Name = 'a rating of 0'; Files = @{ 'ratings.dat' = @('1::1::0::10') }; Id = 'RatingOutOfRange'; Category = 'InvalidData'; Line = 1 }
            @{ Name = 'a duplicate pair'; Files = @{ 'ratings.csv' = @($header, '1,1,4.0,10', '1,2,4.0,10', '1,1,3.0,11') }; Id = 'DuplicateRating'; Category = 'InvalidData'; Line = 4 }
            @{ Name = 'a duplicate pair in a file not grouped by user'; Files = @{ 'u.data' = @("5`t1`t4`t10", "2`t1`t4`t10", "5`t2`t4`t10", '', "5`t1`t2`t11") }; Id = 'DuplicateRating'; Category = 'InvalidData'; Line = 5 }
            @{ Name = 'a timestamp in milliseconds'; Files = @{ 'ratings.csv' = @($header, '1,1,4.0,964982703', '1,2,4.0,964982703000') }; Id = 'TimestampOutOfRange'; Category = 'InvalidData'; Line = 3 }
            @{ Name = 'an empty file'; Files = @{ 'ratings.csv' = @() }; Id = 'EmptyFile'; Category = 'InvalidData'; Line = 1 }
            @{ Name = 'a header-only file'; Files = @{ 'ratings.csv' = @($header) }; Id = 'EmptyFile'; Category = 'InvalidData'; Line = 2 }
            @{ Name = 'a bad movies.csv row'; Files = @{ 'ratings.csv' = @($header, '1,1,4.0,10'); 'movies.csv' = @('movieId,title,genres', '1,"A, B (1999)"') }; Target = 'movies.csv'; Id = 'MalformedRow'; Category = 'ParserError'; Line = 2 }
        )
        # Every case names its path (Under) and the file the error is about (Target), relative to its folder.
        foreach ($c in $script:cases) {
            if (-not $c.ContainsKey('Under')) { $c.Under = '.' }
            if (-not $c.ContainsKey('Target')) { $c.Target = @($c.Files.Keys | Where-Object { $_ -notlike 'movies*' })[0] }
        }
    }

    It 'throws ContrastiveRec.<Id> for <Name>, naming the file and line, and emits nothing' -ForEach $script:cases {
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory $folder | Out-Null
        foreach ($f in $Files.Keys) {
            [System.IO.File]::WriteAllText((Join-Path $folder $f), (($Files[$f] | ForEach-Object { "$_`r`n" }) -join ''))
        }
        $readPath = [System.IO.Path]::GetFullPath((Join-Path $folder $Under))
        $file = [System.IO.Path]::GetFullPath((Join-Path $folder $Target))

        $err = $null
        $out = try { Import-MovieLens -Path $readPath } catch { $err = $_ }

        $out | Should -BeNullOrEmpty
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike "ContrastiveRec.$Id,*"
        $err.CategoryInfo.Category | Should -Be $Category
        [System.IO.Path]::GetFullPath($err.TargetObject) | Should -Be $file
        $err.Exception | Should -BeOfType ([ContrastiveRec.Data.MovieLensFormatException])
        $err.Exception.LineNumber | Should -Be $Line
        $where = if ($Line) { "$($err.TargetObject):$Line" } else { "$($err.TargetObject)" }
        $err.ToString() | Should -BeLike "$([WildcardPattern]::Escape($where)): *"
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'stops the pipeline at the first bad path' {
        $good = New-CsvRelease 'goodfirst'
        $err = $null
        $sets = [System.Collections.Generic.List[object]]::new()
        try { $good, (Join-Path $TestDrive 'nothing-here') | Import-MovieLens | ForEach-Object { $sets.Add($_) } } catch { $err = $_ }
        $sets.Count | Should -Be 1
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.PathNotFound,*'
    }
}
