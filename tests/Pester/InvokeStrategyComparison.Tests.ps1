BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:path = Join-Path $TestDrive 'comparison'
    $script:report = Join-Path $TestDrive 'report.html'
    # One quick epoch in large batches: the table's and the report's shape, not the study's numbers, is under test here.
    # A first recommendation loads libtorch, so its thread count can be read before the run.
    $null = Import-MovieLens | New-BaselineRecommender -Kind UserKnn | Get-Recommendation -User 1
    $script:threadsBefore = [TorchSharp.torch]::get_num_threads()
    $script:rows = Invoke-StrategyComparison -Epochs 1 -BatchSize 4096 -StudyOnly -Path $script:path -ReportPath $script:report -ThreadCount 1
    $script:threadsAfter = [TorchSharp.torch]::get_num_threads()
    $script:models = [ContrastiveRec.Experiments.ComparisonModels]::For([ContrastiveRec.Experiments.ComparisonOptions]::new())
    # The models that train (the baselines are built, in no epochs).
    $script:trainedModels = @($script:models.Name | Where-Object { $_ -like 'Strategy *' -or $_ -like 'UserMovie*' })

    function Get-TrainedEpoch($Progress) {
        # Per model, the epochs its training progress said it runs ("Training Strategy 1": "Epoch 1/20, loss ...")
        # and the last epoch it reached.
        $found = @{}
        foreach ($p in $Progress) {
            if ($p.Activity -notmatch '^Training (.+)$') { continue }
            $model = $Matches[1]
            if ($p.Status -notmatch '^Epoch (\d+)/(\d+),') { continue }
            if (-not $found[$model]) { $found[$model] = [pscustomobject]@{ Epochs = [System.Collections.Generic.SortedSet[int]]::new(); Reached = 0 } }
            $null = $found[$model].Epochs.Add([int]$Matches[2])
            $found[$model].Reached = [math]::Max($found[$model].Reached, [int]$Matches[1])
        }
        $found
    }
}

Describe 'Invoke-StrategyComparison -StudyOnly' {
    It 'runs on -ThreadCount threads and puts libtorch''s count back' {
        $script:threadsAfter | Should -Be $script:threadsBefore
        $script:rows[0].Model | Should -Be 'Strategy 1'
    }

    It 'emits a row per model the study has, in the model list''s order, Study n/a for baselines' {
        $script:rows.Model | Should -Be ($script:models | Where-Object InStudy).Name
        $script:rows.Model | Should -Be 'Strategy 1', 'Strategy 2', 'Strategy 3', 'Strategy 4', 'MostPopular', 'UserKnn', 'ItemKnn'
        foreach ($r in $script:rows) {
            $r | Should -BeOfType ([ContrastiveRec.Experiments.ComparisonRow])
            foreach ($k in 10, 20, 50) { $r.Recall('Full', $k) | Should -BeGreaterOrEqual 0; $r.Recall('Full', $k) | Should -BeLessOrEqual 1 }
            $r.Recall('Full', 50) | Should -BeGreaterOrEqual $r.Recall('Full', 10)
        }
        $script:rows[0..3] | ForEach-Object { $_.Recall('Study', 10) | Should -Not -BeNullOrEmpty }
        $script:rows[4..6] | ForEach-Object { $_.Recall('Study', 10) | Should -BeNullOrEmpty }
        # Strategies report what their filter kept; strategies 1 and 3 share a filter.
        $script:rows[0].TrainSize | Should -Be $script:rows[2].TrainSize
        $script:rows[3].TrainSize | Should -BeLessThan $script:rows[0].TrainSize
        $script:rows[4].TrainSize | Should -Be 95787
        $script:rows[4].TestSize | Should -Be 5049
        ($script:rows | Out-String) | Should -Match 'n/a'
    }

    It 'shows the table whole in 80 columns, recall in percent' {
        $lines = ($script:rows | Format-Table | Out-String -Width 200) -split "`n" | ForEach-Object { ($_ -replace '\e\[[0-9;]*m', '').TrimEnd() }
        ($lines | Measure-Object Length -Maximum).Maximum | Should -BeLessOrEqual 80
        $lines | Where-Object { $_ -match '^Model\b' } | Should -Match 'NDCG@10\s+Seeds$'
        $lines | Where-Object { $_ -match '^Strategy 1 ' } | Should -Match ([regex]::Escape('{0:0.00}' -f (100 * $script:rows[0].Recall('Full', 10))))
    }

    It 'writes Markdown and CSV that parse back to the same rows' {
        $csv = Import-Csv "$script:path.csv"
        $csv | Should -HaveCount 7
        $csv.Model | Should -Be $script:rows.Model
        for ($i = 0; $i -lt 7; $i++) {
            [double]$csv[$i].FullRecallAt20 | Should -Be $script:rows[$i].Recall('Full', 20)
            [int]$csv[$i].TrainSize | Should -Be $script:rows[$i].TrainSize
        }
        $csv[4].StudyRecallAt10 | Should -Be ''
        $md = Get-Content "$script:path.md"
        $md | Should -HaveCount 11
        $md[1] | Should -Match '^\|(\s*-*:?\|)+$'
        # The baselines' n/a explained under the table, after a blank line so that it is not read as a row.
        $md[9] | Should -BeNullOrEmpty
        $md[10] | Should -Be ([ContrastiveRec.Experiments.ComparisonTable]::NotApplicableNote)
        $cells = $md[2].Trim('|').Split('|').Trim()
        $cells[0] | Should -Be 'Strategy 1'
        [double]$cells[4] | Should -Be ([math]::Round(100 * $script:rows[0].Recall('Full', 10), 2))
        ($md[6].Trim('|').Split('|').Trim())[1] | Should -Be 'n/a'
        Get-ChildItem $TestDrive -Filter '*.tmp' -Force | Should -BeNullOrEmpty
    }

    It 'names every model of the comparison in its help' {
        $help = Get-Help Invoke-StrategyComparison -Full
        $text = ($help.Description.Text -join ' ') + ' ' + (($help.Parameters.Parameter | Where-Object Name -EQ StudyOnly).Description.Text -join ' ')
        foreach ($m in $script:models) { $text | Should -Match ([regex]::Escape($m.Name)) }
        $text | Should -Not -Match '\{\{'
        $help.Synopsis | Should -Not -Match 'three baselines'
    }
}

Describe 'Invoke-StrategyComparison -ReportPath' {
    It 'writes one self-contained page with every strategy''s map, clusters and the recall chart' {
        Test-Path $script:report | Should -BeTrue
        $html = Get-Content -Raw $script:report
        foreach ($n in 1..4) { $html | Should -Match "<h2>Strategy $n</h2>" }
        # Four maps, the recall chart, the recall curves, the coverage chart and the loss curves, all embedded; nothing
        # fetched from elsewhere.
        ([regex]::Matches($html, 'src="data:image/png;base64,')).Count | Should -Be 8
        $html | Should -Match '<section class="panel" id="recall-curves">'
        $html | Should -Match '<section class="panel" id="coverage">'
        $html | Should -Match '<section class="panel" id="losses">'
        # The run's settings as given: one epoch of 4,096-triplet batches on one thread.
        $settings = [regex]::Match($html, '(?s)<section class="settings">.*?</section>').Value
        $settings | Should -Match '<th scope="row">epochs</th><td>1</td>'
        $settings | Should -Match '<th scope="row">batch size</th><td>4096</td>'
        $settings | Should -Match '<th scope="row">threads</th><td>1</td>'
        $settings | Should -Match '<th scope="row">source</th><td>ml-latest-small</td>'
        $html | Should -Not -Match 'src="(http|file|/)'
        # Each strategy's four clusters list their top movies, with titles from the catalogue.
        ([regex]::Matches($html, 'Cluster \d')).Count | Should -BeGreaterOrEqual 16
        $html | Should -Match 'MostPopular'
        # The introduction names the models that were run.
        $html | Should -Match '<p class="intro">Strategy 1, Strategy 2, Strategy 3, Strategy 4, MostPopular, UserKnn and ItemKnn trained'
    }

    It 'gives every row its Full recall at each K from 1 to 100, the same as its recall@10, @20 and @50' {
        foreach ($row in $script:rows) {
            $curve = $row.RecallCurve
            $curve.MaxK | Should -Be 100 -Because $row.Model
            foreach ($k in 10, 20, 50) { $curve.At($k) | Should -Be $row.Recall('Full', $k) -Because "$($row.Model) at $k" }
            for ($k = 1; $k -lt 100; $k++) { $curve.At($k + 1) | Should -BeGreaterOrEqual $curve.At($k) }
            $curve.At(100) | Should -BeGreaterThan $curve.At(50) -Because "$($row.Model) finds more of the liked movies in a longer list"
        }
    }

    It 'has the Markdown table''s columns and cells in its results table' {
        $html = Get-Content -Raw $script:report
        $table = [regex]::Match($html, '(?s)<table class="results">.*?</table>').Value
        $headings = [regex]::Matches($table, '<th(?: [^>]*)?>(.*?)</th>') | ForEach-Object { [System.Net.WebUtility]::HtmlDecode($_.Groups[1].Value) }
        $md = Get-Content "$script:path.md"
        $headings | Should -Be $md[0].Trim('|').Split('|').Trim()
        $firstRow = [regex]::Match($table, '(?s)<tbody>\s*<tr>(.*?)</tr>').Groups[1].Value
        $cells = [regex]::Matches($firstRow, '<td[^>]*>(.*?)</td>') | ForEach-Object { [System.Net.WebUtility]::HtmlDecode($_.Groups[1].Value) }
        $cells | Should -Be $md[2].Trim('|').Split('|').Trim()
    }

    It 'leaves no temporary file and refuses to overwrite without -Force' {
        (Get-ChildItem $TestDrive -Force | Where-Object Name -Match 'tmp').Count | Should -Be 0
        $err = $null
        try { Invoke-StrategyComparison -Epochs 1 -BatchSize 4096 -StudyOnly -ReportPath $script:report } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.ReportFileExists*'
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
    }
}

Describe 'Invoke-StrategyComparison -Epochs' {
    It 'trains every row, the strategies and the UserMovie rows alike, for -Epochs epochs' {
        $run = Invoke-BuiltModuleWithProgress 'Invoke-StrategyComparison -Epochs 1 -BatchSize 4096 -Seeds 1'
        $run.Output.Model | Should -Be $script:models.Name
        $trained = Get-TrainedEpoch $run.Progress
        @($trained.Keys | Sort-Object) | Should -Be @($script:trainedModels | Sort-Object)
        foreach ($model in $script:trainedModels) {
            @($trained[$model].Epochs) | Should -Be @(1) -Because "$model was asked for -Epochs 1"
            $trained[$model].Reached | Should -Be 1
        }
    }
}

Describe 'Invoke-StrategyComparison beyond the study' {
    BeforeAll {
        $script:beyondPath = Join-Path $TestDrive 'beyond'
        $run = Invoke-BuiltModuleWithProgress "Invoke-StrategyComparison -Epochs 1 -BatchSize 4096 -Seeds 2 -UserMovieEpochs 3 -Path '$script:beyondPath'"
        $script:beyond = $run.Output
        $script:beyondEpochs = Get-TrainedEpoch $run.Progress
    }

    It '-UserMovieEpochs, more specific, sets the UserMovie rows'' epochs over -Epochs' {
        foreach ($model in $script:trainedModels) {
            $expected = if ($model -like 'UserMovie*') { 3 } else { 1 }
            @($script:beyondEpochs[$model].Epochs) | Should -Be @($expected) -Because $model
            $script:beyondEpochs[$model].Reached | Should -Be $expected
        }
    }

    It 'runs every model of the list: EASE and the UserMovie rows, the latter averaged over the seeds' {
        $script:beyond.Model | Should -Be $script:models.Name
        $script:beyond.Model | Should -Be 'Strategy 1', 'Strategy 2', 'Strategy 3', 'Strategy 4', 'MostPopular', 'UserKnn', 'ItemKnn', 'EASE',
            'UserMovie (Id)', 'UserMovie (Id) + Strategy 1 pairs', 'UserMovie (Profile)', 'UserMovie (Graph)', 'UserMovie (Graph) + contrastive term'
        $ease = $script:beyond | Where-Object Model -EQ 'EASE'
        $ease.Recall('Study', 10) | Should -BeNullOrEmpty
        $ease.Seeds | Should -Be 1
        # EASE is the strongest simple baseline: above MostPopular at every K.
        $popular = $script:beyond | Where-Object Model -EQ 'MostPopular'
        $ease.Recall('Full', 20) | Should -BeGreaterThan $popular.Recall('Full', 20)
        foreach ($r in $script:beyond | Where-Object Model -Like 'UserMovie*') {
            $r.Seeds | Should -Be 2
            $r.Recall('Study', 10) | Should -BeNullOrEmpty
            foreach ($k in 10, 20) {
                foreach ($v in $r.Recall('Full', $k), $r.Ndcg('Full', $k)) { $v | Should -BeGreaterThan 0; $v | Should -BeLessOrEqual 1 }
            }
            foreach ($m in $r.Measure('Full', 'Recall', 10), $r.Measure('Full', 'Recall', 20), $r.Measure('Full', 'Ndcg', 20)) {
                $m.StdDev | Should -BeGreaterOrEqual 0; $m.StdDev | Should -BeLessThan 0.2
            }
            # The mean over seeds lies within the seeds' spread of the first seed's own figure.
            $first = ($r.Results | Where-Object K -EQ 20).Recall
            [math]::Abs($first - $r.Recall('Full', 20)) | Should -BeLessOrEqual ($r.Measure('Full', 'Recall', 20).StdDev * 1.5 + 1e-9)
        }
    }

    It 'writes the means, spreads and seeds to the CSV and the Markdown' {
        $csv = Import-Csv "$script:beyondPath.csv"
        $csv | Should -HaveCount 13
        $row = $csv | Where-Object Model -EQ 'UserMovie (Profile)'
        $um = $script:beyond | Where-Object Model -EQ 'UserMovie (Profile)'
        [int]$row.Seeds | Should -Be 2
        [double]$row.FullNdcgAt10 | Should -Be $um.Ndcg('Full', 10)
        [double]$row.FullRecallAt20StdDev | Should -Be $um.Measure('Full', 'Recall', 20).StdDev
        (Get-Content "$script:beyondPath.md") -match 'UserMovie \(Id\) \|' | Should -Match '±'
    }
}
