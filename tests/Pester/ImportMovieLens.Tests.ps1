BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
}

Describe 'Import-MovieLens on the bundled ml-latest-small set' {
    BeforeAll { $script:set = Import-MovieLens }

    It 'emits one RatingSet with the published counts' {
        @($script:set).Count | Should -Be 1
        $script:set | Should -BeOfType ([ContrastiveRec.Data.RatingSet])
        $script:set.UserCount | Should -Be 610
        $script:set.MovieCount | Should -Be 9742
        $script:set.RatingCount | Should -Be 100836
    }

    It 'holds out about 5% of every user''s ratings as test' {
        $script:set.TrainCount + $script:set.TestCount | Should -Be 100836
        $script:set.TestCount / $script:set.RatingCount | Should -BeGreaterThan 0.045
        $script:set.TestCount / $script:set.RatingCount | Should -BeLessThan 0.055
    }
}
