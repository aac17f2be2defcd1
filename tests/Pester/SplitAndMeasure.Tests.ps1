BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:set = Import-MovieLens

    # The raw file, tallied independently of the module: ratings per user, per movie, per value, and their sum.
    $script:raw = @{ PerUser = @{}; PerMovie = @{}; Histogram = @{}; Sum = 0.0; Count = 0 }
    $lines = [System.IO.File]::ReadAllLines((Join-Path (Get-RepoRoot) 'data/ml-latest-small/ratings.csv'))
    foreach ($line in $lines[1..($lines.Length - 1)]) {
        $f = $line.Split(',')
        $v = [double]::Parse($f[2], [cultureinfo]::InvariantCulture)
        $script:raw.PerUser[$f[0]] += 1
        $script:raw.PerMovie[$f[1]] += 1
        $script:raw.Histogram[$v] += 1
        $script:raw.Sum += $v
        $script:raw.Count++
    }

    function Get-Median([int[]] $Values) {
        $s = $Values | Sort-Object
        $n = $s.Count
        if ($n % 2) { [double]$s[($n - 1) / 2] } else { ($s[$n / 2 - 1] + $s[$n / 2]) / 2.0 }
    }

    function Get-ExpectedTestCount([int] $N, [double] $Fraction) {
        if ($Fraction -le 0 -or $N -lt 2) { return 0 }
        [Math]::Min($N - 1, [Math]::Max(1, [int][Math]::Round($N * $Fraction, [MidpointRounding]::AwayFromZero)))
    }

    function Get-TestFlags($Set, [int[]] $UserIds) {
        -join ($UserIds | ForEach-Object { $Set.GetRatings($_) | ForEach-Object { [int]$_.IsTest } })
    }
}

Describe 'Split-RatingSet' {
    BeforeAll {
        $script:before = @{ Test = $script:set.TestCount; Flags = Get-TestFlags $script:set (1..30) }
        $script:temporal = $script:set | Split-RatingSet -Method Temporal -TestFraction 0.2
    }

    It 'holds out each user''s share by TestCountFor, and the counts add up' {
        $expected = ($script:raw.PerUser.Values | ForEach-Object { Get-ExpectedTestCount $_ 0.2 } | Measure-Object -Sum).Sum
        $script:temporal.TestCount | Should -Be $expected
        $script:temporal.TrainCount + $script:temporal.TestCount | Should -Be 100836
        $script:temporal.RatingCount | Should -Be 100836
        foreach ($u in 1, 77, 414, 610) {
            @($script:temporal.GetRatings($u) | Where-Object IsTest).Count | Should -Be (Get-ExpectedTestCount $script:raw.PerUser["$u"] 0.2)
        }
    }

    It 'holds out each user''s latest ratings with -Method Temporal' {
        $script:temporal.Split.Method | Should -Be 'Temporal'
        foreach ($u in 1..40) {
            $r = $script:temporal.GetRatings($u)
            $firstTest = ($r | Where-Object IsTest | ForEach-Object { $_.Time } | Measure-Object -Minimum).Minimum
            $lastTrain = ($r | Where-Object { -not $_.IsTest } | ForEach-Object { $_.Time } | Measure-Object -Maximum).Maximum
            $firstTest | Should -BeGreaterOrEqual $lastTrain
        }
    }

    It 'splits at random by seed: same seed same rows, another seed other rows' {
        $a = $script:set | Split-RatingSet -TestFraction 0.1 -Seed 1
        $b = $script:set | Split-RatingSet -TestFraction 0.1 -Seed 1
        $c = $script:set | Split-RatingSet -TestFraction 0.1 -Seed 2
        $a.Split.Method | Should -Be 'Random'
        $a.Split.Seed | Should -Be 1
        Get-TestFlags $a (1..30) | Should -Be (Get-TestFlags $b (1..30))
        Get-TestFlags $c (1..30) | Should -Not -Be (Get-TestFlags $a (1..30))
        $c.TestCount | Should -Be $a.TestCount
    }

    It 'leaves the original set unchanged' {
        $script:set.TestCount | Should -Be $script:before.Test
        $script:set.Split.Method | Should -Be 'Random'
        $script:set.Split.TestFraction | Should -Be 0.05
        Get-TestFlags $script:set (1..30) | Should -Be $script:before.Flags
    }

    It 'holds out nothing with -TestFraction 0, and splits every piped set' {
        $sets = @($script:set, $script:temporal | Split-RatingSet -TestFraction 0)
        $sets.Count | Should -Be 2
        $sets.TestCount | Should -Be @(0, 0)
    }
}

Describe 'Measure-RatingSet on the bundled set' {
    BeforeAll { $script:summary = $script:set | Measure-RatingSet }

    It 'counts users, movies, rated movies and ratings' {
        $s = $script:summary
        $s | Should -BeOfType ([ContrastiveRec.Analysis.RatingSetSummary])
        $s.Users | Should -Be 610
        $s.Movies | Should -Be 9742
        $s.RatedMovies | Should -Be 9724
        $s.RatedMovies | Should -Be $script:raw.PerMovie.Count
        $s.Ratings | Should -Be $script:raw.Count
        $s.Train + $s.Test | Should -Be 100836
        $s.Test | Should -Be $script:set.TestCount
        $s.Density | Should -Be (100836 / (610 * 9724))
    }

    It 'agrees with the raw file on the mean and the histogram' {
        [Math]::Abs($script:summary.MeanRating - $script:raw.Sum / $script:raw.Count) | Should -BeLessThan 1e-9
        $script:summary.RatingHistogram.Count | Should -Be $script:raw.Histogram.Count
        foreach ($bin in $script:summary.RatingHistogram) {
            $bin.Count | Should -Be $script:raw.Histogram[[double]$bin.Rating] -Because "$($bin.Rating) stars"
        }
        $script:summary.MinRating | Should -Be ($script:raw.Histogram.Keys | Measure-Object -Minimum).Minimum
        $script:summary.MaxRating | Should -Be ($script:raw.Histogram.Keys | Measure-Object -Maximum).Maximum
    }

    It 'agrees with the raw file on ratings per user and per movie' {
        $users = [int[]]@($script:raw.PerUser.Values)
        $movies = [int[]]@($script:raw.PerMovie.Values)
        $script:summary.MinRatingsPerUser | Should -Be ($users | Measure-Object -Minimum).Minimum
        $script:summary.MaxRatingsPerUser | Should -Be ($users | Measure-Object -Maximum).Maximum
        $script:summary.MedianRatingsPerUser | Should -Be (Get-Median $users)
        $script:summary.MinRatingsPerMovie | Should -Be 1
        $script:summary.MaxRatingsPerMovie | Should -Be ($movies | Measure-Object -Maximum).Maximum
        $script:summary.MedianRatingsPerMovie | Should -Be (Get-Median $movies)
    }

    It 'reports the split of the set it is given' {
        $s = $script:set | Split-RatingSet -TestFraction 0 | Measure-RatingSet
        $s.Test | Should -Be 0
        $s.Train | Should -Be 100836
    }
}
