BeforeDiscovery {
    # Headless Chromium renders the HTML report; build.ps1 -Task Test installs it beforehand when it can.
    $script:chromium = (Get-Command chromium, chromium-browser -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
    $script:why = if (-not $script:chromium) { 'Chromium is not installed (build.ps1 -Task Test installs Debian''s chromium when it runs as root with apt-get)' }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:set = Import-MovieLens
    $script:model = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1
    # Short runs keep the suite quick; the planted-cluster quality test of t-SNE is in the xunit suite.
    $script:points = $script:model | ConvertTo-Tsne -Iterations 400
    $script:clusters = $script:points | Get-UserCluster -Count 4
    $script:chromium = (Get-Command chromium, chromium-browser -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
}

Describe 'ConvertTo-Tsne' {
    It 'lays out every user of a model as UserId, X, Y' {
        $script:points.Count | Should -Be 610
        $script:points[0].GetType().FullName | Should -Be 'ContrastiveRec.Analysis.UserPoint'
        ($script:points.UserId | Sort-Object -Unique).Count | Should -Be 610
        $script:points | ForEach-Object { [double]::IsFinite($_.X) -and [double]::IsFinite($_.Y) } | Should -Not -Contain $false
    }

    It 'gives the same map from the model and from its piped embeddings' {
        $fromEmbeddings = $script:model | Get-UserEmbedding | ConvertTo-Tsne -Iterations 400
        ($fromEmbeddings | ForEach-Object { '{0} {1:R} {2:R}' -f $_.UserId, $_.X, $_.Y }) |
            Should -Be ($script:points | ForEach-Object { '{0} {1:R} {2:R}' -f $_.UserId, $_.X, $_.Y })
    }

    It 'is reproducible with a seed and changes with another' {
        $e = $script:model | Get-UserEmbedding -User (1..60)
        $a = $e | ConvertTo-Tsne -Initialization Random -Seed 3 -Iterations 100 -Perplexity 10
        $b = $e | ConvertTo-Tsne -Initialization Random -Seed 3 -Iterations 100 -Perplexity 10
        $c = $e | ConvertTo-Tsne -Initialization Random -Seed 4 -Iterations 100 -Perplexity 10
        $a.X | Should -Be $b.X
        $a.X | Should -Not -Be $c.X
    }

    It 'reports progress and the KL divergence with -Verbose' {
        $e = $script:model | Get-UserEmbedding -User (1..40)
        $verbose = $e | ConvertTo-Tsne -Iterations 250 -Perplexity 10 -AutoLearningRate -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 'learning rate 50'
        ($verbose.Message -join "`n") | Should -Match 'Iteration 250: KL divergence \d'
    }

    It 'refuses no input with a clear InvalidArgument error' {
        $err = { @() | ConvertTo-Tsne } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Match '^ContrastiveRec.NoEmbeddings'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match 'nothing to lay out'
    }

    It 'refuses a -Perplexity the users cannot carry (-Method <Method>), saying the largest that works' -ForEach @(@{ Method = 'Exact' }, @{ Method = 'BarnesHut' }) {
        # The issue: -Perplexity 10000 on the bundled set's 610 users was quietly lowered to 203.
        $err = { $script:model | ConvertTo-Tsne -Perplexity 10000 -Method $Method } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.PerplexityTooLarge,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -Be 10000
        "$err" | Should -BeLike '610 points cannot carry a perplexity of 10,000: * so 610 points carry a perplexity of at most 203.'
        $err.ErrorDetails.RecommendedAction | Should -BeExactly 'Give -Perplexity 203 or less, or lay out 30,001 users or more.'
        # The largest is carried, without a word.
        $map = $script:model | Get-UserEmbedding -User (1..40) | ConvertTo-Tsne -Perplexity 13 -Iterations 50 -Method $Method -WarningVariable none
        $map | Should -HaveCount 40
        $none | Should -BeNullOrEmpty
    }

    It 'lowers the default perplexity to what fewer than 91 users carry, and says so' {
        $e = $script:model | Get-UserEmbedding -User (1..40)
        $map = $e | ConvertTo-Tsne -Iterations 50 -WarningVariable warned -WarningAction SilentlyContinue -Verbose 4>&1
        ($map | Where-Object { $_ -is [ContrastiveRec.Analysis.UserPoint] }) | Should -HaveCount 40
        $warned | Should -HaveCount 1
        "$warned" | Should -BeLike '40 users cannot carry the default perplexity of 30 (each is calibrated over its 3 * perplexity nearest others): the map uses 13, the most they carry.'
        ($map | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Select-Object -First 1).Message | Should -Match 'perplexity 13,'
        # 91 users carry the default.
        $null = $script:model | Get-UserEmbedding -User (1..91) | ConvertTo-Tsne -Iterations 20 -WarningVariable none
        $none | Should -BeNullOrEmpty
    }

    It 'lays out more than 5,000 users with Barnes-Hut t-SNE, which -Method can force on fewer' {
        $rng = [Random]::new(2)
        $many = 1..5001 | ForEach-Object { [ContrastiveRec.Training.UserEmbedding]::new($_, [float[]]@((($_ % 2) * 10 + $rng.NextDouble()), $rng.NextDouble())) }
        $out = $many | ConvertTo-Tsne -Iterations 30 -AutoLearningRate -Verbose 4>&1
        $verbose = ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $verbose | Should -Match 'Barnes-Hut t-SNE of 5,001 users'
        $map = $out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $map.Count | Should -Be 5001
        $map | ForEach-Object { [double]::IsFinite($_.X) -and [double]::IsFinite($_.Y) } | Should -Not -Contain $false
        $few = $script:model | Get-UserEmbedding -User (1..200)
        ($few | ConvertTo-Tsne -Iterations 20 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Select-Object -First 1).Message | Should -Match '^Exact'
        ($few | ConvertTo-Tsne -Iterations 20 -Method BarnesHut -Theta 0.3 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Select-Object -First 1).Message | Should -Match '^Barnes-Hut'
    }

    It 'refuses exact t-SNE whose n x n matrices cannot fit, naming the memory it needs' {
        # 30,000 users: 6 x 8 x 30,000^2 bytes, about 43 GB, more than this machine has; refused before allocating.
        $many = 1..30000 | ForEach-Object { [ContrastiveRec.Training.UserEmbedding]::new($_, [float[]](0, 1)) }
        $err = { $many | ConvertTo-Tsne -Method Exact } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Match '^ContrastiveRec.TooManyPoints'
        $err.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $err.Exception.Message | Should -Match 'Exact t-SNE .* of 30,000 points needs about [\d,]+ MB'
        $err.ErrorDetails.RecommendedAction | Should -Match 'BarnesHut'
    }

    It 'refuses embeddings of different lengths as InvalidData' {
        $mixed = [ContrastiveRec.Training.UserEmbedding]::new(1, [float[]](0, 1)), [ContrastiveRec.Training.UserEmbedding]::new(2, [float[]](0, 1, 2))
        $err = { $mixed | ConvertTo-Tsne } | Should -Throw -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.Message | Should -Match 'Point 1 has 3'
    }

    It 'stops between iterations on Ctrl+C, emitting nothing' {
        $run = Start-BuiltModuleRun "`$e = 1..400 | ForEach-Object { [ContrastiveRec.Training.UserEmbedding]::new(`$_, [float[]]((1..20) | ForEach-Object { Get-Random })) }; `$e | ConvertTo-Tsne -Iterations 100000" -Until '^Iteration [1-9]\d*/100000'
        $ps, $async = $run.PowerShell, $run.Async
        $ps.Stop()
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $last = $ps.Streams.Progress | Where-Object StatusDescription -Match '^Iteration (\d+)/' | ForEach-Object { [int]$Matches[1] } | Measure-Object -Maximum
        $last.Maximum | Should -BeLessThan 100000
        # 100,000 iterations at any pace leave time: the estimate says so.
        ($ps.Streams.Progress | Where-Object StatusDescription -Match '^Iteration' | Select-Object -Last 1).SecondsRemaining | Should -BeGreaterThan 0
        $output = try { $ps.EndInvoke($async) } catch { @() }
        @($output).Count | Should -Be 0
        $ps.Dispose()
    }
}

Describe 'Get-UserCluster and Measure-UserCluster' {
    It 'clusters map points into Count clusters, carrying X and Y, with each user''s silhouette' {
        $script:clusters.Count | Should -Be 610
        ($script:clusters.Cluster | Sort-Object -Unique) | Should -Be @(0, 1, 2, 3)
        $script:clusters[0].X | Should -Be $script:points[0].X
        $script:clusters | ForEach-Object { $_.Silhouette -ge -1 -and $_.Silhouette -le 1 } | Should -Not -Contain $false
        ($script:clusters | Measure-Object Silhouette -Average).Average | Should -BeGreaterThan 0.2
    }

    It 'finds hand-made groups from any objects with UserId, X and Y, and reports the score with -Verbose' {
        $pts = @(
            [pscustomobject]@{ UserId = 1; X = 0; Y = 0 }, [pscustomobject]@{ UserId = 2; X = 0; Y = 1 }, [pscustomobject]@{ UserId = 3; X = 1; Y = 0 }
            [pscustomobject]@{ UserId = 4; X = 10; Y = 10 }, [pscustomobject]@{ UserId = 5; X = 10; Y = 11 }, [pscustomobject]@{ UserId = 6; X = 11; Y = 10 }
        )
        $out = $pts | Get-UserCluster -Count 2 -Verbose 4>&1
        $c = $out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $c.Cluster | Should -Be @(0, 0, 0, 1, 1, 1)
        ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Match 'sizes 3, 3\): silhouette score 0\.9'
    }

    It 'clusters embeddings, leaving X and Y empty, and is seeded' {
        $e = $script:model | Get-UserEmbedding -User (1..100)
        $a = $e | Get-UserCluster -Count 3 -Seed 5 -Restarts 2
        $b = $e | Get-UserCluster -Count 3 -Seed 5 -Restarts 2
        $a.Count | Should -Be 100
        $a[0].X | Should -BeNullOrEmpty
        $a.Cluster | Should -Be $b.Cluster
    }

    It 'refuses no input, more clusters than users, and fewer than two, each with the right category' {
        $err = { @() | Get-UserCluster } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Match '^ContrastiveRec.NoUsers'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'

        $err = { $script:points | Select-Object -First 5 | Get-UserCluster -Count 6 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Match '^ContrastiveRec.TooManyClusters'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match 'Cannot make 6 clusters of 5 users'

        $err = { $script:points | Get-UserCluster -Count 1 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Match '^ParameterArgumentValidationError'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'scores several counts so one can be chosen' {
        $scores = $script:points | Measure-UserCluster -Count 2, 4, 3 -Restarts 2
        $scores | ForEach-Object Count | Should -Be @(2, 3, 4)
        $scores | ForEach-Object { ($_.Sizes | Measure-Object -Sum).Sum } | Should -Be @(610, 610, 610)
        $scores[0].Inertia | Should -BeGreaterThan $scores[2].Inertia
        $err = { $script:points | Select-Object -First 3 | Measure-UserCluster -Count 2, 4 } | Should -Throw -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'scores the silhouette on a seeded sample with -SampleSize, clustering every user' {
        $a = $script:points | Measure-UserCluster -Count 3, 4 -Restarts 2 -SampleSize 200
        $b = $script:points | Measure-UserCluster -Count 3, 4 -Restarts 2 -SampleSize 200
        $all = $script:points | Measure-UserCluster -Count 3, 4 -Restarts 2
        $a.Silhouette | Should -Be $b.Silhouette
        $a.Silhouette | Should -Not -Be $all.Silhouette
        $a.Inertia | Should -Be $all.Inertia
        $a | ForEach-Object { ($_.Sizes | Measure-Object -Sum).Sum } | Should -Be @(610, 610)
        ($script:points | Measure-UserCluster -Count 3 -Restarts 2 -SampleSize 100000).Silhouette | Should -Be $all[0].Silhouette
    }
}

Describe 'Get-ClusterTopMovie' {
    It 'gives each cluster its Top movies, liked by at least MinLikes members, ranked by lift' {
        $top = $script:clusters | Get-ClusterTopMovie -Ratings $script:set -Top 5 -MinLikes 5
        ($top.Cluster | Sort-Object -Unique) | Should -Be @(0, 1, 2, 3)
        foreach ($g in $top | Group-Object Cluster) {
            $g.Count | Should -Be 5
            $g.Group.Rank | Should -Be @(1, 2, 3, 4, 5)
            $g.Group | ForEach-Object { $_.Likes -ge 5 -and $_.Ratings -ge $_.Likes } | Should -Not -Contain $false
            $lifts = $g.Group.Lift
            $lifts | Should -Be ($lifts | Sort-Object -Descending)
            $lifts[0] | Should -BeGreaterThan 1 -Because 'a cluster''s first movie is one it likes more often than everyone'
            $g.Group.PopularShare | Sort-Object -Unique | Should -HaveCount 1
        }
        $top[0].Title | Should -Not -BeNullOrEmpty
        $top[0].Genres | Should -Not -BeNullOrEmpty
    }

    It 'by default needs 10 likes or 5 % of the cluster, whichever is larger; -MinRatings still binds' {
        $top = $script:clusters | Get-ClusterTopMovie $script:set
        foreach ($g in $top | Group-Object Cluster) {
            $least = [math]::Max(10, [math]::Ceiling(0.05 * $g.Group[0].ClusterSize))
            $g.Group | ForEach-Object { $_.Likes -ge $least } | Should -Not -Contain $false
        }
        ($script:clusters | Get-ClusterTopMovie $script:set -Top 1 -MinRatings 50).Likes | ForEach-Object { $_ | Should -BeGreaterOrEqual 50 }
    }

    It 'computes lift, likes and the mean from the members'' train ratings' {
        $top = $script:clusters | Get-ClusterTopMovie $script:set -Top 1 -MinLikes 20
        $first = $top | Where-Object Cluster -EQ 0
        $members = ($script:clusters | Where-Object Cluster -EQ 0).UserId
        $ratings = foreach ($u in $members) { $script:set.GetRatings($u) | Where-Object { $_.MovieId -eq $first.MovieId -and -not $_.IsTest } }
        @($ratings).Count | Should -Be $first.Ratings
        $likes = @($ratings | Where-Object Value -GE 3.5).Count
        $likes | Should -Be $first.Likes
        ($ratings | Measure-Object Value -Average).Average | Should -BeGreaterOrEqual ($first.MeanRating - 1e-9)
        ($ratings | Measure-Object Value -Average).Average | Should -BeLessOrEqual ($first.MeanRating + 1e-9)
        $everyone = @(foreach ($u in $script:set.UserIds) { $script:set.GetRatings($u) | Where-Object { $_.MovieId -eq $first.MovieId -and -not $_.IsTest -and $_.Value -ge 3.5 } }).Count
        $lift = ($likes / @($members).Count) / ($everyone / $script:set.UserCount)
        $first.Lift | Should -BeGreaterOrEqual ($lift - 1e-9)
        $first.Lift | Should -BeLessOrEqual ($lift + 1e-9)
    }

    It 'marks popular movies: with every movie popular the share is 1' {
        $top = $script:clusters | Get-ClusterTopMovie $script:set -PopularCount 100000
        $top.PopularShare | Sort-Object -Unique | Should -Be 1
    }

    It 'refuses users the ratings do not have, as InvalidData' {
        $err = { [pscustomobject]@{ UserId = 999999; Cluster = 0 } | Get-ClusterTopMovie $script:set } | Should -Throw -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.Message | Should -Match 'User 999999'
    }
}

Describe 'Export-EmbeddingPlot' {
    It 'writes a PNG of the requested size and emits it with -PassThru' {
        $path = Join-Path $TestDrive 'map.png'
        $file = $script:clusters | Export-EmbeddingPlot -Path $path -Title 'Strategy 4' -Width 640 -Height 480 -PassThru
        $file.FullName | Should -Be $path
        $size = Get-PngSize $path
        $size.Signature | Should -Be '89-50-4E-47-0D-0A-1A-0A'
        $size.Width | Should -Be 640
        $size.Height | Should -Be 480
        # It decodes, and every cluster's colour is on it.
        $bitmap = [SkiaSharp.SKBitmap]::Decode($path)
        $bitmap.Width | Should -Be 640
        # Markers are drawn at 85% opacity, so a lone marker on white is the colour blended 15% towards white.
        $colours = 0..3 | ForEach-Object { [SkiaSharp.SKColor]::Parse([ContrastiveRec.Visualization.Charts]::HexOf($_)) } |
            ForEach-Object { , @(($_.Red * 0.85 + 38.25), ($_.Green * 0.85 + 38.25), ($_.Blue * 0.85 + 38.25)) }
        $found = @{}
        for ($y = 0; $y -lt $bitmap.Height; $y += 2) {
            for ($x = 0; $x -lt $bitmap.Width; $x += 2) {
                $p = $bitmap.GetPixel($x, $y)
                for ($i = 0; $i -lt 4; $i++) {
                    $c = $colours[$i]
                    if ([math]::Abs($p.Red - $c[0]) + [math]::Abs($p.Green - $c[1]) + [math]::Abs($p.Blue - $c[2]) -le 12) { $found[$i] = 1 + $found[$i] }
                }
            }
        }
        $bitmap.Dispose()
        foreach ($i in 0..3) { $found[$i] | Should -BeGreaterThan 20 -Because "cluster $i's colour should be on the plot" }
        Get-ChildItem $TestDrive -Filter '*.tmp' -Force | Should -BeNullOrEmpty
    }

    It 'refuses a path that does not end in .png, writing nothing' {
        foreach ($name in 'map.jpg', 'map') {
            $path = Join-Path $TestDrive $name
            $err = $null
            try { $script:points | Export-EmbeddingPlot $path -Force } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.NotPngPath*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.ErrorDetails.RecommendedAction | Should -Match '\.png'
            Test-Path $path | Should -BeFalse
        }
        $recall = $script:model | Measure-RecallAtK -Protocol Full -K 10
        $err = $null
        try { $recall | Export-RecallChart (Join-Path $TestDrive 'recall.JPG') } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.NotPngPath*'
        Test-Path (Join-Path $TestDrive 'recall.JPG') | Should -BeFalse
    }

    It 'plots points without clusters, and keeps an existing file unless -Force' {
        $path = Join-Path $TestDrive 'plain.png'
        $script:points | Export-EmbeddingPlot $path
        (Get-PngSize $path).Width | Should -Be 800
        $err = { $script:points | Export-EmbeddingPlot $path } | Should -Throw -PassThru
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
        $script:points | Export-EmbeddingPlot $path -Width 300 -Force
        (Get-PngSize $path).Width | Should -Be 300
    }

    It 'draws a crowded map of 20 clusters' {
        $rng = [Random]::new(3)
        $crowd = 0..19999 | ForEach-Object { [pscustomobject]@{ X = ($_ % 20) * 5 + $rng.NextDouble() * 4; Y = $rng.NextDouble() * 4; Cluster = $_ % 20 } }
        $path = Join-Path $TestDrive 'crowd.png'
        $crowd | Export-EmbeddingPlot $path -Width 900 -Height 400
        $bitmap = [SkiaSharp.SKBitmap]::Decode($path)
        $tinted = 0
        for ($y = 0; $y -lt $bitmap.Height; $y += 2) {
            for ($x = 0; $x -lt $bitmap.Width; $x += 2) {
                $p = $bitmap.GetPixel($x, $y)
                if ($p.Red -ne $p.Green -or $p.Green -ne $p.Blue) { $tinted++ }
            }
        }
        $bitmap.Dispose()
        $tinted | Should -BeGreaterThan 1000
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.png'
        $script:points | Export-EmbeddingPlot $path -WhatIf
        Test-Path $path | Should -BeFalse
    }

    It 'refuses no points and points without a map position' {
        $err = { @() | Export-EmbeddingPlot (Join-Path $TestDrive 'none.png') } | Should -Throw -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $onEmbeddings = $script:model | Get-UserEmbedding -User (1..10) | Get-UserCluster -Count 2
        $err = { $onEmbeddings | Export-EmbeddingPlot (Join-Path $TestDrive 'noxy.png') } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Match '^ContrastiveRec.NoMapPosition'
    }

    It 'renders from a copy of the built module in a fresh pwsh, with SkiaSharp''s native library beside the DLLs' {
        $folder = Split-Path (Get-BuiltModulePath)
        Test-Path (Join-Path $folder 'libSkiaSharp.so') | Should -BeTrue
        Test-Path (Join-Path $folder 'libHarfBuzzSharp.so') | Should -BeTrue
        Test-Path (Join-Path $folder 'runtimes') | Should -BeFalse
        $copy = Join-Path $TestDrive 'copy/ContrastiveRec'
        Copy-Item $folder $copy -Recurse
        $png = Join-Path $TestDrive 'fresh.png'
        $out = Invoke-FreshPwsh -Script @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Join-Path $copy 'ContrastiveRec.psd1')'
1..50 | ForEach-Object { [pscustomobject]@{ X = `$_ % 7; Y = `$_ % 5; Cluster = `$_ % 3 } } | Export-EmbeddingPlot '$png' -Width 320 -Height 240
[System.Runtime.InteropServices.NativeLibrary]::TryLoad('$(Join-Path $copy 'libSkiaSharp.so')', [ref] [IntPtr]::Zero)
'SKIA ' + ([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'SkiaSharp' }).Location
"@
        $out | Should -Contain 'True'
        $out | Should -Contain "SKIA $(Join-Path $copy 'SkiaSharp.dll')"
        (Get-PngSize $png).Width | Should -Be 320
    }
}

Describe 'The HTML report in headless Chromium' -Skip:($null -ne $script:why) {
    BeforeAll {
        # The report as Invoke-StrategyComparison -ReportPath builds it: the file's Strategy 4 map and clusters drawn by
        # ComparisonReport.Figure, and a table of hand-made rows carrying the study's recall figures (so the page is quick to make),
        # four strategies measured under both protocols and a baseline, whose colour appears nowhere but in the recall chart, under Full only.
        $figure = [ContrastiveRec.Experiments.ComparisonReport]::Figure($script:model, 'Strategy 4', 4, 42, [System.Threading.CancellationToken]::None)
        $study = [ordered]@{ 'Strategy 1' = 0.62, 1.97, 3.84; 'Strategy 2' = 1.29, 2.16, 6.03; 'Strategy 3' = 0.73, 2.18, 4.36; 'Strategy 4' = 0.78, 3.10, 11.63; 'MostPopular' = 1.0, 2.5, 5.0 }
        $rows = foreach ($name in $study.Keys) {
            $protocols = if ($name -like 'Strategy*') { 'Study', 'Full' } else { , 'Full' }
            $measures = foreach ($p in $protocols) {
                foreach ($i in 0..2) { [ContrastiveRec.Experiments.ComparisonMeasure]::new($p, 'Recall', (10, 20, 50)[$i], $study[$name][$i] / 100, 0) }
                foreach ($k in 10, 20) { [ContrastiveRec.Experiments.ComparisonMeasure]::new($p, 'Ndcg', $k, $study[$name][0] / 200, 0) }
            }
            # Coverage, popularity and novelty at 10 (Full), for the coverage panel.
            $measures = @($measures) + @(
                [ContrastiveRec.Experiments.ComparisonMeasure]::new('Full', 'Coverage', 10, $study[$name][1] / 20, 0)
                [ContrastiveRec.Experiments.ComparisonMeasure]::new('Full', 'PopularityPercentile', 10, 0.9 + $study[$name][0] / 100, 0)
                [ContrastiveRec.Experiments.ComparisonMeasure]::new('Full', 'MeanPopularity', 10, 100 * $study[$name][0], 0)
                [ContrastiveRec.Experiments.ComparisonMeasure]::new('Full', 'Novelty', 10, 2 + $study[$name][0], 0))
            # Recall at K 1-100 rising to the row's recall@50 at 50 and on, with a spread for Strategy 4 (a band).
            $curve = [double[]]@(1..100 | ForEach-Object { $study[$name][2] / 100 * [math]::Min(1.0, $_ / 50.0) })
            [double[]]$spread = if ($name -eq 'Strategy 4') { 1..100 | ForEach-Object { 0.004 } } else { $null }
            [ContrastiveRec.Experiments.ComparisonRow]@{
                Model = $name; Measures = [ContrastiveRec.Experiments.ComparisonMeasure[]]@($measures); TrainSize = 51576; TestSize = 1361
                TrainSeconds = 9.5; Results = [ContrastiveRec.Evaluation.RecallAtK[]]@()
                RecallCurve = [ContrastiveRec.Evaluation.RecallCurve]@{ Model = $name; Protocol = 'Full'; Recall = $curve; Users = 600 }
                RecallCurveStdDev = $spread
            }
        }
        $models = [ContrastiveRec.Experiments.ComparisonModels]::For([ContrastiveRec.Experiments.ComparisonOptions]@{ BeyondStudy = $false })
        # The run's settings block, and the strategies' loss curves.
        $settings = [ContrastiveRec.Experiments.ComparisonSettings]::Of($script:set, [ContrastiveRec.Training.TrainingOptions]::new(), [ContrastiveRec.Experiments.ComparisonOptions]@{ BeyondStudy = $false }, [datetimeoffset]'2025-01-02T03:04:00Z')
        $losses = [System.Collections.Generic.Dictionary[string, System.Collections.Generic.IReadOnlyList[double]]]::new()
        foreach ($n in 1..4) { $losses["Strategy $n"] = [double[]]@(0.9, (0.7 - 0.05 * $n), (0.6 - 0.05 * $n)) }
        $report = [ContrastiveRec.Experiments.ComparisonReport]::Build($models, [ContrastiveRec.Experiments.ComparisonRow[]]@($rows), [ContrastiveRec.Experiments.StrategyFigure[]]@($figure), $settings, $losses)

        $script:html = Join-Path $TestDrive 'report.html'
        $report.Save($script:html)
        $script:shot = Join-Path $TestDrive 'report.png'
        # A desktop browser window at 100 % zoom.
        $script:window = 1200
        function Invoke-Chromium([string[]] $With, [string] $Page) {
            $browserProfile = New-Item -ItemType Directory (Join-Path $TestDrive "chromium-profile-$([guid]::NewGuid())")
            $arguments = @('--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
                '--disable-component-update', '--disable-sync', '--hide-scrollbars', "--user-data-dir=$($browserProfile.FullName)",
                "--window-size=$script:window,2600") + $With + ([System.Uri]::new($Page)).AbsoluteUri
            & $script:chromium @arguments 2>&1
        }
        $script:log = Invoke-Chromium "--screenshot=$script:shot" $script:html

        # The same page with a script that, once it has loaded, writes what the browser laid out into the DOM, which
        # --dump-dom prints: each image's own and shown width, and the results table's cells with their alignment.
        $measure = @'
<script>
addEventListener('load', () => {
  const out = {
    images: [...document.images].map(i => ({ alt: i.alt, natural: i.naturalWidth, shown: i.getBoundingClientRect().width })),
    headings: [...document.querySelectorAll('table.results th')].map(c => ({ text: c.textContent, align: getComputedStyle(c).textAlign })),
    cells: [...document.querySelectorAll('table.results td')].map(c => ({ text: c.textContent, align: getComputedStyle(c).textAlign })),
    notes: [...document.querySelectorAll('p.note')].map(p => p.textContent),
    captions: [...document.querySelectorAll('section.strategy p.caption')].map(p => p.textContent),
    movieCells: [...document.querySelectorAll('section.strategy td')].map(c => parseFloat(getComputedStyle(c).fontSize)),
    settings: [...document.querySelectorAll('table.settings tr')].map(r => ({ text: r.textContent, size: parseFloat(getComputedStyle(r.querySelector('th')).fontSize) })),
    panels: [...document.querySelectorAll('section.panel')].map(p => ({ id: p.id, image: !!p.querySelector('img'),
      cells: [...p.querySelectorAll('table.figures td')].map(c => ({ text: c.textContent, align: getComputedStyle(c).textAlign, size: parseFloat(getComputedStyle(c).fontSize) })) })),
  };
  const pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
'@
        $measured = Join-Path $TestDrive 'measured.html'
        (Get-Content -Raw $script:html).Replace('</body>', "$measure</body>") | Set-Content $measured -NoNewline
        $dom = (Invoke-Chromium '--dump-dom' $measured) -join "`n"
        $json = [regex]::Match($dom, '(?s)<pre id="measured">(.*?)</pre>').Groups[1].Value
        $script:layout = if ($json) { [System.Net.WebUtility]::HtmlDecode($json) | ConvertFrom-Json }
        $script:domLog = $dom
    }

    It 'is one self-contained file with its five images embedded: the map, the recall chart, the recall curves, the coverage chart and the loss curves' {
        $text = Get-Content -Raw $script:html
        ([regex]::Matches($text, 'src="data:image/png;base64,')).Count | Should -Be 5
        $text | Should -Not -Match 'src="(https?|file):'
    }

    It 'renders its images: the screenshot is not blank and has the map''s and the chart''s colours' {
        Test-Path $script:shot | Should -BeTrue -Because ($script:log -join "`n")
        $bitmap = [SkiaSharp.SKBitmap]::Decode($script:shot)
        try {
            $bitmap.Width | Should -Be $script:window
            $count = @{}
            $distinct = [System.Collections.Generic.HashSet[uint32]]::new()
            $palette = 0..4 | ForEach-Object { [SkiaSharp.SKColor]::Parse([ContrastiveRec.Visualization.Charts]::HexOf($_)) }
            for ($y = 0; $y -lt $bitmap.Height; $y += 2) {
                for ($x = 0; $x -lt $bitmap.Width; $x += 2) {
                    $p = $bitmap.GetPixel($x, $y)
                    $null = $distinct.Add([uint32]$p)
                    for ($i = 0; $i -lt 5; $i++) {
                        $c = $palette[$i]
                        if ([math]::Abs($p.Red - $c.Red) + [math]::Abs($p.Green - $c.Green) + [math]::Abs($p.Blue - $c.Blue) -le 30) { $count[$i] = 1 + $count[$i] }
                    }
                }
            }
            $distinct.Count | Should -BeGreaterThan 50 -Because 'a blank page has a handful of colours'
            # Sampled every other pixel: the map's clusters and the chart's bars cover far more than the 11-pixel swatches.
            foreach ($i in 0..3) { $count[$i] | Should -BeGreaterThan 150 -Because "colour $i should be drawn ($($count[$i]) samples)" }
            $count[4] | Should -BeGreaterThan 100 -Because 'the fifth model''s bars are only in the recall chart'
        }
        finally { $bitmap.Dispose() }
    }

    It 'shows the map and the chart at a size whose text reads at 12 px or more at 100 % zoom' {
        $script:layout | Should -Not -BeNullOrEmpty -Because "Chromium's DOM should hold the measurements: $($script:domLog | Select-Object -First 5)"
        $script:layout.images | Should -HaveCount 5
        foreach ($image in $script:layout.images) {
            # The charts' smallest text (tick labels, legend) as drawn, times the page's scale of the image.
            $scale = $image.shown / $image.natural
            $shownFont = [ContrastiveRec.Visualization.Charts]::SmallestFontSize * $scale
            $shownFont | Should -BeGreaterOrEqual 12 -Because "$($image.alt) is $($image.natural) px wide, shown at $($image.shown) px"
        }
        ($script:layout.images | Where-Object alt -Like 't-SNE map*').natural | Should -BeGreaterOrEqual 900 -Because 'a map large enough to read its clusters'
        $script:layout.captions | Should -Match 'axes are t-SNE coordinates'
    }

    It 'right-aligns the results table''s figures and explains n/a under it' {
        $headings = $script:layout.headings
        $headings[0].text | Should -Be 'model'
        $headings[0].align | Should -Not -Be 'right'
        $headings | Select-Object -Skip 1 | ForEach-Object { $_.align | Should -Be 'right' -Because "the heading '$($_.text)' is over figures" }
        $figures = $script:layout.cells | Where-Object { $_.text -match '^(n/a|[\d.,]+( ± [\d.]+)?)$' }
        $figures.Count | Should -Be ($script:layout.cells.Count - 5) -Because 'all but the five model names are figures'
        $figures | ForEach-Object { $_.align | Should -Be 'right' -Because "'$($_.text)' is a figure" }
        ($script:layout.cells | Where-Object text -EQ 'n/a').Count | Should -Be 3 -Because 'the baseline has no Study recall'
        $script:layout.notes | Should -Be ([ContrastiveRec.Experiments.ComparisonTable]::NotApplicableNote)
    }

    It 'shows the run''s settings at 14 px: data, split, training and date' {
        $settings = $script:layout.settings
        $settings | Should -Not -BeNullOrEmpty
        $settings | ForEach-Object { $_.size | Should -BeGreaterOrEqual 14 -Because "'$($_.text)' should read at 100 % zoom" }
        $text = $settings.text
        $text | Should -Contain "users$($script:set.UserCount.ToString('N0', [cultureinfo]::InvariantCulture))"
        $text | Should -Contain 'epochs20'
        $text | Should -Contain 'date2025-01-02 03:04 +00:00'
        $text | Should -Contain 'methodRandom'
    }

    It 'shows the clusters'' top movies at 14 px' {
        $script:layout.movieCells | Should -Not -BeNullOrEmpty
        $script:layout.movieCells | ForEach-Object { $_ | Should -BeGreaterOrEqual 14 }
    }

    It 'shows the recall curve, coverage and loss panels, each with its chart and a right-aligned table of figures at 14 px' {
        $panels = $script:layout.panels
        $panels.id | Should -Be @('recall-curves', 'coverage', 'losses')
        foreach ($panel in $panels) {
            $panel.image | Should -BeTrue
            $figures = $panel.cells | Where-Object { $_.text -notmatch '^(Strategy \d|MostPopular)$' }
            $figures | Should -Not -BeNullOrEmpty
            $figures | ForEach-Object { $_.align | Should -Be 'right' -Because "'$($_.text)' is a figure in $($panel.id)" }
            $panel.cells | ForEach-Object { $_.size | Should -BeGreaterOrEqual 14 }
        }
        # Strategy 4's coverage@10 (3.10 / 20 = 15.5 %) and its loss falling from 0.9 to 0.4.
        # Strategy 4's curve at K 1, 5, 10, 20, 50, 100: 11.63 % x K / 50, then flat.
        ($panels[0].cells.text -join ' ') | Should -Match 'Strategy 4 0\.23 1\.16 2\.33 4\.65 11\.63 11\.63'
        ($panels[1].cells.text -join ' ') | Should -Match 'Strategy 4 0\.78 15\.50 '
        ($panels[2].cells.text -join ' ') | Should -Match 'Strategy 4 3 0\.9000 0\.4000 0\.444'
    }
}

# Only when Chromium is not there: a visible skip with the reason, rather than a silent pass.
Describe 'The HTML report (Chromium unavailable)' -ForEach @(if ($script:why) { @{ Why = $script:why } }) {
    It 'is skipped: <Why>' { Set-ItResult -Skipped -Because $Why }
}
