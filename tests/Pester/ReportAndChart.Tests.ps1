BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:report = Join-Path $TestDrive 'report.html'
    # One quick epoch in large batches: the report's shape, not the study's numbers, is under test here.
    $script:rows = Invoke-StrategyComparison -Epochs 1 -BatchSize 4096 -StudyOnly -ReportPath $script:report
}

Describe 'Invoke-StrategyComparison -ReportPath' {
    It 'writes one self-contained page with every strategy''s map, clusters and the recall chart' {
        Test-Path $script:report | Should -BeTrue
        $html = Get-Content -Raw $script:report
        foreach ($n in 1..4) { $html | Should -Match "<h2>Strategy $n</h2>" }
        # Four maps and one recall chart, all embedded; nothing fetched from elsewhere.
        ([regex]::Matches($html, 'src="data:image/png;base64,')).Count | Should -Be 5
        $html | Should -Not -Match 'src="(http|file|/)'
        # Each strategy's four clusters list their top movies, with titles from the catalogue.
        ([regex]::Matches($html, 'Cluster \d')).Count | Should -BeGreaterOrEqual 16
        $html | Should -Match 'MostPopular'
        $html | Should -Match 'Full R@20'
    }

    It 'leaves no temporary file and refuses to overwrite without -Force' {
        (Get-ChildItem $TestDrive -Force | Where-Object Name -Match 'tmp').Count | Should -Be 0
        $err = $null
        try { Invoke-StrategyComparison -Epochs 1 -BatchSize 4096 -StudyOnly -ReportPath $script:report } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.ReportFileExists*'
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
    }
}

Describe 'Export-RecallChart' {
    It 'draws the comparison rows as a PNG of the requested size' {
        $path = Join-Path $TestDrive 'recall.png'
        $file = $script:rows | Export-RecallChart $path -Width 640 -Height 400 -PassThru
        $file | Should -BeOfType ([System.IO.FileInfo])
        $size = Get-PngSize $path
        $size.Signature | Should -Be '89-50-4E-47-0D-0A-1A-0A'
        $size.Width | Should -Be 640
        $size.Height | Should -Be 400
    }

    It 'draws Measure-RecallAtK results of one protocol' {
        $path = Join-Path $TestDrive 'two.png'
        $set = Import-MovieLens
        $results = @($set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Measure-RecallAtK -Protocol Full) + @($set | New-BaselineRecommender -Kind MostPopular | Measure-RecallAtK)
        $results | Export-RecallChart $path
        (Get-PngSize $path).Width | Should -Be 900
    }

    It 'refuses results with no recall of the asked protocol' {
        $path = Join-Path $TestDrive 'none.png'
        $baseline = Import-MovieLens | New-BaselineRecommender -Kind MostPopular | Measure-RecallAtK   # Full only
        $err = $null
        try { $baseline | Export-RecallChart $path -Protocol Study } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.NoRecall*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Test-Path $path | Should -BeFalse
    }

    It 'reports objects that are not recall results as non-terminating errors' {
        $path = Join-Path $TestDrive 'mixed.png'
        @(Get-Item $TestDrive) + @($script:rows) | Export-RecallChart $path -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.NotARecallResult*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidType'
        Test-Path $path | Should -BeTrue
    }

    It 'writes nothing with -WhatIf and keeps an existing file without -Force' {
        $path = Join-Path $TestDrive 'exists.png'
        $script:rows | Export-RecallChart $path -WhatIf
        Test-Path $path | Should -BeFalse
        Set-Content $path 'x'
        { $script:rows | Export-RecallChart $path } | Should -Throw -ErrorId 'ContrastiveRec.PlotFileExists*'
        Get-Content $path | Should -Be 'x'
    }
}
