# Export-UserEmbedding as a user meets it: a quick model's matrix in each format, read back here (Import-Csv, the .npy's
# bytes, Parquet's magic; the xunit tests read every format back bit for bit), text ids that need quoting, the refusals.
# The writers' rule (-Force, -WhatIf, folders, failed writes) is held in Writers.Tests.ps1.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:set = Import-MovieLens
    $script:model = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -BatchSize 4096
    $script:graph = $script:set | Invoke-EncoderTraining -Objective UserMovie -Encoder Graph -Epochs 1
    $script:vectors = @{}
    foreach ($e in $script:model | Get-UserEmbedding) { $script:vectors[$e.UserId] = $e.Vector }

    function Get-Refusal([scriptblock] $Command) { try { & $Command; return $null } catch { return $_ } }
}

Describe 'Export-UserEmbedding to CSV' {
    BeforeAll {
        $script:csv = Join-Path $TestDrive 'users.csv'
        $script:model | Export-UserEmbedding $script:csv
        $script:rows = @(Import-Csv $script:csv)
    }

    It 'writes a header of userId and the dimensions, and one row per user of the model' {
        (Get-Content $script:csv -TotalCount 1) | Should -Be ((@('userId') + (0..199)) -join ',')
        $script:rows.Count | Should -Be $script:model.UserCount
        $script:rows.userId | Should -Be ($script:model.GetUserIds() | ForEach-Object { "$_" })
    }

    It 'holds Get-UserEmbedding''s vectors, each float read back exactly' {
        foreach ($row in $script:rows[0, 1, 300, -1]) {
            $expected = $script:vectors[[int]$row.userId]
            $read = foreach ($j in 0..199) { [float]::Parse($row."$j", [cultureinfo]::InvariantCulture) }
            $read | Should -Be $expected -Because "user $($row.userId)"
        }
    }

    It 'quotes text ids that hold commas, quotes and spaces, so Import-Csv gives them back whole' {
        $names = 'Smith, Jane', 'say "hi"', 'u-3', 'plain 4'
        $rng = [System.Random]::new(4)
        $interactions = foreach ($u in 0..39) {
            foreach ($i in 1..20) {
                if ($rng.NextDouble() -lt 0.5) { [pscustomobject]@{ UserId = "$($names[$u % 4]) #$u"; ItemId = "item,$i"; Rating = 1 + $rng.Next(5) } }
            }
        }
        $shop = $interactions | ConvertTo-RatingSet -TestFraction 0
        $m = $shop | Invoke-EncoderTraining -Objective UserMovie -Epochs 1 -LatentSize 8 -EmbeddingSize 8 -HiddenSize 8
        $users = Join-Path $TestDrive 'shop-users.csv'
        $movies = Join-Path $TestDrive 'shop-items.csv'
        $m | Export-UserEmbedding $users
        $m | Export-UserEmbedding $movies -Movies
        (Import-Csv $users).userId | Should -BeExactly @($shop.UserIds)
        (Import-Csv $movies).movieId | Should -BeExactly @($shop.MovieIds)
        Get-Content -Raw $users | Should -Match ([regex]::Escape('"say ""hi"" #1",'))
        @((Import-Csv $users)[0].PSObject.Properties).Count | Should -Be 9
    }
}

Describe 'Export-UserEmbedding to .npy and Parquet' {
    It 'writes NumPy''s .npy (610 x 200 float32 after a 64-byte-aligned header) and the ids beside it; -PassThru emits both' {
        $path = Join-Path $TestDrive 'users.npy'
        $files = @($script:model | Export-UserEmbedding $path -PassThru)
        $files.Name | Should -Be 'users.npy', 'users.ids.csv'
        $files[0] | Should -BeOfType [System.IO.FileInfo]
        $bytes = [System.IO.File]::ReadAllBytes($path)
        [System.Text.Encoding]::Latin1.GetString($bytes, 0, 8) | Should -BeExactly "$([char]0x93)NUMPY$([char]1)$([char]0)"
        $header = 10 + [BitConverter]::ToUInt16($bytes, 8)
        $header % 64 | Should -Be 0
        [System.Text.Encoding]::ASCII.GetString($bytes, 10, $header - 10) | Should -Match "^\{'descr': '<f4', 'fortran_order': False, 'shape': \(610, 200\), \} +`n$"
        $bytes.Length | Should -Be ($header + 610 * 200 * 4)
        $first = Get-Content (Join-Path $TestDrive 'users.ids.csv') -TotalCount 3
        $first | Should -Be 'userId', '1', '2'
        [BitConverter]::ToSingle($bytes, $header + 4 * 201) | Should -Be $script:vectors[2][1] # user 2, dimension 1
    }

    It 'writes a UserMovie Graph model''s movies (-Movies) as Parquet' {
        $path = Join-Path $TestDrive 'movies.parquet'
        $script:graph | Export-UserEmbedding $path -Movies
        $bytes = [System.IO.File]::ReadAllBytes($path)
        [System.Text.Encoding]::ASCII.GetString($bytes, 0, 4) | Should -Be 'PAR1'
        [System.Text.Encoding]::ASCII.GetString($bytes, $bytes.Length - 4, 4) | Should -Be 'PAR1'
        $csv = Join-Path $TestDrive 'movies.csv'
        $script:graph | Export-UserEmbedding $csv -Movies
        $rows = Import-Csv $csv
        $rows.Count | Should -Be $script:set.MovieCount
        $rows[0].movieId | Should -Be "$($script:set.MovieIds[0])"
    }

    It 'takes -Format for a path whose extension names none' {
        $path = Join-Path $TestDrive 'users.txt'
        $script:model | Export-UserEmbedding $path -Format Csv
        (Import-Csv $path).Count | Should -Be 610
    }

    It 'shows progress with the time left, and completes it' {
        $path = Join-Path $TestDrive 'progress.parquet'
        $run = Invoke-BuiltModuleWithProgress "Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -BatchSize 4096 | Export-UserEmbedding '$path'"
        $records = @($run.Progress | Where-Object Activity -EQ 'Export-UserEmbedding')
        $records[0].Status | Should -Match 'Encoding 610 users'
        @($records | Where-Object { $_.Status -match 'Writing 610 rows of 200 floats' -and $_.SecondsRemaining -ge 0 }) | Should -Not -BeNullOrEmpty
        $records[-1].RecordType | Should -Be 'Completed'
        Test-Path $path | Should -BeTrue
    }
}

Describe 'Export-UserEmbedding refuses what it cannot write' {
    It 'refuses a baseline by name: ContrastiveRec.NotAnEncoder, with advice' {
        $path = Join-Path $TestDrive 'ease.csv'
        $err = Get-Refusal { $script:set | New-BaselineRecommender -Kind EASE | Export-UserEmbedding $path }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.NotAnEncoder,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.ErrorDetails.Message | Should -Match '^EASE is a baseline'
        $err.ErrorDetails.RecommendedAction | Should -Match 'Invoke-EncoderTraining'
        Test-Path $path | Should -BeFalse
    }

    It 'refuses -Movies for a model of the study''s objective: NoMovieEmbeddings, naming -Objective UserMovie' {
        $err = Get-Refusal { $script:model | Export-UserEmbedding (Join-Path $TestDrive 'm.csv') -Movies }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.NoMovieEmbeddings,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.ErrorDetails.Message | Should -Match 'Strategy 4 has no movie embeddings'
        $err.ErrorDetails.RecommendedAction | Should -Match '-Objective UserMovie'
    }

    It 'refuses a path that names no format (UnknownEmbeddingFormat) or another than -Format (EmbeddingFormatMismatch)' {
        $err = Get-Refusal { $script:model | Export-UserEmbedding (Join-Path $TestDrive 'users.json') }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.UnknownEmbeddingFormat,*'
        $err.ErrorDetails.RecommendedAction | Should -Match '-Format'
        $err = Get-Refusal { $script:model | Export-UserEmbedding (Join-Path $TestDrive 'users.csv') -Format Npy -Force }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.EmbeddingFormatMismatch,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'asks for a .npy''s ids file too: an existing one is kept without -Force, and -WhatIf writes neither' {
        $path = Join-Path $TestDrive 'kept.npy'
        $ids = Join-Path $TestDrive 'kept.ids.csv'
        Set-Content $ids 'earlier ids'
        $err = Get-Refusal { $script:model | Export-UserEmbedding $path }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.EmbeddingFileExists,*'
        $err.TargetObject | Should -Be $ids
        Test-Path $path | Should -BeFalse
        $script:model | Export-UserEmbedding $path -Force -WhatIf
        Test-Path $path | Should -BeFalse
        Get-Content $ids | Should -Be 'earlier ids'
        $script:model | Export-UserEmbedding $path -Force
        (Get-Content $ids -TotalCount 2) | Should -Be 'userId', '1'
    }
}
