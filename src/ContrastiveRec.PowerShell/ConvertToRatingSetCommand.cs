using System.Collections;
using System.Globalization;
using System.Management.Automation;
using ContrastiveRec.Data;

namespace ContrastiveRec.PowerShell;

/// <summary>
/// Makes a RatingSet of interactions piped in as objects (Import-Csv, Import-Excel, Invoke-Sqlcmd, ConvertFrom-Json,
/// hashtables): each object's user, item, rating and time are read as it arrives and kept in the core's columns, so a
/// million objects never wait in an array. The set is built and split once the last object is in.
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "RatingSet", DefaultParameterSetName = "ItemFile")]
[OutputType(typeof(RatingSet))]
public sealed class ConvertToRatingSetCommand : InteractionReaderCmdlet
{
    /// <summary>Objects between two progress reports (a report also waits 250 ms since the last).</summary>
    private const int ProgressEvery = 4096;

    private RatingSetBuilder? _builder;
    private InteractionFields? _fields;
    private PSObject? _current;
    private long _objects;
    private ProgressRecord? _progress;

    /// <summary>One interaction: an object with user, item and rating properties (and a time), or a hashtable with those keys.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    /// <summary>The property holding the user's id; found among the first object's names when not given.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? UserProperty { get; set; }

    /// <summary>The property holding the item's (movie's) id; found among the first object's names when not given.</summary>
    [Parameter]
    [Alias("MovieProperty")]
    [ValidateNotNullOrEmpty]
    public string? ItemProperty { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RatingProperty { get; set; }

    /// <summary>The property holding the time (Unix seconds or milliseconds, a date, or ISO 8601 text); none when not given and not found.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TimestampProperty { get; set; }

    /// <summary>A file naming the items (id, title, categories), as Import-RatingSet -ItemPath reads it.</summary>
    [Parameter(ParameterSetName = "ItemFile")]
    [Alias("MoviePath")]
    [ValidateNotNullOrEmpty]
    public string? ItemPath { get; set; }

    /// <summary>Objects naming the items: an id, a title and categories (text separated by '|' or ';', or a list).</summary>
    [Parameter(ParameterSetName = "ItemObjects")]
    [ValidateNotNull]
    public PSObject[]? ItemTable { get; set; }

    private FeedbackOptions? _feedback;

    protected override void BeginProcessing()
    {
        _feedback = Feedback();
        _builder = new RatingSetBuilder();
    }

    protected override void ProcessRecord()
    {
        _objects++;
        if (InputObject?.BaseObject is null)
            ThrowTerminatingError(Refusal("MalformedValue", RefusalCategory.InvalidData, $"Object {_objects} is null: it holds no interaction.",
                "Pipe objects with a user, an item and a rating; leave out empty ones (Where-Object { $_ }).", _objects));
        _current = InputObject;
        if (_fields is null)
        {
            _fields = Run(() => InteractionFields.Find(NamesOf(InputObject), UserProperty, ItemProperty, RatingProperty, TimestampProperty, Implicit));
            WriteVerbose($"Reading the user from '{_fields.User}', the item from '{_fields.Item}', " +
                (_fields.Rating is { } r ? $"the rating from '{r}'" : "no rating (implicit feedback: each object an interaction)") +
                (_fields.Timestamp is { } t ? $" and the time from '{t}'." : " (no time: the set has no timestamps)."));
        }
        Run(() => _builder!.Add(_fields, Read));
        if (_objects % ProgressEvery == 0) ShowProgress();
    }

    protected override void EndProcessing()
    {
        var defaults = new RatingSetBuildOptions();
        var options = defaults with
        {
            TestFraction = TestFraction ?? defaults.TestFraction,
            Seed = Seed ?? defaults.Seed,
            SplitMethod = SplitMethod ?? defaults.SplitMethod,
            Feedback = _feedback!,
        };
        if (_objects > 0) ShowProgress("Building the set");
        // No objects at all: the core refuses (EmptyRatingSet).
        var set = Run(() => _builder!.Build(options, Cancellation));
        var items = ItemPath is not null ? Run(() => Data.ItemTable.Read(ResolvePath(ItemPath), ct: Cancellation), ItemPath)
            : ItemTable is not null ? Run(() => Data.ItemTable.FromRows(ItemRows(ItemTable)))
            : null;
        if (items is not null)
            set = items.ApplyTo(set, unrated => WriteWarning($"{unrated:N0} item(s) of the item table were rated by no one: they are left out, since no model can rank them."));
        if (_progress is not null) CompleteProgress(_progress);
        WriteObject(set);
    }

    private void ShowProgress(string? stage = null)
    {
        _progress ??= new ProgressRecord(1, "ConvertTo-RatingSet", "Reading objects");
        // The count of objects to come is not known: no percentage, no time left.
        _progress.StatusDescription = string.Create(CultureInfo.InvariantCulture,
            $"{_objects:N0} objects read: {_builder!.UserCount:N0} users, {_builder.MovieCount:N0} items");
        if (stage is not null) _progress.CurrentOperation = stage;
        TryWriteProgress(_progress, now: stage is not null);
    }

    /// <summary>Each item object's id, title and categories, by the names the core looks for (the first object's names).</summary>
    private static IEnumerable<(object? Id, string? Title, string? Categories)> ItemRows(PSObject[] items)
    {
        string? id = null, title = null, categories = null;
        var first = true;
        foreach (var item in items)
        {
            if (item?.BaseObject is null) continue;
            if (first)
            {
                var names = NamesOf(item);
                string? Find(IReadOnlyList<string> candidates) => InteractionFields.IndexOf(names, candidates) is var i and >= 0 ? names[i] : null;
                (id, title, categories) = (Find(InteractionFields.ItemNames), Find(Data.ItemTable.TitleNames), Find(Data.ItemTable.CategoryNames));
                first = false;
            }
            object? Get(string? name) => name is null ? null : IdTransformationAttribute.Unwrap(item.BaseObject is IDictionary map ? map[name] : item.Properties[name]?.Value);
            var listed = Get(categories);
            var text = listed is string or null ? (string?)listed
                : listed is IEnumerable many ? string.Join('|', many.Cast<object?>().Select(c => Convert.ToString(IdTransformationAttribute.Unwrap(c), CultureInfo.InvariantCulture)))
                : Convert.ToString(listed, CultureInfo.InvariantCulture);
            yield return (InteractionFields.IdText(Get(id)), Convert.ToString(Get(title), CultureInfo.InvariantCulture), text);
        }
    }

    /// <summary>The first object's property names (a hashtable's keys): where the default names are looked for.</summary>
    private static string[] NamesOf(PSObject o) => o.BaseObject is IDictionary map
        ? map.Keys.Cast<object?>().Select(k => Convert.ToString(k, CultureInfo.InvariantCulture) ?? "").ToArray()
        : o.Properties.Select(p => p.Name).ToArray();

    /// <summary>A field of the current object, unwrapped: a property (any case), or a hashtable's key (any case).</summary>
    private bool Read(string name, out object? value)
    {
        value = null;
        if (_current!.BaseObject is IDictionary map)
        {
            if (map.Contains(name)) value = map[name];
            else
            {
                var key = map.Keys.Cast<object?>().FirstOrDefault(k => string.Equals(Convert.ToString(k, CultureInfo.InvariantCulture), name, StringComparison.OrdinalIgnoreCase));
                if (key is null) return false;
                value = map[key];
            }
        }
        else
        {
            var property = _current.Properties[name];
            if (property is null) return false;
            value = property.Value;
        }
        value = IdTransformationAttribute.Unwrap(value);
        return true;
    }
}
