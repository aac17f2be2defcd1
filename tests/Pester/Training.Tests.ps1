BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:set = Import-MovieLens
    function Get-Vectors($model) { $model | Get-UserEmbedding | ForEach-Object { , $_.Vector } }
}

Describe 'New-PairStrategy' {
    It 'gives the study''s presets' -ForEach @(
        @{ Preset = 1; Like = 3.5; Dislike = 3.5; Popularity = $null; Normalize = $false }
        @{ Preset = 2; Like = 3.5; Dislike = 3.5; Popularity = 100; Normalize = $false }
        @{ Preset = 3; Like = 3.5; Dislike = 3.5; Popularity = $null; Normalize = $true }
        @{ Preset = 4; Like = 4.0; Dislike = 3.0; Popularity = 100; Normalize = $true }
    ) {
        $s = New-PairStrategy -Preset $Preset
        $s.Preset | Should -Be $Preset
        $s.LikeThreshold | Should -Be $Like
        $s.DislikeThreshold | Should -Be $Dislike
        $s.PopularityThreshold | Should -Be $Popularity
        $s.NormalizeRatings | Should -Be $Normalize
        $s.MinLikers | Should -Be 10
        $s.MinDislikers | Should -Be 10
        $s.NegativeRule | Should -Be 'Disagree'
    }

    It 'overrides a preset''s settings, and $null removes its popularity limit' {
        $s = New-PairStrategy 4 -MinLikers 3 -PopularityThreshold $null -NegativeRule CoDisliker -NormalizeRatings:$false
        $s.MinLikers | Should -Be 3
        $s.PopularityThreshold | Should -BeNullOrEmpty
        $s.NormalizeRatings | Should -BeFalse
        $s.NegativeRule | Should -Be 'CoDisliker'
        $s.LikeThreshold | Should -Be 4
        $s.Preset | Should -BeNullOrEmpty
    }

    It 'refuses <Case> with a clear InvalidArgument error' -ForEach @(
        @{ Case = 'a like threshold that is no number'; Arguments = @{ LikeThreshold = [double]::NaN }; Pattern = 'LikeThreshold' }
        @{ Case = 'dislike above like'; Arguments = @{ LikeThreshold = 3; DislikeThreshold = 4 }; Pattern = 'DislikeThreshold .* LikeThreshold' }
        @{ Case = 'a negative minimum'; Arguments = @{ MinLikers = -1 }; Pattern = 'MinLikers' }
        @{ Case = 'a negative popularity threshold'; Arguments = @{ PopularityThreshold = -5 }; Pattern = 'PopularityThreshold' }
    ) {
        $err = $null
        try { New-PairStrategy @Arguments } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.InvalidPairStrategy*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match $Pattern
    }

    It 'takes thresholds on any scale, and refuses one off the scale of the data it meets' {
        # 8 is a like on 1-10; on MovieLens' 0.5-5 it is refused by Invoke-EncoderTraining, naming the scale.
        (New-PairStrategy 4 -LikeThreshold 8).LikeThreshold | Should -Be 8
        $err = { Import-MovieLens | Invoke-EncoderTraining -Strategy (New-PairStrategy -LikeThreshold 5.5) -Epochs 1 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.InvalidPairStrategy*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match 'LikeThreshold 5\.5 is off the ratings'' scale, 0\.5 to 5'
    }

    It 'has a view that shows every setting' {
        $text = New-PairStrategy 2 | Out-String
        foreach ($name in 'Preset', 'LikeThreshold', 'DislikeThreshold', 'PopularityThreshold', 'NormalizeRatings', 'MinLikers', 'MinDislikers', 'NegativeRule') {
            $text | Should -Match $name
        }
        $text | Should -Match 'more than 100 users'
    }
}

Describe 'Get-ContrastivePair' {
    It 'mines Strategy 1 pairs where the positive agrees and the negative disagrees about the linking movie' {
        $pairs = $script:set | Get-ContrastivePair -Strategy 1 -First 500
        $pairs.Count | Should -Be 500
        foreach ($p in $pairs) {
            $p.AnchorUserId | Should -Not -Be $p.PositiveUserId
            $p.AnchorUserId | Should -Not -Be $p.NegativeUserId
            $anchorLikes = $p.AnchorRating -ge 3.5
            ($p.PositiveRating -ge 3.5) | Should -Be $anchorLikes
            ($p.NegativeRating -ge 3.5) | Should -Be (-not $anchorLikes)
            # The anchor's rating is a train rating of that movie.
            $rating = $script:set.GetRatings($p.AnchorUserId) | Where-Object MovieId -EQ $p.MovieId
            $rating.Value | Should -Be $p.AnchorRating
            $rating.IsTest | Should -BeFalse
        }
    }

    It 'is seeded: the same seed gives the same pairs, another seed others' {
        $a = $script:set | Get-ContrastivePair 1 -Seed 5 -First 200 | ForEach-Object { "$($_.PositiveUserId)/$($_.NegativeUserId)" }
        $b = $script:set | Get-ContrastivePair 1 -Seed 5 -First 200 | ForEach-Object { "$($_.PositiveUserId)/$($_.NegativeUserId)" }
        $c = $script:set | Get-ContrastivePair 1 -Seed 6 -First 200 | ForEach-Object { "$($_.PositiveUserId)/$($_.NegativeUserId)" }
        $b | Should -Be $a
        ($c -join ',') | Should -Not -Be ($a -join ',')
    }

    It 'reports the mining statistics with -Verbose' {
        $verbose = $script:set | Get-ContrastivePair 4 -First 1 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        "$verbose" | Should -Match '\d+ triplets from \d+ train rows on \d+/\d+ movies'
    }

    It 'takes a PairStrategy object as well as a preset number' {
        $byObject = $script:set | Get-ContrastivePair -Strategy (New-PairStrategy 4) -First 50 | ForEach-Object PositiveUserId
        $byNumber = $script:set | Get-ContrastivePair -Strategy 4 -First 50 | ForEach-Object PositiveUserId
        $byObject | Should -Be $byNumber
    }

    It 'refuses a strategy that is no preset' {
        { $script:set | Get-ContrastivePair -Strategy 7 -First 1 } | Should -Throw -ErrorId 'ParameterArgumentTransformationError*'
    }
}

Describe 'Invoke-EncoderTraining' {
    BeforeAll {
        $script:model = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 3 -Seed 11
    }

    It 'emits a trained model with its strategy, hyper-parameters, loss per epoch and data' {
        $script:model | Should -BeOfType ([ContrastiveRec.Training.TrainedEncoder])
        $script:model.Strategy.Preset | Should -Be 4
        $script:model.Options.Epochs | Should -Be 3
        $script:model.Options.BatchSize | Should -Be 512
        $script:model.Options.LearningRate | Should -Be 1e-4
        $script:model.Options.Margin | Should -Be 1
        $script:model.LossHistory.Count | Should -Be 3
        $script:model.MiningStatistics.Triplets | Should -BeGreaterThan 1000
        $script:model.TrainTime.TotalMilliseconds | Should -BeGreaterThan 0
        [object]::ReferenceEquals($script:model.RatingSet, $script:set) | Should -BeTrue
        $script:model.UserCount | Should -Be 610
    }

    It 'lowers the loss over the epochs' {
        $script:model.LossHistory[-1] | Should -BeLessThan $script:model.LossHistory[0]
    }

    It 'gives bitwise identical embeddings for the same seed, and others for another seed' {
        $again = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 3 -Seed 11
        $other = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 3 -Seed 12
        $a = Get-Vectors $script:model
        $b = Get-Vectors $again
        $c = Get-Vectors $other
        for ($u = 0; $u -lt $a.Count; $u += 37) { $b[$u] | Should -Be $a[$u] }
        ($c[0] -join ',') | Should -Not -Be ($a[0] -join ',')
    }

    It 'trains on -ThreadCount threads, the same bits each time, and puts libtorch''s count back' {
        $before = [TorchSharp.torch]::get_num_threads()
        $one = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 2 -ThreadCount 1
        [TorchSharp.torch]::get_num_threads() | Should -Be $before
        $one.Options.Threads | Should -Be 1
        $again = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 2 -ThreadCount 1
        (Get-Vectors $again)[5] | Should -Be (Get-Vectors $one)[5]
        $script:model.Options.Threads | Should -BeNullOrEmpty
        { $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -ThreadCount 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'caps -ThreadCount at the machine''s cores with a warning, and the model records the count it used' {
        # The issue: 1024 threads on 2 cores trained for 34 s instead of 1.5 s.
        $cores = [Environment]::ProcessorCount
        $before = [TorchSharp.torch]::get_num_threads()
        $capped = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -ThreadCount 1024 -WarningVariable warned -WarningAction SilentlyContinue
        $warned | Should -HaveCount 1
        "$warned" | Should -BeExactly "-ThreadCount 1024 is more than this machine's $cores cores: the run uses $cores threads, as more would only slow it down."
        $capped.Options.Threads | Should -Be $cores
        [TorchSharp.torch]::get_num_threads() | Should -Be $before
        # Up to the cores: as given, without a word.
        $fits = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -ThreadCount 1 -WarningVariable none
        $none | Should -BeNullOrEmpty
        $fits.Options.Threads | Should -Be 1
    }

    It 'trains with -RowWiseUpdates, and the model file records it' {
        # Unset, the core decides by the user table's size: the bundled set's is small, so dense, and recorded so.
        $script:model.Options.RowWiseUpdates | Should -Be $false
        $rowWise = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 2 -ThreadCount 1 -RowWiseUpdates
        $rowWise.Options.RowWiseUpdates | Should -BeTrue
        $rowWise.LossHistory.Count | Should -Be 2
        $again = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 2 -ThreadCount 1 -RowWiseUpdates
        (Get-Vectors $again)[5] | Should -Be (Get-Vectors $rowWise)[5]
        $path = Join-Path $TestDrive 'rowwise.crec'
        $rowWise | Export-EncoderModel $path
        (Import-EncoderModel $path).Options.RowWiseUpdates | Should -BeTrue
        # The profile encoder steps its input table (a row per movie) row by row too; the bundled catalogue is small, so dense unless asked.
        $profile = $script:set | Invoke-EncoderTraining -Objective UserMovie -Encoder Profile -Epochs 1 -ThreadCount 1 -RowWiseUpdates
        $profile.Options.RowWiseUpdates | Should -BeTrue
        ($script:set | Invoke-EncoderTraining -Objective UserMovie -Encoder Profile -Epochs 1 -ThreadCount 1).Options.RowWiseUpdates | Should -Be $false
        ($script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -ThreadCount 1 -RowWiseUpdates:$false).Options.RowWiseUpdates | Should -Be $false
    }

    It 'refuses a training whose tables would not fit in memory, before allocating them' {
        { $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -EmbeddingSize 65536 -HiddenSize 65536 } | Should -Throw -ErrorId 'ContrastiveRec.TrainingMemory*'
    }

    It 'logs the loss of every epoch with -Verbose and shows progress' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$(Get-BuiltModulePath)'; Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 2 -Verbose | Out-Null")
        $null = $ps.Invoke()
        $epochs = $ps.Streams.Verbose | Where-Object Message -Match '^Epoch \d/2: loss'
        $epochs.Count | Should -Be 2
        ($ps.Streams.Progress | Where-Object StatusDescription -Match 'Epoch 2/2, batch \d+/\d+, loss').Count | Should -BeGreaterThan 0
        $ps.Dispose()
    }

    It 'sizes the encoder from its parameters' {
        $small = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -EmbeddingSize 32 -HiddenSize 16 -LatentSize 8
        ($small | Get-UserEmbedding -User 1).Dimensions | Should -Be 8
    }
}

Describe 'Training defaults: one source, the core' {
    # What the help states as these defaults is generated from TrainingOptions.Defaults by build/HelpGenerator.ps1 and
    # compared with it in Help.Tests.ps1 ('Training defaults in help'); here, that training uses them.
    It 'trains with the core''s defaults for <Label> when no number is named' -ForEach @(
        @{ Objective = 'UserUser'; Encoder = 'Id'; Label = 'UserUser' }
        @{ Objective = 'UserMovie'; Encoder = 'Id'; Label = 'UserMovie with Id' }
        @{ Objective = 'UserMovie'; Encoder = 'Profile'; Label = 'UserMovie with Profile' }
    ) {
        $model = $script:set | Invoke-EncoderTraining -Objective $Objective -Encoder $Encoder -Strategy 4 -Epochs 1 -BatchSize 4096
        $expected = [ContrastiveRec.Training.TrainingOptions]::Defaults($Objective, $Encoder)
        foreach ($name in 'LearningRate', 'Margin', 'Seed', 'InputDim', 'HiddenDim', 'LatentDim', 'Temperature', 'PairWeight', 'WeightDecay', 'InputDropout', 'DislikedWeight', 'Threads') {
            $model.Options.$name | Should -Be $expected.$name -Because $name
        }
        $model.Options.Epochs | Should -Be 1
        $model.Options.BatchSize | Should -Be 4096
        $model.Dispose()
    }

    It 'refuses defaults for the Profile encoder with the study''s objective' {
        { [ContrastiveRec.Training.TrainingOptions]::Defaults('UserUser', 'Profile') } | Should -Throw '*UserMovie*'
    }
}

Describe 'Stopping a training run (Ctrl+C)' {
    BeforeAll {
        function Start-Training([string] $Extra) {
            Start-BuiltModuleRun "Import-MovieLens | Invoke-EncoderTraining -Strategy 1 -Epochs 50 $Extra" -Until '^Epoch 1/50, batch [3-9]'
        }
    }

    It 'stops within the run, emitting nothing half-trained' {
        $run = Start-Training ''
        # Mid-run, the progress bar estimates the time left (49 epochs to go leave more than a second at any pace).
        ($run.PowerShell.Streams.Progress | Where-Object StatusDescription -Match '^Epoch' | Select-Object -Last 1).SecondsRemaining | Should -BeGreaterThan 0
        $run.PowerShell.Stop()
        $run.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
        $done = $run.PowerShell.Streams.Progress | Where-Object StatusDescription -Match '^Epoch (\d+)/50' | ForEach-Object { [int]$Matches[1] } | Measure-Object -Maximum
        $done.Maximum | Should -BeLessThan 50
        $output = try { $run.PowerShell.EndInvoke($run.Async) } catch { @() }
        @($output).Count | Should -Be 0
        $run.PowerShell.Dispose()
    }

    It 'saves the model trained so far with -PartialModelPath' {
        $path = Join-Path $TestDrive 'partial.crec'
        $run = Start-Training "-PartialModelPath '$path'"
        $run.PowerShell.Stop()
        $run.PowerShell.Dispose()
        Test-Path $path | Should -BeTrue
        $partial = Import-EncoderModel $path
        $partial.IsComplete | Should -BeFalse
        $partial.EpochsCompleted | Should -BeLessThan 50
        ($partial | Get-UserEmbedding -User 1).Dimensions | Should -Be 200
    }

    It 'says so when the model trained so far cannot be saved' {
        # A folder that takes no file is refused before training (the writers' rule)...
        { Import-MovieLens | Invoke-EncoderTraining -Strategy 1 -Epochs 1 -PartialModelPath '/proc/partial.crec' } | Should -Throw -ErrorId 'ContrastiveRec.ModelWriteFailed*'
        # ...so the save is made to fail after the stop, as on a disk filled meanwhile: the folder becomes a file.
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'gone')
        $path = Join-Path $folder 'partial.crec'
        $run = Start-Training "-PartialModelPath '$path'"
        Remove-Item $folder
        Set-Content $folder 'in the way'
        $run.PowerShell.Stop()
        $warned = @($run.PowerShell.Streams.Warning) + @($run.PowerShell.Streams.Error) | Out-String
        # The stopped pipeline takes no error record; the error is in the session's $Error.
        $errors = $run.PowerShell.Runspace.SessionStateProxy.PSVariable.GetValue('Error')
        $ids = @($errors | ForEach-Object FullyQualifiedErrorId)
        $run.PowerShell.Dispose()
        $warned | Should -Match "could not be saved to '$([regex]::Escape($path))'"
        $ids[0] | Should -BeLike 'ContrastiveRec.PartialSaveFailed*'
        Test-Path $path | Should -BeFalse
    }

    It 'names data that gives nothing to learn (no triplets mined) with advice' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'neutral')
        # Every rating is 3: no like, no dislike, so no strategy can mine a triplet.
        $rows = foreach ($u in 1..20) { foreach ($m in 1..8) { "$u,$m,3.0,$($u * 100 + $m)" } }
        Set-Content (Join-Path $folder 'ratings.csv') (@('userId,movieId,rating,timestamp') + $rows)
        $err = $null
        try { Import-MovieLens -Path $folder | Invoke-EncoderTraining -Strategy 4 -Epochs 1 } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.NothingToLearn*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.ErrorDetails.Message | Should -Match 'no triplets'
        $err.ErrorDetails.RecommendedAction | Should -Match 'strategy'
    }

    It 'refuses, before training, a -PartialModelPath that exists (unless -Force) or is a folder' {
        $path = Join-Path $TestDrive 'kept.crec'
        Set-Content $path 'an earlier model'
        $err = $null
        $out = $null
        try { $out = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -PartialModelPath $path } catch { $err = $_ }
        $out | Should -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.ModelFileExists*'
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
        $err.ErrorDetails.RecommendedAction | Should -Match '-Force.*-PartialModelPath'
        Get-Content $path | Should -Be 'an earlier model'
        $err = $null
        try { $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -PartialModelPath $TestDrive } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.ModelPathIsFolder*'
        ($script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -PartialModelPath $path -Force).IsComplete | Should -BeTrue
        Get-Content $path | Should -Be 'an earlier model' # a finished run writes nothing there
    }
}

Describe 'Get-UserEmbedding' {
    BeforeAll { $script:model = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 }

    It 'emits every user with a unit-length vector' {
        $all = $script:model | Get-UserEmbedding
        $all.Count | Should -Be 610
        $all[0].UserId | Should -Be 1
        $norm = [Math]::Sqrt(($all[5].Vector | ForEach-Object { $_ * $_ } | Measure-Object -Sum).Sum)
        $norm | Should -BeGreaterThan 0.999
        $norm | Should -BeLessThan 1.001
    }

    It 'binds users from the pipeline: plain integers, and User or UserId properties, each user once per model' {
        (3, 1 | Get-UserEmbedding -Model $script:model).UserId | Should -Be 3, 1
        $rows = $script:model | Get-Recommendation -User 7, 8 -Top 4
        $rows | Should -HaveCount 8
        $fromRows = $rows | Get-UserEmbedding -Model $script:model
        $fromRows.UserId | Should -Be 7, 8
        $fromRows[0].Vector | Should -Be ($script:model | Get-UserEmbedding -User 7).Vector
        ([pscustomobject]@{ User = 4 } | Get-UserEmbedding -Model $script:model).UserId | Should -Be 4
        # Import-Csv of a MovieLens ratings.csv: its userId column is text, bound by property name.
        $csv = Join-Path $TestDrive 'ratings.csv'
        Set-Content $csv "userId,movieId,rating,timestamp`n2,1,4.0,1`n2,3,4.0,1`n6,1,3.0,1"
        (Import-Csv $csv | Get-UserEmbedding -Model $script:model).UserId | Should -Be 2, 6
        # A piped model still binds to -Model.
        ($script:model | Get-UserEmbedding -User 9).UserId | Should -Be 9
    }

    It 'reports an unknown user as a non-terminating error and still emits the others' {
        $out = $script:model | Get-UserEmbedding -User 1, 123456, 2 -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.UserId | Should -Be @(1, 2)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.UnknownUser*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].Exception.Message | Should -Match '123456'
    }
}

Describe 'Export-EncoderModel and Import-EncoderModel' {
    BeforeAll { $script:model = $script:set | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -Seed 3 }

    It 'round-trips a model with equal embeddings and metadata, leaving no temporary file' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'roundtrip')
        $file = $script:model | Export-EncoderModel -Path (Join-Path $folder 'm.crec') -PassThru
        $file | Should -BeOfType ([System.IO.FileInfo])
        (Get-ChildItem $folder -Force).Name | Should -Be @('m.crec')
        $loaded = Import-EncoderModel $file.FullName
        $loaded.Strategy | Should -Be $script:model.Strategy
        $loaded.LossHistory | Should -Be $script:model.LossHistory
        $loaded.RatingSet.RatingCount | Should -Be 100836
        $loaded.RatingSet.TestCount | Should -Be $script:set.TestCount
        $a = Get-Vectors $script:model
        $b = Get-Vectors $loaded
        for ($u = 0; $u -lt $a.Count; $u += 61) { $b[$u] | Should -Be $a[$u] }
    }

    It 'does not overwrite without -Force, and does with it' {
        $path = Join-Path $TestDrive 'exists.crec'
        Set-Content $path 'placeholder'
        $err = $null
        try { $script:model | Export-EncoderModel $path } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.ModelFileExists*'
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
        Get-Content $path | Should -Be 'placeholder'
        $script:model | Export-EncoderModel $path -Force
        (Import-EncoderModel $path).UserCount | Should -Be 610
    }

    It 'says that a folder is a folder, not that it does not exist' {
        $err = $null
        try { Import-EncoderModel $TestDrive } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.ModelPathIsFolder*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.ErrorDetails.Message | Should -BeLike "*is a folder, not a model file."
        $err.ErrorDetails.RecommendedAction | Should -Match 'Export-EncoderModel'
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.crec'
        $script:model | Export-EncoderModel $path -WhatIf
        Test-Path $path | Should -BeFalse
    }

    It 'refuses <Case> with a clear error' -ForEach @(
        @{ Case = 'a text file'; Make = { param($p) Set-Content $p 'not a model' }; Id = 'ContrastiveRec.InvalidModelFile'; Category = 'InvalidData' }
        @{ Case = 'a truncated model'; Make = { param($p) $script:model | Export-EncoderModel $p -Force; $b = [IO.File]::ReadAllBytes($p); [IO.File]::WriteAllBytes($p, $b[0..($b.Length / 2)]) }; Id = 'ContrastiveRec.InvalidModelFile'; Category = 'InvalidData' }
        @{ Case = 'a model with a flipped byte'; Make = { param($p) $script:model | Export-EncoderModel $p -Force; $b = [IO.File]::ReadAllBytes($p); $b[$b.Length - 100] = $b[$b.Length - 100] -bxor 0xff; [IO.File]::WriteAllBytes($p, $b) }; Id = 'ContrastiveRec.InvalidModelFile'; Category = 'InvalidData' }
        @{ Case = 'a missing file'; Make = { param($p) }; Id = 'ContrastiveRec.ModelFileNotFound'; Category = 'ObjectNotFound' }
    ) {
        $path = Join-Path $TestDrive "bad-$([guid]::NewGuid()).crec"
        & $Make $path
        $err = $null
        try { Import-EncoderModel $path } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike "$Id*"
        $err.CategoryInfo.Category | Should -Be $Category
        $err.Exception.Message | Should -Match ([regex]::Escape((Split-Path $path -Leaf)))
    }

    It 'refuses ratings that are not the model''s data with what differs, and takes them with -AllowOtherData' {
        $path = Join-Path $TestDrive 'fingerprint.crec'
        $script:model | Export-EncoderModel $path -Force
        $other = $script:set | Split-RatingSet -TestFraction 0.2 -Seed 42
        $err = $null
        try { Import-EncoderModel $path -Ratings $other } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.ModelDataMismatch*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.ErrorDetails.Message | Should -Match 'another split.*5%.*20%'
        $err.ErrorDetails.RecommendedAction | Should -Match 'AllowOtherData'
        $meant = Import-EncoderModel $path -Ratings $other -AllowOtherData
        $meant.RatingSet.TestCount | Should -Be $other.TestCount
        { Import-EncoderModel $path -AllowOtherData } | Should -Throw -ErrorId 'ContrastiveRec.AllowOtherDataNeedsRatings*'
        # Other users cannot be served by position, whatever the intent.
        $fewer = $script:set | Split-RatingSet -HoldOutUsers 0.1 -Seed 1
        $err = $null
        try { Import-EncoderModel $path -Ratings $fewer.Training -AllowOtherData } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.ModelDataMismatch*'
        $err.ErrorDetails.Message | Should -Match '610 users'
    }

    Context 'a model whose data folder is still there but no longer reads' {
        BeforeAll {
            $script:copy = Join-Path $TestDrive 'broken'
            Copy-Item $script:set.Source $script:copy -Recurse
            $script:copySet = Import-MovieLens $script:copy
            $script:brokenPath = Join-Path $TestDrive 'broken.crec'
            $script:copySet | Invoke-EncoderTraining -Strategy 4 -Epochs 1 -EmbeddingSize 8 -HiddenSize 8 -LatentSize 4 -Seed 3 |
                Export-EncoderModel $script:brokenPath
        }

        It 'loads without its ratings, with a warning that names the source and what is wrong with it: <Case>' -ForEach @(
            @{ Case = 'a malformed row'; Break = { param($r) Add-Content $r 'garbage,row' }; Problem = 'ratings.csv:100838: Expected 4 fields' }
            @{ Case = 'an emptied ratings file'; Break = { param($r) [IO.File]::WriteAllText($r, '') }; Problem = 'ratings.csv:1: The ratings file is empty.' }
            @{ Case = 'a deleted ratings file'; Break = { param($r) Remove-Item $r }; Problem = 'The folder holds no MovieLens ratings file.' }
        ) {
            $ratings = Join-Path $script:copy 'ratings.csv'
            Copy-Item (Join-Path $script:set.Source 'ratings.csv') $ratings -Force
            & $Break $ratings
            $said = $null
            $loaded = Import-EncoderModel $script:brokenPath -WarningVariable said -WarningAction SilentlyContinue
            $loaded.UserCount | Should -Be 610
            $loaded.RatingSet | Should -BeNullOrEmpty
            $said | Should -HaveCount 1
            "$said" | Should -BeLike "The ratings the model was trained on could not be re-read: '$script:copy' is there but cannot be read (*$Problem*). Pass them with -Ratings*"
            "$said" | Should -Not -BeLike '*-Path*' # the reader's advice names a parameter Import-EncoderModel lacks
            # Without ratings it cannot recommend, and says why; given the ratings it was trained on, it does.
            ({ Get-Recommendation -Model $loaded -User 1 } | Should -Throw -PassThru).FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.ModelWithoutRatings*'
            $given = Import-EncoderModel $script:brokenPath -Ratings $script:copySet
            (Get-Recommendation -Model $given -User 1 -Top 3).MovieId | Should -HaveCount 3
        }
    }

    It 'works as one pipeline: import, train, export, import' {
        $path = Join-Path $TestDrive 'pipeline.crec'
        $loaded = Import-MovieLens | Invoke-EncoderTraining -Strategy 4 -Epochs 1 | Export-EncoderModel $path -PassThru | Import-EncoderModel
        $loaded.Strategy.Preset | Should -Be 4
    }
}
