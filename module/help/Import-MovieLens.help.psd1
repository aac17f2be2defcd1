@{
    Synopsis    = 'Reads a MovieLens release into one RatingSet, with a per-user train/test split.'
    Description = @'
Import-MovieLens reads the ratings (and, when present, the movies, links and tags) of a MovieLens release into a single RatingSet object. The ratings are kept in compact columns grouped by user, with dense user and movie indices mapped to and from the MovieLens ids; no object is made per rating.

The layout is recognised by its files: ratings.csv and movies.csv (ml-latest, ml-latest-small, ml-20m, ml-25m, ml-32m; optional links.csv and tags.csv), ratings.dat and movies.dat separated by "::" (ml-1m, ml-10m; Latin-1 titles are detected), or u.data with u.item (ml-100k). A missing movies file is allowed: movies then have ids but no titles.

By default the study's evaluation split is attached: for every user a seeded random 5% of their ratings is held out as test. Use Split-RatingSet to re-split later without reading the files again.

A missing path, a folder with no known layout, a malformed row, a rating outside 0.5 to 5, a duplicate (user, movie) pair or an empty file stops the command with an error that names the file and the line; nothing is emitted.

Doubtful input that is still readable is read, and said out loud with a warning: user or movie ids of 0 or below, rated movies the movies file lacks (they get no title), titles with bytes invalid in the file's encoding, a folder holding two layouts (which file was read).
'@
    Parameters  = @{
        Path          = 'A MovieLens folder, or its ratings file. Relative paths and PowerShell drives work. Without it, the ml-latest-small set bundled with the module is read.'
        TestFraction  = 'Share of each user''s ratings held out as test, from 0 to 0.99. The default is the study''s. Every user with two or more ratings keeps at least one rating on each side.'
        Seed          = 'Seed of the random split. The same seed gives the same split.'
        SplitMethod   = 'Random (default) holds out a random sample of each user''s ratings; Temporal holds out each user''s latest ratings by timestamp.'
    }
    Defaults    = @{ Path = 'The bundled ml-latest-small set' }
    Inputs      = @{ 'System.String' = 'A path, also from the FullName or PSPath property of Get-Item or Get-ChildItem output.' }
    Outputs     = @{ 'ContrastiveRec.Data.RatingSet' = 'One object per path, with UserCount, MovieCount, RatingCount, TrainCount, TestCount and the split.' }
    Notes       = 'The bundled ml-latest-small data set is published by GroupLens Research; see data/ml-latest-small/README.txt in the module folder for its terms of use.'
    Examples    = @(
        @{
            Title   = 'Read the bundled data set'
            Code    = 'Import-MovieLens'
            Remarks = 'Reads ml-latest-small (610 users, 9,742 movies, 100,836 ratings) with the study''s 5% per-user test split.'
        }
        @{
            Title   = 'Hold out each user''s latest 10% instead'
            Code    = 'Import-MovieLens -TestFraction 0.1 -SplitMethod Temporal'
            Remarks = 'A temporal split evaluates on each user''s most recent ratings.'
        }
        @{
            Title   = 'Look at one user''s ratings'
            Code    = '$set = Import-MovieLens; $set.GetRatings(1) | Select-Object -First 5 MovieId, Title, Value, IsTest'
            Remarks = 'GetRatings returns a user''s ratings with titles and whether each one is held out as test.'
        }
        @{
            Title   = 'Read folders from the pipeline'
            Code    = 'Get-ChildItem (Join-Path (Split-Path (Get-Module ContrastiveRec).Path) ''data'') -Directory | Import-MovieLens'
            Remarks = 'Folders (or ratings files) can be piped in; each gives one RatingSet.'
        }
    )
    Links       = @('Split-RatingSet', 'Measure-RatingSet')
}
