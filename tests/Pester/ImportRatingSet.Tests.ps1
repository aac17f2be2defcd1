BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force

    function Write-TestFile([string] $Path, [string[]] $Lines) {
        $full = Join-Path $TestDrive $Path
        New-Item -ItemType Directory -Force (Split-Path $full) | Out-Null
        [System.IO.File]::WriteAllText($full, (($Lines | ForEach-Object { "$_`n" }) -join ''), [System.Text.UTF8Encoding]::new($false))
        $full
    }

    # The bundled ratings with renamed, reordered columns, tab-separated, times in milliseconds.
    function Write-RenamedBundle([string] $Path) {
        $bundled = Join-Path (Split-Path (Get-BuiltModulePath)) 'data/ml-latest-small/ratings.csv'
        $lines = [System.Collections.Generic.List[string]]::new()
        $lines.Add("Stars`tCreated_At`tcustomer_id`tSKU")
        foreach ($line in [System.IO.File]::ReadLines($bundled) | Select-Object -Skip 1) {
            $f = $line.Split(',')
            $lines.Add("$($f[2])`t$([long]$f[3] * 1000)`t$($f[0])`t$($f[1])")
        }
        Write-TestFile $Path $lines
    }
}

Describe 'Import-RatingSet reads what Import-MovieLens reads, whatever the columns are called' {
    BeforeAll {
        $script:path = Write-RenamedBundle 'renamed/orders.tsv'
        $script:moviesAlone = Join-Path $TestDrive 'ml'
        New-Item -ItemType Directory $script:moviesAlone | Out-Null
        Copy-Item (Join-Path (Split-Path (Get-BuiltModulePath)) 'data/ml-latest-small/ratings.csv') $script:moviesAlone
        $script:generic = Import-RatingSet $script:path
        $script:movielens = Import-MovieLens $script:moviesAlone
    }

    It 'finds the separator and every column from the header, and says so in Format' {
        $script:generic.Layout | Should -Be 'Delimited'
        $script:generic.Format.Delimiter | Should -Be "`t"
        $script:generic.Format.UserColumn | Should -Be 'customer_id'
        $script:generic.Format.ItemColumn | Should -Be 'SKU'
        $script:generic.Format.RatingColumn | Should -Be 'Stars'
        $script:generic.Format.TimestampColumn | Should -Be 'Created_At'
        $script:generic.Format.Milliseconds | Should -BeTrue
    }

    It 'gives the same users, ratings, times and split' {
        $script:generic.UserCount | Should -Be 610
        $script:generic.RatingCount | Should -Be 100836
        "$($script:generic.UserIds)" | Should -Be "$($script:movielens.UserIds)"
        ($script:generic.GetRatings(1) | ForEach-Object { '{0}:{1}@{2}:{3}' -f $_.MovieId, $_.Value, $_.Time.ToUnixTimeSeconds(), $_.IsTest }) -join ' ' |
            Should -Be (($script:movielens.GetRatings(1) | ForEach-Object { '{0}:{1}@{2}:{3}' -f $_.MovieId, $_.Value, $_.Time.ToUnixTimeSeconds(), $_.IsTest }) -join ' ')
    }

    It 'gives a model the same recall as the MovieLens reader''s set' {
        $a = $script:generic | New-BaselineRecommender -Kind UserKnn | Measure-RecallAtK
        $b = $script:movielens | New-BaselineRecommender -Kind UserKnn | Measure-RecallAtK
        ($a | ForEach-Object { '{0}:{1}' -f $_.K, $_.Recall }) -join ' ' | Should -Be (($b | ForEach-Object { '{0}:{1}' -f $_.K, $_.Recall }) -join ' ')
    }

    It 'takes paths from the pipeline, and -Verbose says what it found' {
        $verbose = Get-Item $script:path | Import-RatingSet -TestFraction 0 -Verbose 4>&1
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Select-Object -Last 1).Message | Should -Match 'UserColumn = customer_id'
        @($verbose | Where-Object { $_ -is [ContrastiveRec.Data.RatingSet] }).Count | Should -Be 1
    }
}

Describe 'Import-RatingSet columns, by name or found' {
    It 'takes named columns and -NoRating' {
        $path = Write-TestFile 'log.csv' @('who;what;clicks;when', '1;10;2;2024-03-01', '1;11;1;2024-03-02T10:00:00Z', '2;10;9;2024-03-03')
        $set = Import-RatingSet $path -UserColumn who -ItemColumn what -RatingColumn clicks -TestFraction 0
        $set.Format.Delimiter | Should -Be ';'
        ($set.GetRatings(1) | ForEach-Object Value) -join ',' | Should -Be '2,1'
        ($set.GetRatings(1) | ForEach-Object { $_.Time.ToString('o') }) -join ',' | Should -Be '2024-03-01T00:00:00.0000000+00:00,2024-03-02T10:00:00.0000000+00:00'
        $clicks = Import-RatingSet $path -UserColumn who -ItemColumn what -NoRating -TestFraction 0
        ($clicks.GetRatings(2) | ForEach-Object Value) -join ',' | Should -Be '1'
        $clicks.Format.NoRating | Should -BeTrue
    }

    It 'refuses a header without a user column, naming the columns it has (ColumnNotFound)' {
        $path = Write-TestFile 'nouser.csv' @('a,b,c', '1,2,3')
        $e = { Import-RatingSet $path } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'ContrastiveRec.ColumnNotFound,ContrastiveRec.PowerShell.ImportRatingSetCommand'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        "$e" | Should -Match ([regex]::Escape("$($path):1:"))
        "$e" | Should -Match "'a', 'b', 'c'"
        $e.ErrorDetails.RecommendedAction | Should -Match '-UserColumn'
    }

    It 'refuses a bad row with its file and line (MalformedRow) and emits nothing' {
        $path = Write-TestFile 'bad.csv' @('user,item,rating', '1,2,4', '1,3,lots')
        $out = $null
        { $script:out = Import-RatingSet $path } | Should -Throw -ErrorId 'ContrastiveRec.MalformedRow,ContrastiveRec.PowerShell.ImportRatingSetCommand'
        $script:out | Should -BeNullOrEmpty
    }

    It 'refuses a file that says it is Parquet but cannot be read (UnreadableColumn)' {
        $path = Join-Path $TestDrive 'cut.parquet'
        [System.IO.File]::WriteAllBytes($path, [byte[]](0x50, 0x41, 0x52, 0x31) + [byte[]](1..60))
        $e = { Import-RatingSet $path } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'ContrastiveRec.UnreadableColumn,ContrastiveRec.PowerShell.ImportRatingSetCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'refuses a folder and a missing file by name' {
        { Import-RatingSet $TestDrive } | Should -Throw -ErrorId 'ContrastiveRec.UnknownMovieLensLayout,ContrastiveRec.PowerShell.ImportRatingSetCommand'
        { Import-RatingSet (Join-Path $TestDrive 'none.csv') } | Should -Throw -ErrorId 'ContrastiveRec.PathNotFound,ContrastiveRec.PowerShell.ImportRatingSetCommand'
    }

    It 'shows its progress with the time left while it reads, and completes it' {
        # A file read in several progress steps (one every 65,536 rows): 400,000 interactions, 6 MB.
        $path = Join-Path $TestDrive 'big.csv'
        $writer = [System.IO.StreamWriter]::new($path)
        $writer.WriteLine('user,item')
        foreach ($i in 1..400000) { $writer.WriteLine("u$($i % 7919),i$($i % 1009)") }
        $writer.Dispose()
        $run = Invoke-BuiltModuleWithProgress "Import-RatingSet '$path' -TestFraction 0 | Out-Null"
        $reading = @($run.Progress | Where-Object { $_.Activity -like 'Import-RatingSet*' })
        $reading | Should -Not -BeNullOrEmpty
        @($reading | Where-Object { $_.RecordType -eq 'Processing' -and $_.SecondsRemaining -ge 0 }) | Should -Not -BeNullOrEmpty
        $reading[-1].RecordType | Should -Be 'Completed'
    }
}
