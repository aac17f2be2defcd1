# Your own data through the pipeline: objects in, the data's own ids in every result.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    function Complete([string] $Line) { (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches }

    # A shop's ratings as a CSV file: customers u-1..u-60 in two taste groups (odd, even), products sku-1..sku-40; odd
    # customers buy and rate mostly odd products, high, and a few even ones, low; the other way round for even ones.
    # Stars 1-5, ISO dates.
    $script:orders = Join-Path $TestDrive 'orders.csv'
    $rng = [System.Random]::new(11)
    $lines = foreach ($c in 1..60) {
        foreach ($p in 1..40) {
            $own = ($c % 2) -eq ($p % 2)
            if ($rng.NextDouble() -ge $(if ($own) { 0.6 } else { 0.15 })) { continue }
            $stars = if ($own) { 4 + $rng.Next(2) } else { 1 + $rng.Next(2) }
            'u-{0},sku-{1},{2},2024-{3:d2}-{4:d2}' -f $c, $p, $stars, (1 + $p % 12), (1 + $c % 28)
        }
    }
    Set-Content $script:orders -Value (@('customer,product,stars,date') + $lines)
    $script:shop = Import-Csv $script:orders | ConvertTo-RatingSet -TestFraction 0.1
    $script:model = $script:shop | Invoke-EncoderTraining -Objective UserMovie -Epochs 10 -BatchSize 32 -Name 'Shop'
}

Describe 'ConvertTo-RatingSet' {
    It 'reads a shop''s CSV rows by their column names, keeping the ids as the file gives them' {
        $script:shop | Should -BeOfType ([ContrastiveRec.Data.RatingSet])
        $script:shop.RatingCount | Should -Be $lines.Count
        $script:shop.UserCount | Should -Be 60
        $script:shop.Layout | Should -Be 'Objects'
        # Natural order: u-2 before u-10, whatever the file's order.
        $script:shop.UserIds[0..2] | Should -Be 'u-1', 'u-2', 'u-3'
        $script:shop.UserIds[9] | Should -Be 'u-10'
        $script:shop.MovieIds | ForEach-Object { $_ | Should -Match '^sku-\d+$' }
        $r = $script:shop.GetRatings('u-17') | Select-Object -First 1
        $r.UserId | Should -BeExactly 'u-17'
        $r.Time | Should -BeOfType ([DateTimeOffset])
        $r.Time.Year | Should -Be 2024
    }

    It 'recommends to u-17 by its id, naming products by theirs, after UserMovie training' {
        $recs = Get-Recommendation -Model $script:model -User u-17 -Top 5
        $recs | Should -HaveCount 5
        $recs.UserId | Sort-Object -Unique | Should -BeExactly 'u-17'
        $train = $script:shop.GetRatings('u-17') | Where-Object { -not $_.IsTest } | ForEach-Object MovieId
        foreach ($r in $recs) {
            $r.MovieId | Should -Match '^sku-\d+$'
            $r.MovieId | Should -Not -BeIn $train
            $r.ItemId | Should -BeExactly $r.MovieId # the word for data that is not movies
            $r.Title | Should -BeExactly $r.MovieId  # no item table: the id is the title
        }
        # u-17 is odd: its top products are mostly the odd ones it would like.
        @($recs | Where-Object { [int]($_.MovieId -replace 'sku-') % 2 -eq 1 }).Count | Should -BeGreaterOrEqual 4
        # ItemId is there to read but not a second column of a CSV.
        ($recs | ConvertTo-Csv)[0] | Should -BeExactly '"Model","UserId","Rank","MovieId","Title","Genres","Score","SuggestedBy"'
        ($recs | ConvertTo-Csv)[1] | Should -BeLike '"Shop","u-17","1","sku-*'
    }

    It 'finds text ids given as the pipeline gives them, and refuses unknown ones naming the id' {
        (Get-UserEmbedding -Model $script:model -User u-3).UserId | Should -BeExactly 'u-3'
        ([pscustomobject]@{ UserId = 'u-5' } | Get-Recommendation -Model $script:model -Top 2).UserId | Should -BeExactly 'u-5', 'u-5'
        $recs = Get-Recommendation -Model $script:model -User u-999, u-4 -Top 1 -ErrorVariable missed -ErrorAction SilentlyContinue
        $recs.UserId | Should -BeExactly 'u-4'
        $missed[0].FullyQualifiedErrorId | Should -BeLike 'ContrastiveRec.UnknownUser,*'
        $missed[0].TargetObject | Should -BeExactly 'u-999'
        $missed[0].Exception.Message | Should -BeLike 'User u-999 is not among*'
    }

    It 'takes a newcomer''s ratings by item id' {
        $ease = $script:shop | New-BaselineRecommender Ease
        $recs = $ease | Get-Recommendation -Ratings @{ ItemId = 'sku-1'; Rating = 5 }, @{ MovieId = 'sku-3'; Rating = 5 } -User newbie -Top 3
        $recs.UserId | Sort-Object -Unique | Should -BeExactly 'newbie'
        $recs.MovieId | Should -Not -Contain 'sku-1'
        $recs.MovieId | ForEach-Object { $_ | Should -Match '^sku-\d+$' }
    }

    It 'names text ids in pairs, maps, clusters and the clusters'' top items' {
        $study = $script:shop | Invoke-EncoderTraining -Strategy (New-PairStrategy -Preset 3 -MinLikers 2 -MinDislikers 2) -Epochs 1
        $pair = $script:shop | Get-ContrastivePair -Strategy (New-PairStrategy -Preset 3 -MinLikers 2 -MinDislikers 2) | Select-Object -First 1
        $pair.AnchorUserId | Should -Match '^u-\d+$'
        $pair.MovieId | Should -Match '^sku-\d+$'
        $points = $study | ConvertTo-Tsne -Perplexity 5 -Iterations 250
        $points.UserId | Should -Be $script:shop.UserIds
        $clusters = $points | Get-UserCluster -Count 2
        $clusters[0].UserId | Should -BeExactly 'u-1'
        $top = $clusters | Get-ClusterTopMovie $script:shop -Top 2 -MinRatings 2
        $top.MovieId | ForEach-Object { $_ | Should -Match '^sku-\d+$' }
    }

    It 'saves and loads a model with text ids, and applies it to the same ratings' {
        $path = Join-Path $TestDrive 'shop.crec'
        $script:model | Export-EncoderModel $path
        $loaded = Import-EncoderModel $path -Ratings $script:shop
        $loaded.GetUserIds() | Should -Be $script:shop.UserIds
        (Get-Recommendation -Model $loaded -User u-17 -Top 3).MovieId | Should -Be (Get-Recommendation -Model $script:model -User u-17 -Top 3).MovieId
        # Without -Ratings there is no file to re-read: the model loads and says why it has no ratings.
        $alone = Import-EncoderModel $path -WarningVariable said -WarningAction SilentlyContinue
        $alone.RatingSet | Should -BeNullOrEmpty
        "$said" | Should -BeLike '*ConvertTo-RatingSet*'
    }

    It 'completes -User with text ids, in natural order, quoting those PowerShell would misread' {
        (Complete 'Get-Recommendation -Model $script:model -User u-1').CompletionText | Should -Be (@('u-1') + (10..19 | ForEach-Object { "u-$_" }))
        (Complete 'Get-Recommendation -Model $script:model -User U-5').CompletionText | Should -Be 'u-5', 'u-50', 'u-51', 'u-52', 'u-53', 'u-54', 'u-55', 'u-56', 'u-57', 'u-58', 'u-59'
        $odd = @{ u = '007'; i = 'a'; r = 4 }, @{ u = 'x y'; i = 'a'; r = 4 }, @{ u = 'plain'; i = 'a'; r = 4 } | ConvertTo-RatingSet -UserProperty u -ItemProperty i -RatingProperty r -TestFraction 0
        $global:ContrastiveRecOdd = $odd | New-BaselineRecommender MostPopular
        try { (Complete 'Get-Recommendation -Model $global:ContrastiveRecOdd -User ').CompletionText | Should -Be "'007'", 'plain', "'x y'" }
        finally { Remove-Variable ContrastiveRecOdd -Scope Global }
    }

    It 'takes hashtables and objects alike, finds names whatever their case, and reads times of several kinds' {
        $objects = [pscustomobject]@{ Customer = 7; SKU = 'a'; Stars = '4.5'; Created_At = [datetime]'2024-03-01' },
            @{ CUSTOMER = 7; sku = 'b'; stars = 2; created_at = '2024-03-02T00:00:00Z' },
            [pscustomobject]@{ customer = '8'; sku = 'a'; stars = 5.0; created_at = 1709424000 }
        $set = $objects | ConvertTo-RatingSet -TestFraction 0
        $set.UserIds | Should -Be 7, 8
        $set.UserIds[0] | Should -BeOfType ([int]) # whole numbers stay numbers, "8" included
        ($set.GetRatings(7) | ForEach-Object { $_.Time.ToUnixTimeSeconds() }) | Should -Be 1709251200, 1709337600
        $set.GetRatings('8').Time.ToUnixTimeSeconds() | Should -Be 1709424000
        ($set.GetRatings(7) | ForEach-Object Value) | Should -Be 4.5, 2
    }

    It 'gives the bundled ratings through Import-Csv the split and the recall Import-MovieLens gives' {
        $folder = Join-Path (Split-Path (Get-Module ContrastiveRec).Path) 'data/ml-latest-small'
        $read = Import-MovieLens $folder -TestFraction 0.1 -Seed 3
        $piped = Import-Csv (Join-Path $folder 'ratings.csv') | ConvertTo-RatingSet -TestFraction 0.1 -Seed 3
        $piped.UserIds | Should -Be $read.UserIds
        $piped.UserIds[0] | Should -BeOfType ([int])
        $piped.RatingCount | Should -Be $read.RatingCount
        $piped.TestCount | Should -Be $read.TestCount
        foreach ($user in 1, 414, 610) {
            $a = $read.GetRatings($user); $b = $piped.GetRatings("$user")
            ($b | ForEach-Object { "$($_.MovieId):$($_.IsTest)" }) | Should -Be ($a | ForEach-Object { "$($_.MovieId):$($_.IsTest)" })
        }
        foreach ($kind in 'MostPopular', 'UserKnn') {
            $x = $read | New-BaselineRecommender $kind | Measure-RecallAtK -K 10, 20
            $y = $piped | New-BaselineRecommender $kind | Measure-RecallAtK -K 10, 20
            ($y | ForEach-Object { '{0:R} {1:R} {2}' -f $_.Recall, $_.Ndcg, $_.Users }) | Should -Be ($x | ForEach-Object { '{0:R} {1:R} {2}' -f $_.Recall, $_.Ndcg, $_.Users })
        }
    }
}

Describe 'ConvertTo-RatingSet refuses bad input by name, building nothing' {
    It '<Id> (<Category>): <Case>' -ForEach @(
        @{ Id = 'MissingProperty'; Category = 'InvalidData'; Case = 'no user property among the first object''s names'; Message = '*has no user property*-UserProperty*'
            Command = { [pscustomobject]@{ who = 'a'; product = 'x'; stars = 3 } | ConvertTo-RatingSet } }
        @{ Id = 'MissingProperty'; Category = 'InvalidData'; Case = 'a later object without the item'; Message = 'Object 2 has no ''product'' property*'
            Command = { [pscustomobject]@{ customer = 'a'; product = 'x'; stars = 3 }, [pscustomobject]@{ customer = 'b'; stars = 3 } | ConvertTo-RatingSet } }
        @{ Id = 'MalformedValue'; Category = 'InvalidData'; Case = 'a rating that is not a number'; Message = 'Object 2: the rating (''stars'') ''lots'' is not a number*'
            Command = { @{ customer = 'a'; product = 'x'; stars = 3 }, @{ customer = 'a'; product = 'y'; stars = 'lots' } | ConvertTo-RatingSet } }
        @{ Id = 'MalformedValue'; Category = 'InvalidData'; Case = 'a time that is not one'; Message = 'Object 1: the time (''date'')*ISO 8601*'
            Command = { [pscustomobject]@{ customer = 'a'; product = 'x'; stars = 3; date = '03/04/2024' } | ConvertTo-RatingSet } }
        @{ Id = 'MalformedValue'; Category = 'InvalidData'; Case = 'an empty id'; Message = 'Object 1: the user (''customer'') is empty*'
            Command = { [pscustomobject]@{ customer = ''; product = 'x'; stars = 3 } | ConvertTo-RatingSet } }
        @{ Id = 'MalformedValue'; Category = 'InvalidData'; Case = 'a null object'; Message = 'Object 2 is null*'
            Command = { @{ customer = 'a'; product = 'x'; stars = 3 }, $null | ConvertTo-RatingSet } }
        @{ Id = 'RatingOutOfRange'; Category = 'InvalidData'; Case = 'stars off the scale given'; Message = 'pipeline:2: rating 7 is outside the scale 1 to 5.*'
            Command = { @{ customer = 'a'; product = 'x'; stars = 3 }, @{ customer = 'b'; product = 'x'; stars = 7 } | ConvertTo-RatingSet -RatingScale 1, 5 } }
        @{ Id = 'InvalidRatingScale'; Category = 'InvalidArgument'; Case = 'a scale given highest first'; Message = '-RatingScale 5, 1 is not a scale*'
            Command = { @{ customer = 'a'; product = 'x'; stars = 3 } | ConvertTo-RatingSet -RatingScale 5, 1 } }
        @{ Id = 'InvalidRatingScale'; Category = 'InvalidArgument'; Case = 'a threshold off the scale'; Message = '-RelevanceThreshold 11 is off the scale 1 to 10.*'
            Command = { @{ customer = 'a'; product = 'x'; stars = 3 } | ConvertTo-RatingSet -RatingScale 1, 10 -RelevanceThreshold 11 } }
        @{ Id = 'DuplicateRating'; Category = 'InvalidData'; Case = 'a product rated twice by one customer'; Message = '*already rated movie x*'
            Command = { @{ customer = 'a'; product = 'x'; stars = 3 }, @{ customer = 'a'; product = 'x'; stars = 4 } | ConvertTo-RatingSet } }
        @{ Id = 'EmptyRatingSet'; Category = 'InvalidData'; Case = 'no objects at all'; Message = 'No interactions came in*'
            Command = { @() | ConvertTo-RatingSet } }
    ) {
        $out = $null
        $err = { $out = & $Command } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike "ContrastiveRec.$Id,*"
        "$($err.CategoryInfo.Category)" | Should -Be $Category
        $err.Exception.Message | Should -BeLike $Message
        $out | Should -BeNullOrEmpty
    }
}

Describe 'ConvertTo-RatingSet on interactions without ratings, with an item table' {
    It 'counts repeats as implicit feedback and names the items from a file or from objects' {
        $plays = @{ user = 'ann'; track = 't1' }, @{ user = 'ann'; track = 't1' }, @{ user = 'ann'; track = 't2' }, @{ user = 'bob'; track = 't1' }
        $tracks = [pscustomobject]@{ TrackId = 't1'; Title = 'Blue in Green'; Genres = 'jazz' },
            [pscustomobject]@{ TrackId = 't2'; Title = 'So What'; Genres = @('jazz', 'modal') },
            [pscustomobject]@{ TrackId = 't9'; Title = 'Never Played'; Genres = 'jazz' }
        $set = $plays | ConvertTo-RatingSet -ItemTable $tracks -TestFraction 0 -WarningVariable warned
        $set.Feedback.IsImplicit | Should -BeTrue
        $set.HasTimestamps | Should -BeFalse
        $ann = $set.GetRatings('ann')
        $ann.MovieId | Should -Be 't1', 't2'
        $ann.Value | Should -Be 2, 1
        $ann.Title | Should -Be 'Blue in Green', 'So What'
        $warned | Should -HaveCount 1 # t9: in the table, played by no one
        $file = Join-Path $TestDrive 'tracks.csv'
        Set-Content $file -Value 'trackId,title,genres', 't1,Blue in Green,jazz', 't2,So What,jazz|modal'
        ($plays | ConvertTo-RatingSet -ItemPath $file -TestFraction 0).GetRatings('ann').Title | Should -Be 'Blue in Green', 'So What'
        { $plays | ConvertTo-RatingSet -ItemPath $file -ItemTable $tracks } | Should -Throw -ErrorId 'AmbiguousParameterSet*'
    }
}
