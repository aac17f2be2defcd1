@{
    Synopsis    = 'Makes a RatingSet of interactions piped in as objects: rows of Import-Csv, Import-Excel, Invoke-Sqlcmd, ConvertFrom-Json, or hashtables.'
    Description = @'
ConvertTo-RatingSet reads one interaction per piped object: who (the user), what (the item: a movie for MovieLens, a product, an article), the rating, and optionally when. Each object is read as it arrives and only its values are kept, in the same compact columns Import-MovieLens fills, so a million objects never wait in an array and memory grows with the ratings kept, not with the objects that carried them. Once the last object is in, the set is built and split per user exactly as Import-MovieLens splits it; every other cmdlet takes it as it takes a MovieLens set.

Ids are kept as the data gives them. When every user id is a whole number (or the text of one, as Import-Csv gives "31"), the users are numbered as MovieLens users are, and the set is the one Import-MovieLens would read: the same order, the same split, the same recall. Otherwise every user id is text, exactly as given ("u-17", "007"), in natural order ("u-2" before "u-10"); the same goes for item ids. Recommendations, embeddings, pairs, clusters and top movies then name users and items by those ids, and -User takes them (Get-Recommendation -User u-17). Without an item table an item's title is its id.

The properties are found from the first object's names when not named, ignoring case and any "_", "-", "." or space, from the same lists as Import-RatingSet's columns: the user from userId, user, customerId, customer, clientId, visitorId, memberId, accountId, sessionId and the like; the item from itemId, item, movieId, productId, product, sku, articleId, bookId and the like; the rating from rating, score, stars, grade, value; the time from timestamp, time, datetime, date, eventTime, createdAt (the full lists are in about_ContrastiveRec_Data). A time is Unix seconds, a DateTime or DateTimeOffset, or ISO 8601 text (2024-03-01, 2024-03-01T12:00:00Z); a date without a zone is read as UTC. Objects without a time give a set without timestamps.

Ratings may be on any scale: found from the data, or given with -RatingScale; the relevance threshold defaults to the place of MovieLens' 3.5 on it (-RelevanceThreshold sets it). Objects without a rating property (or read with -Implicit) are implicit feedback: each object is an interaction, repeats are counted, every interaction is relevant.

An object without the user or item property (MissingProperty), with an empty id or a value that cannot be read (MalformedValue), a rating off -RatingScale (RatingOutOfRange) or a second rating of the same item by the same user (DuplicateRating, unless -Duplicates says otherwise) stops the command with an error naming the object's number (the first object is 1) and the property; no set is emitted. Progress shows the objects read so far (their number is not known ahead, so there is no percentage).
'@
    Parameters  = @{
        InputObject       = 'One interaction per object: a PSCustomObject, any .NET object with the properties, or a hashtable with those keys. Usually piped.'
        UserProperty      = 'The property holding the user''s id. Found from the first object''s names when not given (see the description).'
        ItemProperty      = 'The property holding the item''s (movie''s) id. Alias: -MovieProperty. Found from the first object''s names when not given.'
        RatingProperty    = 'The property holding the rating, a number or numeric text. Found from the first object''s names when not given; objects without one are interactions (implicit feedback).'
        Implicit          = 'Implicit feedback: every object is an interaction (a click, a play, a purchase), even when it has a rating; a user and item seen n times become one interaction counted n times. Alias: -NoRating.'
        RatingScale       = 'The ratings'' scale as two numbers, lowest first (-RatingScale 1, 10; -RatingScale 0, 1). A rating off it stops the command (RatingOutOfRange) with its line. Not given: the lowest and highest rating found.'
        RelevanceThreshold = 'A rating at or above it is relevant: a like for evaluation (recall, NDCG), the baselines and the UserMovie objective. Not given: the place of MovieLens'' 3.5 on 0.5-5 on the scale (7 on 1-10, 0.667 on 0-1). Stored with the set and with every model trained on it.'
        Duplicates        = 'What to do with a user and item given twice in explicit ratings: Refuse (the default: DuplicateRating names both lines), KeepLast (the later row, as the latest opinion) or Mean (their mean, at the latest time). Implicit data counts repeats whatever this says.'

        TimestampProperty = 'The property holding the time: Unix seconds or milliseconds (decided for the whole column, as Import-RatingSet does), a date, or ISO 8601 text. Found from the first object''s names when not given; without one the set has no timestamps (a Temporal split is then refused).'
        ItemPath          = 'A file naming the items, as Import-RatingSet -ItemPath reads it: the item id, a title and categories separated by "|". Recommendations, cluster top items and the report then show the titles; without a table an item''s id is its title. Alias: -MoviePath.'
        ItemTable         = 'Objects naming the items (from Import-Csv, a query, hashtables): an id property (found as the item property is), a title (title, name, itemName, productName, label) and categories (genres, categories, category, tags, department, type) as text separated by "|" or as a list. Items nobody rated are left out, with a warning.'
        TestFraction      = 'Share of each user''s ratings held out as test, from 0 to 0.99, as Import-MovieLens holds it out.'
        Seed              = 'Seed of the random split. The same seed gives the same split.'
        SplitMethod       = 'Random (default) holds out a random sample of each user''s ratings; Temporal holds out each user''s latest ratings by time.'
    }
    Inputs      = @{ 'System.Management.Automation.PSObject' = 'Interactions: objects or hashtables with a user, an item, a rating and optionally a time.' }
    Outputs     = @{ 'ContrastiveRec.Data.RatingSet' = 'One set, once the last object is in, with its split.' }
    Examples    = @(
        @{
            Title   = 'A shop''s ratings from a CSV file, with the shop''s own ids in the recommendations'
            Code    = @'
$rows = foreach ($c in 1..40) { foreach ($j in 1..12) { "u-$c,sku-$(($c * 7 + $j) % 30),$(1 + ($c + $j) % 5),2024-03-$('{0:d2}' -f $j)" } }
Set-Content orders.csv -Value (@('customer,product,stars,date') + $rows)
$set = Import-Csv orders.csv | ConvertTo-RatingSet
$model = $set | Invoke-EncoderTraining -Objective UserMovie -Epochs 1
Get-Recommendation -Model $model -User u-17 -Top 3
'@
            Remarks = 'The columns are found by their names (customer, product, stars, date). The recommendations name the user u-17 and items such as sku-9, as the file does.'
        }
        @{
            Title   = 'Properties with other names'
            Code    = '@{ who = ''ann''; what = ''tea''; score = 4 }, @{ who = ''ann''; what = ''cake''; score = 2 }, @{ who = ''bob''; what = ''tea''; score = 5 } | ConvertTo-RatingSet -UserProperty who -ItemProperty what -RatingProperty score -TestFraction 0'
            Remarks = 'Hashtables work as objects do. A set of three ratings with text ids ann and bob, and no time.'
        }
        @{
            Title   = 'A play log with the items named by objects'
            Code    = @'
$plays = @{ user = 'ann'; track = 't1' }, @{ user = 'ann'; track = 't1' }, @{ user = 'ann'; track = 't2' }, @{ user = 'bob'; track = 't1' }
$tracks = @{ trackId = 't1'; title = 'Blue in Green'; genres = 'jazz' }, @{ trackId = 't2'; title = 'So What'; genres = 'jazz', 'modal' }
$set = $plays | ConvertTo-RatingSet -ItemTable $tracks -TestFraction 0
$set.GetRatings('ann') | Select-Object MovieId, Title, Value
'@
            Remarks = 'No rating property: each object is an interaction, and ann''s two plays of t1 become one with the count 2. The item table gives the titles.'
        }
        @{
            Title   = 'The bundled MovieLens ratings through the pipeline'
            Code    = 'Import-Csv (Join-Path (Split-Path (Get-Module ContrastiveRec).Path) ''data/ml-latest-small/ratings.csv'') | Select-Object -First 20000 | ConvertTo-RatingSet'
            Remarks = 'Import-Csv gives every field as text; whole-number ids become numbers again, so the users and movies are numbered (and split) as Import-MovieLens numbers them.'
        }
    )
    Links       = @('Import-MovieLens', 'Split-RatingSet', 'Get-Recommendation', 'about_ContrastiveRec_Data')
}
