using System.Collections;
using System.Globalization;

namespace ContrastiveRec.Experiments;

/// <summary>
/// The settings a <see cref="ParameterSearch"/> tries, by parameter name: a list of values (a single value is a list of
/// one), or, for the Random method, a range given as a dictionary with Min and Max (and Log, true or false, to override
/// the parameter's own scale). Parameters are taken in name order, so that a space reads the same however a hashtable
/// orders its keys.
/// </summary>
public sealed class SearchSpace
{
    private readonly Dimension[] _dimensions;

    private SearchSpace(Dimension[] dimensions) => _dimensions = dimensions;

    internal sealed record Dimension(SearchParameter Parameter, object[]? Values, double Min, double Max, bool Log);

    /// <summary>The parameters searched, in name order.</summary>
    public IReadOnlyList<SearchParameter> Parameters => _dimensions.Select(d => d.Parameter).ToArray();

    /// <summary>Combinations of the grid (null when a dimension is a range).</summary>
    public long? GridSize => _dimensions.Any(d => d.Values is null) ? null
        : _dimensions.Aggregate(1L, (n, d) => (long)Math.Min(long.MaxValue / 2.0, (double)n * d.Values!.Length));

    /// <summary>Reads a space for <paramref name="model"/>: each name must be a parameter it has, each value of that
    /// parameter's kind, and <paramref name="method"/> Random to take a range.</summary>
    /// <exception cref="ContrastiveRecException">EmptySearchSpace, UnknownSearchParameter, InvalidSearchValue.</exception>
    public static SearchSpace Parse(IEnumerable<KeyValuePair<string, object?>> entries, SearchModel model, SearchMethod method)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(model);
        var known = model.Parameters;
        var dimensions = new List<Dimension>();
        foreach (var (name, value) in entries.OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase))
        {
            var parameter = known.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ContrastiveRecException("UnknownSearchParameter", RefusalCategory.InvalidArgument,
                    known.Count == 0
                        ? $"{model} has no setting to search, and the space names '{name}'."
                        : $"{model} has no setting named '{name}'.",
                    known.Count == 0
                        ? "Search a model that has settings (EASE, ItemKnn, UserKnn or an encoder's training)."
                        : $"Name only {string.Join(", ", known.Select(p => p.Name))} in -Space.", name);
            if (dimensions.Any(d => d.Parameter == parameter)) throw Invalid(parameter, $"-Space names {parameter.Name} twice.", "Name each setting once.", name);
            dimensions.Add(value is IDictionary range ? Range(parameter, range, method) : List(parameter, value));
        }
        if (dimensions.Count == 0)
            throw new ContrastiveRecException("EmptySearchSpace", RefusalCategory.InvalidArgument, "The search space names no setting to try.",
                $"Give -Space a hashtable of setting names and values, such as @{{ {Example(known)} }}.", null);
        return new SearchSpace(dimensions.ToArray());
    }

    private static string Example(IReadOnlyList<SearchParameter> known) =>
        known.Count == 0 ? "Lambda = 100, 200, 400" : $"{known[0].Name} = {(known[0].IsFlag ? "$true, $false" : known[0].IsWhole ? "10, 20, 40" : "0.01, 0.1")}";

    private static Dimension List(SearchParameter parameter, object? value)
    {
        var raw = value is IEnumerable many and not string ? many.Cast<object?>().ToArray() : [value];
        if (raw.Length == 0)
            throw new ContrastiveRecException("EmptySearchSpace", RefusalCategory.InvalidArgument, $"The search space gives {parameter.Name} no value to try.",
                $"Give {parameter.Name} one value or more in -Space.", parameter.Name);
        var values = raw.Select(v => parameter.Convert(v) ?? throw Invalid(parameter,
            $"{parameter.Name} takes {parameter.Takes}; -Space gives it {Show(v)}.", $"Give {parameter.Name} {parameter.Takes} in -Space.", v)).ToList();
        return new Dimension(parameter, values.Distinct().ToArray(), 0, 0, false);
    }

    private static Dimension Range(SearchParameter parameter, IDictionary range, SearchMethod method)
    {
        var remedy = $"Give {parameter.Name} in -Space a list of values, or (with -Method Random) a range such as @{{ Min = 1; Max = 100 }}.";
        if (method != SearchMethod.Random)
            throw Invalid(parameter, $"A grid tries listed values; -Space gives {parameter.Name} a range.", remedy, parameter.Name);
        object? Entry(string key) => range.Keys.Cast<object>().FirstOrDefault(k => string.Equals(k?.ToString(), key, StringComparison.OrdinalIgnoreCase)) is { } k ? range[k] : null;
        if (parameter.IsFlag || range.Keys.Cast<object>().Any(k => !RangeKeys.Contains(k?.ToString(), StringComparer.OrdinalIgnoreCase)))
            throw Invalid(parameter, $"A range of {parameter.Name} takes only Min, Max and Log.", remedy, parameter.Name);
        var min = parameter.Convert(Entry("Min"));
        var max = parameter.Convert(Entry("Max"));
        if (min is null || max is null || Convert.ToDouble(min, CultureInfo.InvariantCulture) > Convert.ToDouble(max, CultureInfo.InvariantCulture))
            throw Invalid(parameter, $"A range of {parameter.Name} needs Min and Max, each {parameter.Takes}, with Min not above Max.", remedy, parameter.Name);
        var log = Entry("Log") switch
        {
            null => parameter.LogScale,
            bool b => b,
            var other => throw Invalid(parameter, $"Log in the range of {parameter.Name} takes $true or $false, not {Show(other)}.", remedy, other),
        };
        double lo = Convert.ToDouble(min, CultureInfo.InvariantCulture), hi = Convert.ToDouble(max, CultureInfo.InvariantCulture);
        return new Dimension(parameter, null, lo, hi, log && lo > 0);
    }

    private static readonly string[] RangeKeys = ["Min", "Max", "Log"];

    private static string Show(object? value) => value switch
    {
        null => "$null",
        string s => $"'{s}'",
        IFormattable f => $"{f.ToString(null, CultureInfo.InvariantCulture)} ({value.GetType().Name})",
        _ => value.GetType().Name,
    };

    private static ContrastiveRecException Invalid(SearchParameter parameter, string problem, string remedy, object? value) =>
        new("InvalidSearchValue", RefusalCategory.InvalidArgument, problem, remedy, value ?? parameter.Name);

    /// <summary>The settings to try, in the order tried: the grid's combinations (first parameter slowest), at most
    /// <paramref name="trials"/> of them; or <paramref name="trials"/> distinct draws from <paramref name="seed"/>
    /// (fewer when the space has fewer).</summary>
    internal IReadOnlyList<IReadOnlyDictionary<string, object>> Candidates(SearchMethod method, int? trials, int seed)
    {
        var result = new List<IReadOnlyDictionary<string, object>>();
        if (method == SearchMethod.Grid)
        {
            var limit = trials ?? int.MaxValue;
            var index = new int[_dimensions.Length];
            while (result.Count < limit)
            {
                result.Add(Setting(d => _dimensions[d].Values![index[d]]));
                var d = _dimensions.Length - 1;
                while (d >= 0 && ++index[d] == _dimensions[d].Values!.Length) index[d--] = 0;
                if (d < 0) break;
            }
            return result;
        }
        var wanted = trials ?? ParameterSearch.DefaultRandomTrials;
        var random = new Random(seed);
        var seen = new HashSet<string>();
        // A small finite space runs out of new draws: stop after many repeats rather than loop for ever.
        for (var attempts = 0; result.Count < wanted && attempts < 50 * wanted; attempts++)
        {
            var draw = Setting(d => Draw(_dimensions[d], random));
            if (seen.Add(Describe(draw))) result.Add(draw);
        }
        return result;
    }

    private IReadOnlyDictionary<string, object> Setting(Func<int, object> value)
    {
        var setting = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        for (var d = 0; d < _dimensions.Length; d++) setting[_dimensions[d].Parameter.Name] = value(d);
        return setting;
    }

    private static object Draw(Dimension d, Random random)
    {
        if (d.Values is { } values) return values[random.Next(values.Length)];
        var u = random.NextDouble();
        var x = d.Log ? Math.Exp(Math.Log(d.Min) + u * (Math.Log(d.Max) - Math.Log(d.Min))) : d.Min + u * (d.Max - d.Min);
        // Whole numbers: each value of [Min, Max] about equally likely (on the scale), rounded.
        // Numbers: three significant figures, which a user can type again.
        return d.Parameter.IsWhole ? (int)Math.Clamp(Math.Round(x), d.Min, d.Max) : Math.Clamp(double.Parse(x.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), d.Min, d.Max);
    }

    /// <summary>"Lambda = 400, MinMovieRatings = 1": a setting in name order, invariant.</summary>
    internal static string Describe(IReadOnlyDictionary<string, object> setting) =>
        string.Join(", ", setting.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => FormattableString.Invariant($"{p.Key} = {Text(p.Value)}")));

    internal static string Text(object value) => value switch
    {
        bool b => b ? "$true" : "$false",
        double x => x.ToString("G4", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public override string ToString() => string.Join("; ", _dimensions.Select(d => d.Values is { } v
        ? $"{d.Parameter.Name} = {string.Join(", ", v.Select(Text))}"
        : $"{d.Parameter.Name} from {Text(d.Min)} to {Text(d.Max)}{(d.Log ? " (log)" : "")}"));
}
