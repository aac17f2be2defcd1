BeforeDiscovery {
    # Headless Chromium renders the report; the set-up installs Debian's package when it is missing and it can.
    function Find-Chromium { (Get-Command chromium, chromium-browser -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source }
    $script:chromium = Find-Chromium
    $script:why = $null
    if (-not $script:chromium) {
        $apt = Get-Command apt-get -CommandType Application -ErrorAction SilentlyContinue
        if (-not $IsLinux -or -not $apt) { $script:why = 'Chromium is not installed and there is no apt-get to install it' }
        elseif ((& id -u) -ne '0') { $script:why = 'Chromium is not installed and installing it needs root' }
        else {
            $env:DEBIAN_FRONTEND = 'noninteractive'
            & apt-get install -y -q chromium *> $null
            if ($LASTEXITCODE -ne 0) { & apt-get update -q *> $null; & apt-get install -y -q chromium *> $null }
            $script:chromium = Find-Chromium
            if (-not $script:chromium) { $script:why = "apt-get install -y chromium failed (exit $LASTEXITCODE)" }
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:chromium = (Get-Command chromium, chromium-browser -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
}

Describe 'The HTML report in headless Chromium' -Skip:($null -ne $script:why) {
    BeforeAll {
        $set = Import-MovieLens
        $clusters = $set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | ConvertTo-Tsne -Iterations 400 | Get-UserCluster -Count 4
        $options = [ContrastiveRec.Visualization.ChartOptions]@{ Title = 'Strategy 4: users by t-SNE' }
        $plot = [System.Collections.Generic.List[ContrastiveRec.Visualization.PlotPoint]]::new()
        foreach ($c in $clusters) { $plot.Add([ContrastiveRec.Visualization.PlotPoint]::new($c.X, $c.Y, $c.Cluster)) }
        $map = [ContrastiveRec.Visualization.EmbeddingPlot]::RenderPng($plot, $options)
        $top = [ContrastiveRec.Analysis.ClusterTopMovie[]]@($clusters | Get-ClusterTopMovie -Ratings $set)

        # The study's recall figures, and a fifth model whose colour appears nowhere but in the recall chart.
        $recall = [System.Collections.Generic.List[ContrastiveRec.Visualization.RecallRow]]::new()
        $study = @{ 'Strategy 1' = 0.62, 1.97, 3.84; 'Strategy 2' = 1.29, 2.16, 6.03; 'Strategy 3' = 0.73, 2.18, 4.36; 'Strategy 4' = 0.78, 3.10, 11.63; 'Popularity' = 1.0, 2.5, 5.0 }
        foreach ($name in 'Strategy 1', 'Strategy 2', 'Strategy 3', 'Strategy 4', 'Popularity') {
            $k = 10, 20, 50
            for ($i = 0; $i -lt 3; $i++) { $recall.Add([ContrastiveRec.Visualization.RecallRow]::new($name, $k[$i], $study[$name][$i] / 100)) }
        }
        $chart = [ContrastiveRec.Visualization.RecallChart]::RenderPng($recall, [ContrastiveRec.Visualization.ChartOptions]@{ Title = 'recall@K'; Height = 450 })

        $rows = [System.Collections.Generic.List[System.Collections.Generic.IReadOnlyList[object]]]::new()
        $rows.Add([object[]]('recall@10 (%)', 0.62, 1.29, 0.73, 0.78))
        $rows.Add([object[]]('Size Train Set', 51576, 32609, 51576, 10826))
        $report = [ContrastiveRec.Visualization.ReportBuilder]::new('Can contrastive learning recommend me a movie?')
        $report.Introduction = 'One strategy''s map and top movies, and the study''s recall figures.'
        $null = $report.AddStrategy('Strategy 4', $map, $top).SetRecallChart($chart, 'recall@K per strategy.').SetResultsTable([string[]]('', 'Strategy 1', 'Strategy 2', 'Strategy 3', 'Strategy 4'), $rows)

        $script:html = Join-Path $TestDrive 'report.html'
        $report.Save($script:html)
        $script:shot = Join-Path $TestDrive 'report.png'
        $profile = New-Item -ItemType Directory (Join-Path $TestDrive 'chromium-profile')
        $arguments = @('--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--hide-scrollbars', "--user-data-dir=$($profile.FullName)",
            "--screenshot=$script:shot", '--window-size=1200,2000', ([System.Uri]::new($script:html)).AbsoluteUri)
        $script:log = & $script:chromium @arguments 2>&1
    }

    It 'is one self-contained file with both images embedded' {
        $text = Get-Content -Raw $script:html
        ([regex]::Matches($text, 'src="data:image/png;base64,')).Count | Should -Be 2
        $text | Should -Not -Match 'src="(https?|file):'
    }

    It 'renders its images: the screenshot is not blank and has the map''s and the chart''s colours' {
        Test-Path $script:shot | Should -BeTrue -Because ($script:log -join "`n")
        $bitmap = [SkiaSharp.SKBitmap]::Decode($script:shot)
        try {
            $bitmap.Width | Should -Be 1200
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
}

# Only when Chromium could not be had: a visible skip with the reason, rather than a silent pass.
Describe 'The HTML report (Chromium unavailable)' -ForEach @(if ($script:why) { @{ Why = $script:why } }) {
    It 'is skipped: <Why>' { Set-ItResult -Skipped -Because $Why }
}
