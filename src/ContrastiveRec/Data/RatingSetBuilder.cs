using System.Globalization;

namespace ContrastiveRec.Data;

/// <summary>
/// Builds a <see cref="RatingSet"/> from interactions given one at a time (objects from a pipeline, rows of a query),
/// through the same <see cref="RatingSetAssembler"/> as the file readers. Ids are interned as text codes as they come
/// (whole numbers stay numbers: see <see cref="IdTable.FromTexts"/>), and the columns grow geometrically, so memory
/// grows with the ratings kept and the distinct ids, never with the objects that carried them. Row n (from 1) is the
/// n-th interaction added; errors name it. Not thread-safe; spent by <see cref="Build"/>.
/// </summary>
public sealed class RatingSetBuilder
{
    /// <summary>The <see cref="RatingSet.Source"/> of a set built from objects when none is given.</summary>
    public const string DefaultSource = "pipeline";

    private readonly Interner _users = new();
    private readonly Interner _movies = new();
    private int[] _userCodes = new int[InitialCapacity];
    private int[] _movieCodes = new int[InitialCapacity];
    private float[] _ratings = new float[InitialCapacity];
    private long[] _times = new long[InitialCapacity];
    private bool _built;
    private bool _implicit; // some interaction came without a rating field
    private bool _timeless; // some interaction came without a time field: the set has no timestamps
    private bool _milliseconds; // some time was a whole number only milliseconds can be: the column is milliseconds
    private const int InitialCapacity = 1024;

    public RatingSetBuilder(string source = DefaultSource) => Source = string.IsNullOrEmpty(source) ? DefaultSource : source;

    /// <summary>What the built set names as its source (Measure-RatingSet, a model's Data).</summary>
    public string Source { get; }

    /// <summary>Interactions added so far.</summary>
    public int Count { get; private set; }

    public int UserCount => _users.Count;
    public int MovieCount => _movies.Count;

    /// <summary>Adds one interaction: the user's and the item's ids (a whole number of any numeric type, or text, kept
    /// as given), the rating and the time in Unix seconds.</summary>
    /// <exception cref="ContrastiveRecException">MalformedValue: an id is empty or not a number or text.
    /// (The scale is checked by <see cref="Build"/>.)</exception>
    public void Add(object user, object item, float rating, long time) => Add(user, item, rating, time, Plain);

    /// <summary>Reads a field of the interaction being added: false when it has no such field.</summary>
    public delegate bool FieldReader(string name, out object? value);

    /// <summary>
    /// Adds one interaction read field by field (a row, a PowerShell object): the user, item and rating fields must be
    /// there, and the time field when <paramref name="fields"/> names one. Values are read as <see cref="InteractionFields"/>
    /// reads them (ids of any kind, a number or numeric text as the rating, seconds or dates as the time).
    /// </summary>
    /// <exception cref="ContrastiveRecException">MissingProperty: a field is not there. MalformedValue: an id is empty, or the
    /// rating or time cannot be read. (The scale is checked by <see cref="Build"/>.)</exception>
    public void Add(InteractionFields fields, FieldReader read)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(read);
        var row = Count + 1L;
        var names = new Labels($"user ('{fields.User}')", $"item ('{fields.Item}')", $"rating ('{fields.Rating}')", fields.Timestamp);
        object? Field(string name, string role, string parameter) => read(name, out var value) ? value
            : throw new ContrastiveRecException("MissingProperty", RefusalCategory.InvalidData,
                string.Create(CultureInfo.InvariantCulture, $"Object {row} has no '{name}' property (its {role})."),
                $"Give every object a '{name}' property, or name the {role}'s property with {parameter}.", name);
        var user = Field(fields.User, "user", "-UserProperty");
        var item = Field(fields.Item, "item", "-ItemProperty");
        var rating = 1f; // no rating field: an interaction (implicit feedback)
        if (fields.Rating is null) _implicit = true;
        if (fields.Rating is { } ratingField)
        {
            var given = Field(ratingField, "rating", "-RatingProperty");
            if (!InteractionFields.TryRating(given, out rating))
                throw Malformed(row, names.Rating, $"'{given}' is not a number",
                    $"Give '{ratingField}' a number (such as 4 or 4.5) on every object, name another property with -RatingProperty, or read the objects as interactions with -Implicit.", given);
        }
        long time = 0;
        if (fields.Timestamp is null) _timeless = true;
        else if (fields.Timestamp is { } timeField)
        {
            var at = Field(timeField, "time", "-TimestampProperty");
            if (!InteractionFields.TryTimestamp(at, out time, out var milliseconds))
                throw Malformed(row, $"time ('{timeField}')", $"'{at}' is not Unix seconds, milliseconds or an ISO 8601 date within years 1 to 9999",
                    $"Give '{timeField}' Unix seconds (1709251200) or an ISO 8601 date (2024-03-01, 2024-03-01T12:00:00Z), or name another property with -TimestampProperty.", at);
            _milliseconds |= milliseconds;
        }
        Add(user!, item!, rating, time, names);
    }

    private sealed record Labels(string User, string Item, string Rating, string? Timestamp);

    private static readonly Labels Plain = new("user", "item", "rating", null);

    private void Add(object user, object item, float rating, long time, Labels labels)
    {
        if (_built) throw new InvalidOperationException("The set has been built; start a new builder for more ratings.");
        var row = Count + 1L;
        var u = _users.Code(user, row, labels.User);
        var m = _movies.Code(item, row, labels.Item);
        // The scale is checked when the set is built (the assembler, as for files): the options come with Build.
        if (!float.IsFinite(rating))
            throw Malformed(row, labels.Rating, $"'{rating}' is not a number", "Give each object a numeric rating.", rating);
        if (Count == _userCodes.Length) Grow();
        _userCodes[Count] = u;
        _movieCodes[Count] = m;
        _ratings[Count] = rating;
        _times[Count] = time;
        Count++;
    }

    /// <summary>The set of the interactions added, split per user. The builder is spent.</summary>
    /// <exception cref="ContrastiveRecException">EmptyRatingSet: nothing was added. DuplicateRating: a user rated an item twice.</exception>
    public RatingSet Build(RatingSetBuildOptions? options = null, CancellationToken ct = default)
    {
        if (_built) throw new InvalidOperationException("The set has already been built.");
        options ??= new RatingSetBuildOptions();
        if (Count == 0)
            throw new ContrastiveRecException("EmptyRatingSet", RefusalCategory.InvalidData, "No interactions came in: there is nothing to build a rating set from.",
                "Pipe objects with a user, an item and a rating (Import-Csv ... | ConvertTo-RatingSet).", Source);
        ct.ThrowIfCancellationRequested();
        _built = true;
        if (_milliseconds)
            for (var r = 0; r < Count; r++) _times[r] = Math.DivRem(_times[r], 1000L) is var (q, rest) && rest < 0 ? q - 1 : q;
        var columns = new RatingColumns(_userCodes, _movieCodes, _ratings, _times, Count, firstLine: 1)
        {
            UserTexts = _users.Texts(),
            MovieTexts = _movies.Texts(),
            HasTimes = !_timeless,
        };
        (_userCodes, _movieCodes, _ratings, _times) = ([], [], [], []);
        columns.Trim();
        var set = RatingSetAssembler.Assemble(Source, MovieLensLayout.Objects, Source, columns, new MovieCatalogue(), tagCount: 0,
            _implicit ? options.Feedback with { IsImplicit = true } : options.Feedback);
        ct.ThrowIfCancellationRequested();
        return set.WithSplit(options.SplitMethod, options.TestFraction, options.Seed);
    }

    private void Grow()
    {
        // Half again as large each time: amortised O(1) per row, at most a third of each column unused.
        var size = (int)Math.Min(Array.MaxLength, _userCodes.Length + (long)_userCodes.Length / 2);
        if (size == _userCodes.Length) throw new InvalidOperationException("A rating set holds at most Array.MaxLength ratings.");
        Array.Resize(ref _userCodes, size);
        Array.Resize(ref _movieCodes, size);
        Array.Resize(ref _ratings, size);
        Array.Resize(ref _times, size);
    }

    internal static ContrastiveRecException Malformed(long row, string role, string problem, string remedy, object? target) =>
        new("MalformedValue", RefusalCategory.InvalidData, string.Create(CultureInfo.InvariantCulture, $"Object {row}: the {role} {problem}."), remedy, target);

    /// <summary>Codes of ids in order of first appearance. An int (or the canonical text of one) is looked up by value,
    /// anything else by its text, so 31 and "31" are one id and no id is formatted twice.</summary>
    private sealed class Interner
    {
        private readonly Dictionary<int, int> _numbers = new();
        private readonly Dictionary<string, int> _texts = new(StringComparer.Ordinal);
        private readonly List<string> _order = new();

        public int Count => _order.Count;

        public int Code(object id, long row, string role)
        {
            if (id is int n) return CodeOf(n, null);
            var text = InteractionFields.IdText(id)
                ?? throw Malformed(row, role, id is null or DBNull || id is string ? "is empty" : $"'{id}' ({id.GetType().Name}) is not an id",
                    $"Give every object its {role} id, as a number or as text.", id);
            if (IdTable.TryCanonicalInt(text, out var value)) return CodeOf(value, text);
            if (_texts.TryGetValue(text, out var code)) return code;
            _texts[text] = code = _order.Count;
            _order.Add(text);
            return code;
        }

        private int CodeOf(int value, string? text)
        {
            if (_numbers.TryGetValue(value, out var code)) return code;
            _numbers[value] = code = _order.Count;
            _order.Add(text ?? value.ToString(CultureInfo.InvariantCulture));
            return code;
        }

        public string[] Texts() => _order.ToArray();
    }
}

/// <summary>How <see cref="RatingSetBuilder.Build"/> makes the set: the train/test split (as Import-MovieLens splits).</summary>
public sealed record RatingSetBuildOptions
{
    public double TestFraction { get; init; } = SplitDefaults.TestFraction;
    public int Seed { get; init; } = SplitDefaults.Seed;
    public SplitMethod SplitMethod { get; init; } = SplitDefaults.Method;

    /// <summary>What the ratings mean (scale, relevance threshold, implicit, duplicates); interactions added without a
    /// rating field are implicit whatever this says.</summary>
    public FeedbackOptions Feedback { get; init; } = new();
}
