BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    # Rows to draw: one quick epoch in large batches; the chart's shape, not the numbers, is under test here.
    $script:rows = Invoke-StrategyComparison -Epochs 1 -BatchSize 4096 -StudyOnly
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

    It 'draws a model''s Measure-RecallAtK results as they come by default (Full)' {
        $path = Join-Path $TestDrive 'default.png'
        $model = Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -BatchSize 4096
        $file = $model | Measure-RecallAtK | Export-RecallChart $path -PassThru
        $file.FullName | Should -Be $path
        (Get-PngSize $path).Width | Should -Be 900
        ($model | Measure-RecallAtK -K 10).Protocol | Should -Be 'Full'
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
