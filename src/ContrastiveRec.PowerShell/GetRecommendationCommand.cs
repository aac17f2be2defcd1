using System.Globalization;
using System.Management.Automation;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.PowerShell;

/// <summary>Recommends movies to users with a trained encoder (nearest users' liked movies) or a baseline; or, with
/// -Ratings, to someone not in the training data, from their ratings alone (no retraining).</summary>
[Cmdlet(VerbsCommon.Get, "Recommendation", DefaultParameterSetName = UsersSet)]
[OutputType(typeof(MovieRecommendation))]
public sealed class GetRecommendationCommand : ContrastiveRecCmdlet
{
    private const string UsersSet = "Users", NewcomerSet = "Newcomer";

    private readonly List<object> _pending = new();
    private IRecommender? _pendingModel;
    private bool _all;

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [RecommenderTransformation]
    public IRecommender Model { get; set; } = null!;

    /// <summary>Users by their own ids (numbers or text: IConvertible, which every id is and no model is); with -Ratings,
    /// one id that labels the newcomer's recommendations (default 0). Plain ids bind from the pipeline
    /// (1,2 | Get-Recommendation -Model $m) as well as UserId properties; a piped model still binds to -Model, since a
    /// model never converts to an id.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = UsersSet)]
    [Parameter(ParameterSetName = NewcomerSet)]
    [Alias("UserId")]
    [ArgumentCompleter(typeof(UserIdCompleter))]
    [ValidateNotNullOrEmpty]
    public IConvertible[]? User { get; set; }

    [Parameter]
    [ValidateRange(1, 100_000)]
    [CoreDefault(typeof(RecommenderExtensions), nameof(RecommenderExtensions.DefaultTop))]
    public int? Top { get; set; }

    [Parameter(ParameterSetName = UsersSet)]
    [ValidateRange(1, 100_000)]
    [CoreDefault(typeof(RecommendationScope), nameof(RecommendationScope.Neighbors))]
    public int? Neighbors { get; set; }

    /// <summary>Movies never to recommend, by their own ids (numbers or text).</summary>
    [Parameter]
    [IdTransformation]
    [ArgumentCompleter(typeof(MovieIdCompleter))]
    public object[]? Exclude { get; set; }

    /// <summary>Movies that may be recommended: their ids, or a scriptblock that is true for them ($_ is each movie of the
    /// catalogue: MovieId, Title, Year, Genres), run here once per movie so that the core gets a plain id set.</summary>
    [Parameter]
    [CandidatesTransformation]
    [ArgumentCompleter(typeof(MovieIdCompleter))]
    public object? Candidates { get; set; }

    /// <summary>A newcomer's ratings: objects with MovieId and Rating (or Value) properties, or hashtables with those keys.</summary>
    [Parameter(Mandatory = true, ParameterSetName = NewcomerSet)]
    [ValidateNotNullOrEmpty]
    public object[] Ratings { get; set; } = null!;

    protected override void ProcessRecord()
    {
        Model = Usable(Model);
        if (ParameterSetName == NewcomerSet)
        {
            RecommendToNewcomer();
            return;
        }
        // Ids arriving record by record are batched per model, so all of them share one similarity product.
        if (!ReferenceEquals(_pendingModel, Model)) Flush();
        _pendingModel = Model;
        if (User is null)
        {
            _all = true;
            return;
        }
        // Each id is kept as the set names it (1, not "1"), so the recommendations carry the data's own ids.
        foreach (var id in User)
            if (TryRun(() => Model.RatingSet.GetUserIndex(id), out var u, "UnknownUser")) _pending.Add(Model.RatingSet.UserIds[u]);
    }

    protected override void EndProcessing() => Flush();

    private void Flush()
    {
        if (_pendingModel is not { } model) return;
        var ids = _all ? model.RatingSet.UserIds.ToList() : _pending.Distinct().ToList();
        _pending.Clear();
        _all = false;
        _pendingModel = null;
        if (ids.Count == 0) return;
        var scope = Restricted(model.DefaultScope with { Neighbors = Neighbors ?? RecommendationScope.Full.Neighbors }, model.RatingSet);
        var recommendations = Run(() => model.RecommendFor(ids, TopOrDefault, scope, Cancellation).ToList());
        WriteObject(recommendations, enumerateCollection: true);
    }

    private void RecommendToNewcomer()
    {
        if (User is { Length: > 1 })
        {
            WriteError(Refusal("OneNewcomerLabel", RefusalCategory.InvalidArgument, "With -Ratings, -UserId is one id that labels the newcomer's recommendations.",
                "Give -UserId one id, or leave it out (the label is then 0).", User));
            return;
        }
        if (!TryRun(() => NewcomerRecommender.For(Model), out var newcomer, "CannotFoldInNewcomers")) return;
        var pairs = new List<(object, float)>(Ratings.Length);
        for (var i = 0; i < Ratings.Length; i++)
        {
            if (ReadRating(Ratings[i], out var pair) is { } problem)
                ThrowTerminatingError(Refusal("UnreadableRating", RefusalCategory.InvalidArgument, $"-Ratings item {i + 1}, {Shown(Ratings[i])}: {problem}.",
                    "-Ratings takes objects with MovieId (or ItemId) and Rating properties, e.g. @{MovieId=1; Rating=4.5} or @{ItemId='sku-9'; Rating=4}.", Ratings[i]));
            pairs.Add(pair);
        }
        // A newcomer none of whose movies the model knows is refused (NoKnownMovies, naming them); some unknown ones are a warning.
        object[] unknown = [];
        var scope = Restricted(RecommendationScope.For(newcomer.Catalogue), newcomer.Catalogue);
        if (!TryRun(() => newcomer.RecommendFor(pairs, TopOrDefault, out unknown, User?[0], Cancellation, scope), out var recommendations, "NoKnownMovies")) return;
        if (unknown.Length > 0) WarnUnknown(unknown, newcomer.Catalogue);
        WriteObject(recommendations, enumerateCollection: true);
    }

    private int TopOrDefault => Top ?? RecommenderExtensions.DefaultTop;

    private void WarnUnknown(object[] movieIds, Data.RatingSet catalogue, string? parameter = null) =>
        WriteWarning($"Skipped {movieIds.Length} movie id(s){(parameter is null ? "" : $" of {parameter}")} not in the model's catalogue of {catalogue.MovieCount:N0} movies: {string.Join(", ", movieIds.Take(20))}{(movieIds.Length > 20 ? ", ..." : "")}.");

    // -Candidates' scriptblock, run over a catalogue once: the ids it kept.
    private (Data.RatingSet Catalogue, object[] Ids)? _filtered;

    /// <summary><paramref name="scope"/> narrowed by -Candidates and -Exclude (the core's one mechanism, which keeps what the
    /// scope already leaves out); unknown ids are skipped with a warning.</summary>
    private RecommendationScope Restricted(RecommendationScope scope, Data.RatingSet catalogue)
    {
        if (Candidates is null && Exclude is null) return scope;
        var only = Candidates switch
        {
            null => null,
            ScriptBlock filter => Filtered(filter, catalogue),
            object[] ids => ids,
            var id => new[] { id },
        };
        var restricted = scope.Restricted(catalogue, only, Exclude, out var unknown);
        var ofCandidates = unknown.Where(id => only?.Contains(id) == true).ToArray();
        if (ofCandidates.Length > 0) WarnUnknown(ofCandidates, catalogue, "-Candidates");
        if (unknown.Length > ofCandidates.Length) WarnUnknown(unknown.Except(ofCandidates).ToArray(), catalogue, "-Exclude");
        if (restricted.CandidateMovies is { } c && !c.Contains(true))
            WriteWarning($"No movie of the model's {catalogue.MovieCount:N0} is left to recommend: -Candidates and -Exclude leave out every one.");
        return restricted;
    }

    private object[] Filtered(ScriptBlock filter, Data.RatingSet catalogue)
    {
        if (_filtered is { } done && ReferenceEquals(done.Catalogue, catalogue)) return done.Ids;
        var kept = new List<object>();
        for (var m = 0; m < catalogue.MovieCount; m++)
        {
            if ((m & 1023) == 0 && Cancellation.IsCancellationRequested) throw new PipelineStoppedException();
            var movie = catalogue.GetMovieAt(m);
            if (LanguagePrimitives.IsTrue(filter.InvokeWithContext(null, [new PSVariable("_", movie)], movie))) kept.Add(movie.MovieId);
        }
        _filtered = (catalogue, kept.ToArray());
        return _filtered.Value.Ids;
    }

    /// <summary>Reads (movie id, rating) from a Rating, a hashtable, or any object with MovieId (or ItemId) and Rating/Value
    /// properties; the id is kept as given (a number or text), the catalogue's lookup takes either. Null when read, else
    /// what is wrong, naming the property and its value.</summary>
    private static string? ReadRating(object? item, out (object MovieId, float Rating) pair)
    {
        pair = default;
        var value = item is PSObject ps ? ps.BaseObject : item;
        object? movie, rating;
        switch (value)
        {
            case null:
                return "it is empty ($null)";
            case Data.Rating r:
                pair = (r.MovieId, r.Value);
                return null;
            case System.Collections.IDictionary map:
                movie = Lookup(map, "MovieId") ?? Lookup(map, "ItemId");
                rating = Lookup(map, "Rating") ?? Lookup(map, "Value");
                break;
            default:
                var o = PSObject.AsPSObject(item);
                movie = (o.Properties["MovieId"] ?? o.Properties["ItemId"])?.Value;
                rating = (o.Properties["Rating"] ?? o.Properties["Value"])?.Value;
                break;
        }
        movie = IdTransformationAttribute.Unwrap(movie);
        rating = IdTransformationAttribute.Unwrap(rating);
        if (movie is null) return "it has no MovieId (or ItemId)";
        if (rating is null) return "it has no Rating (or Value)";
        if (movie is not (string or int or long or short or byte or sbyte or ushort or uint or ulong or double or float or decimal))
            return $"its MovieId is a {movie.GetType().Name}, not an id (a number or text)";
        float number;
        try
        {
            number = LanguagePrimitives.ConvertTo<float>(rating);
        }
        catch (PSInvalidCastException)
        {
            return $"its Rating {Quoted(rating)} is not a number";
        }
        if (!float.IsFinite(number)) return $"its Rating {Quoted(rating)} is not a finite number";
        pair = (movie, number);
        return null;
    }

    private static string Quoted(object value) => value is string s ? $"'{VisibleText.Of(s)}'" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    /// <summary>The item as a user wrote it: @{MovieId=1; Rating=abc} for a hashtable (whose ToString is its type name).</summary>
    private static string Shown(object? item)
    {
        var value = item is PSObject ps ? ps.BaseObject : item;
        if (value is System.Collections.IDictionary map)
        {
            var entries = new List<string>();
            foreach (System.Collections.DictionaryEntry e in map)
                entries.Add($"{e.Key}={(e.Value is null ? "$null" : Convert.ToString(IdTransformationAttribute.Unwrap(e.Value), CultureInfo.InvariantCulture))}");
            return VisibleText.Of("@{" + string.Join("; ", entries) + "}");
        }
        var text = value is null ? "$null" : PSObject.AsPSObject(item).ToString();
        return VisibleText.Of(text.Length > 80 ? text[..80] + "…" : text);
    }

    private static object? Lookup(System.Collections.IDictionary map, string key)
    {
        foreach (System.Collections.DictionaryEntry e in map)
            if (string.Equals(e.Key?.ToString(), key, StringComparison.OrdinalIgnoreCase)) return e.Value;
        return null;
    }
}
