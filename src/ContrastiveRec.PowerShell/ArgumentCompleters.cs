using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;
using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

// Tab completion for parameters PowerShell cannot complete from their type: without these, -Strategy (a PairStrategy),
// -Preset and -User (numbers) fall back to file names. Enum parameters need none and take none: PowerShell completes
// an enum (or a ValidateSet) itself, before it looks for an ArgumentCompleter.

/// <summary>-Strategy and -Preset: the study's presets 1-4, each listed with the settings it stands for; -Strategy also
/// Sampled, the strategy for implicit data.</summary>
public sealed class PairStrategyPresetCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = Completion.Unquote(wordToComplete);
        for (var n = 1; n <= 4; n++)
        {
            var text = n.ToString(CultureInfo.InvariantCulture);
            if (!text.StartsWith(typed, StringComparison.Ordinal)) continue;
            var preset = PairStrategy.FromPreset(n);
            yield return new CompletionResult(text, $"{n}: {preset.Summary()}", CompletionResultType.ParameterValue, preset.ToString());
        }
        // -Strategy also takes the strategy for implicit data by name (-Preset numbers the study's only).
        if (parameterName == "Strategy" && "Sampled".StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            yield return new CompletionResult("Sampled", "Sampled: for implicit data, negatives drawn among users who never used the item",
                CompletionResultType.ParameterValue, PairStrategy.SampledNegatives.ToString());
    }
}

/// <summary>-User: the ids of the users of the model or rating set on the command line (-Model, -InputObject) or piped
/// in from a variable ($m | Get-Recommendation -User ...), those starting with what was typed (text ids regardless of
/// case), in the set's order (numbers ascending, text in natural order), at most <see cref="MaxResults"/>; a text id
/// that PowerShell would not read back as that text unquoted is offered in single quotes. Nothing is run to find the
/// model: only variables are read.</summary>
public sealed class UserIdCompleter : IArgumentCompleter
{
    /// <summary>More ids than fit a screen help nobody; typing a character or two narrows them.</summary>
    public const int MaxResults = 50;

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = Completion.Unquote(wordToComplete);
        // With -Ratings, -User only labels a newcomer, who is not among the model's users.
        if (fakeBoundParameters.Contains("Ratings")) return [];
        if (UsersOf(Completion.ModelOf(fakeBoundParameters, commandAst)) is not var (ids, ratings, name)) return [];
        return ids.Select(id => (Id: id, Text: Convert.ToString(id, CultureInfo.InvariantCulture) ?? ""))
            .Where(x => Completion.Starts(x.Text, x.Id, typed))
            .Take(MaxResults)
            .Select(x =>
            {
                var tip = ratings is null ? $"User {x.Text} of {name}" : $"User {x.Text} of {name}: {ratings.GetRatings(x.Id).Count} ratings";
                return new CompletionResult(Completion.Argument(x.Text, x.Id), x.Text, CompletionResultType.ParameterValue, tip);
            })
            .ToList();
    }

    private static (IReadOnlyList<object>, RatingSet?, string)? UsersOf(object? value) =>
        value switch
        {
            TrainedEncoder m => (m.GetUserIds(), m.RatingSet, "the model"),
            IRecommender r => (r.RatingSet.UserIds, r.RatingSet, r.Name),
            RatingSet s => (s.UserIds, s, "the rating set"),
            _ => null,
        };
}

/// <summary>-Movie, -Exclude, -Candidates: the ids of the movies of the model or rating set found as for -User, those whose
/// id starts with what was typed, then those whose title holds it (Toy&lt;Tab&gt; offers 1, Toy Story), each listed with its
/// title, at most <see cref="UserIdCompleter.MaxResults"/>.</summary>
public sealed class MovieIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = Completion.Unquote(wordToComplete);
        if (MoviesOf(Completion.ModelOf(fakeBoundParameters, commandAst)) is not var (set, name)) return [];
        var movies = Enumerable.Range(0, set.MovieCount)
            .Select(m => (Id: set.MovieIds[m], Text: Convert.ToString(set.MovieIds[m], CultureInfo.InvariantCulture) ?? "", Movie: m))
            .ToList();
        var byId = movies.Where(x => Completion.Starts(x.Text, x.Id, typed));
        var byTitle = typed.Length == 0 ? [] : movies.Where(x => !Completion.Starts(x.Text, x.Id, typed)
            && set.GetMovieAt(x.Movie).Title.Contains(typed, StringComparison.OrdinalIgnoreCase));
        return byId.Concat(byTitle)
            .Take(UserIdCompleter.MaxResults)
            .Select(x =>
            {
                var movie = set.GetMovieAt(x.Movie);
                return new CompletionResult(Completion.Argument(x.Text, x.Id), $"{x.Text} {movie.Title}", CompletionResultType.ParameterValue,
                    $"Movie {x.Text} of {name}: {movie.Title} ({string.Join('|', movie.Genres)})");
            })
            .ToList();
    }

    private static (RatingSet, string)? MoviesOf(object? value) =>
        value switch
        {
            TrainedEncoder { RatingSet: { } set } => (set, "the model"),
            IRecommender r => (r.RatingSet, r.Name),
            RatingSet s => (s, "the rating set"),
            _ => null,
        };
}

internal static class Completion
{
    public static string Unquote(string word) => (word ?? "").Trim('\'', '"');

    /// <summary>An id's text starts with what was typed: text ids regardless of case, numbers as written.</summary>
    public static bool Starts(string text, object id, string typed) =>
        text.StartsWith(typed, id is string ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>An id as typed on the command line: a number bare, text through <see cref="Quoted"/>.</summary>
    public static string Argument(string text, object id) => id is string ? Quoted(text) : text;

    /// <summary>The model (or rating set) a completion is for: the value of -Model or -InputObject on the command line, else
    /// the variable piped in ("$m | Get-Recommendation -User &lt;Tab&gt;"), without its PowerShell wrapper; null when none.</summary>
    public static object? ModelOf(IDictionary bound, CommandAst command)
    {
        foreach (var key in new[] { "Model", "InputObject" })
            if (bound.Contains(key) && bound[key] is { } value) return value is PSObject ps ? ps.BaseObject : value;
        var piped = PipedVariable(command);
        return piped is PSObject wrapped ? wrapped.BaseObject : piped;
    }

    // "$m | Get-Recommendation -User <Tab>": the piped value is not among the bound parameters, so the variable is read.
    private static object? PipedVariable(CommandAst command)
    {
        if (command.Parent is not PipelineAst pipeline) return null;
        var at = pipeline.PipelineElements.IndexOf(command);
        if (at < 1 || pipeline.PipelineElements[at - 1] is not CommandExpressionAst { Expression: VariableExpressionAst variable }
            || variable.Splatted || !variable.VariablePath.IsVariable)
            return null;
        try
        {
            // Get-Variable in a nested pipeline sees what the command line would: the current scope outward, or the
            // scope the variable names ($global:m). (The runspace's SessionStateProxy sees the global scope only.)
            var path = variable.VariablePath;
            var name = path.UserPath[(path.UserPath.IndexOf(':') + 1)..]; // "global:m" -> "m"
            using var ps = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
            ps.AddCommand("Microsoft.PowerShell.Utility\\Get-Variable")
                .AddParameter("Name", name).AddParameter("ValueOnly").AddParameter("ErrorAction", "Ignore");
            if (path.IsGlobal) ps.AddParameter("Scope", "Global");
            else if (path.IsScript) ps.AddParameter("Scope", "Script");
            return ps.Invoke().FirstOrDefault();
        }
        catch (Exception e) when (e is InvalidOperationException or RuntimeException)
        {
            return null; // no variable to read: complete nothing rather than fail the user's Tab
        }
    }

    /// <summary>The text as a command argument: bare when PowerShell reads it back as that same text (letters first,
    /// then letters, digits, '-', '_', '.'), else in single quotes ("1e5" would be a number, "a b" two words).</summary>
    public static string Quoted(string text) =>
        text.Length > 0 && char.IsLetter(text[0]) && text.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.')
            ? text
            : "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
