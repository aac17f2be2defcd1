@{
    Synopsis    = 'Reads any ratings or interaction file with a header (CSV, TSV, ";" or "|" separated) into one RatingSet, with a per-user train/test split.'
    Description = @'
Import-RatingSet reads your own data: a shop's ratings, a click log, a survey's scores. The file needs a header line; its names say which column holds the user, the item, the rating and the time. Without -UserColumn, -ItemColumn, -RatingColumn and -TimestampColumn the columns are found from the header's names, ignoring case and any "_", "-", "." or space: the user from userId, user, customerId, customer, clientId, visitorId, memberId, accountId, sessionId and the like; the item from itemId, item, movieId, productId, product, sku, articleId, bookId, isbn, asin, trackId and the like; the rating from rating, score, stars, grade, value; the time from timestamp, time, datetime, date, eventTime, createdAt. The full lists are in about_ContrastiveRec_Data. The set records what was found (its Format property), and -Verbose says it.

Ids are kept as the file gives them: when every id of a column is a whole number they are numbers (as MovieLens ids are), otherwise text ("u-17", "sku-9", "007"), and every result names users and items by them.

Ratings may be on any scale (1-10 stars, 0-1 scores, half stars): the scale is found from the data or given with -RatingScale, and the relevance threshold (what counts as a like) defaults to the place of MovieLens' 3.5 on it, or is given with -RelevanceThreshold; the set keeps both (its Feedback property). A file without a rating column (or read with -Implicit) is implicit feedback: every row is an interaction, repeats are counted, and every interaction is relevant. A set without a time column has no timestamps (a Temporal split is then refused).

Times may be Unix seconds, Unix milliseconds (when any value is beyond what a date holds in seconds, the whole column is read as milliseconds) or ISO 8601 dates such as 2024-03-01 or 2024-03-01T12:30:00Z; a file may have no time column.

The separator is the one the header line uses most, of comma, tab, semicolon and "|" (outside quotes); fields may be quoted as RFC 4180 says. MovieLens releases are read by Import-MovieLens, on the same reader.

A missing file, a header without a user or item column, a malformed row, an empty file, a rating off -RatingScale or a second rating of the same user and item (unless -Duplicates says otherwise) stops the command with an error that names the file, the line and what to do; nothing is emitted.
'@
    Parameters  = @{
        Path            = 'The file to read. Relative paths and PowerShell drives work.'
        Delimiter       = 'The field separator: ",", "`t", ";" or "|" (or Comma, Tab, Semicolon, Pipe). Found from the header line when not given.'
        UserColumn      = 'The header name of the user column. Found from the header when not given.'
        ItemColumn      = 'The header name of the item (movie, product, ...) column. Found from the header when not given. Alias: -MovieColumn.'
        RatingColumn    = 'The header name of the rating column. Found from the header when not given; when the header has none, every row is an interaction (implicit feedback).'
        TimestampColumn = 'The header name of the time column. Found from the header when not given; a file may have none.'
        ItemPath        = 'A file naming the items, with a header: the item id (found as for the ratings), a title (title, name, productName, label) and categories separated by "|" (genres, categories, category, tags, department). Recommendations, cluster top items and the report then show the titles; without it an item''s id is its title. Items nobody rated are left out, with a warning. Alias: -MoviePath.'
        Implicit        = 'Implicit feedback: every row is an interaction (a click, a play, a purchase), even when a column looks like a rating; a user and item seen n times become one interaction counted n times, and every interaction is relevant. A file without a rating column is read so without it. Alias: -NoRating.'
        RatingScale        = 'The ratings'' scale as two numbers, lowest first (-RatingScale 1, 10; -RatingScale 0, 1). A rating off it stops the command (RatingOutOfRange) with its line. Not given: the lowest and highest rating found.'
        RelevanceThreshold = 'A rating at or above it is relevant: a like for evaluation (recall, NDCG), the baselines and the UserMovie objective. Not given: the place of MovieLens'' 3.5 on 0.5-5 on the scale (7 on 1-10, 0.667 on 0-1). Stored with the set and with every model trained on it.'
        Duplicates         = 'What to do with a user and item given twice in explicit ratings: Refuse (the default: DuplicateRating names both lines), KeepLast (the later row, as the latest opinion) or Mean (their mean, at the latest time). Implicit data counts repeats whatever this says.'
        TestFraction    = 'Share of each user''s ratings held out as test, from 0 to 0.99. Every user with two or more ratings keeps at least one rating on each side.'
        Seed            = 'Seed of the random split. The same seed gives the same split.'
        SplitMethod     = 'Random (default) holds out a random sample of each user''s ratings; Temporal holds out each user''s latest ratings by time.'
    }
    Inputs      = @{ 'System.String' = 'A path, also from the FullName or PSPath property of Get-Item or Get-ChildItem output.' }
    Outputs     = @{ 'ContrastiveRec.Data.RatingSet' = 'One object per path, with UserCount, MovieCount, RatingCount, TrainCount, TestCount, the split and the Format it was read with.' }
    Examples    = @(
        @{
            Title   = 'Read a shop''s ratings with its own column names'
            Code    = @'
'customer,product,stars,date', 'u-1,sku-1,5,2024-03-01', 'u-1,sku-2,3,2024-03-02', 'u-2,sku-1,4,2024-03-01', 'u-2,sku-3,5,2024-03-05' |
    Set-Content ./orders.csv
Import-RatingSet ./orders.csv -TestFraction 0
'@
            Remarks = 'customer, product, stars and date are found from the header; the ids stay u-1, sku-1 and so on.'
        }
        @{
            Title   = 'Name the columns of a tab-separated file'
            Code    = @'
"who`twhat`tscore`n1`t10`t4`n1`t11`t2`n2`t10`t5" | Set-Content ./scores.tsv
Import-RatingSet ./scores.tsv -UserColumn who -ItemColumn what -RatingColumn score -TestFraction 0
'@
            Remarks = 'The separator is found from the header line; names that are not in the lists are given by hand.'
        }
        @{
            Title   = 'Read a click log: no rating column, so every row is an interaction'
            Code    = @'
'user,item,timestamp', 'a,x,1709251200', 'a,x,1709254800', 'a,y,1709258400', 'b,x,1709262000' | Set-Content ./clicks.csv
$clicks = Import-RatingSet ./clicks.csv -TestFraction 0
$clicks.Feedback
$clicks.GetRatings('a')
'@
            Remarks = 'a clicked x twice: one interaction with the count 2 as its value. Every interaction is relevant.'
        }
    )
    Links       = @('Import-MovieLens', 'Split-RatingSet', 'Measure-RatingSet', 'about_ContrastiveRec_Data')
}
