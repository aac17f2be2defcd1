namespace ContrastiveRec;

/// <summary>
/// What a model's name may be: it labels result rows, table lines, chart legends and report headings, so it must be
/// printable on one line and short enough to read there.
/// </summary>
public static class ModelName
{
    public const int MaxLength = 100;

    /// <summary>Why <paramref name="name"/> cannot name a model, or null when it can.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "a model's name must not be empty or only spaces";
        if (name.Length > MaxLength) return $"a model's name must be at most {MaxLength} characters (this one has {name.Length})";
        for (var i = 0; i < name.Length; i++)
            if (char.IsControl(name[i]))
                return $"a model's name must not contain control characters (U+{(int)name[i]:X4} at position {i + 1}; tabs and line breaks are control characters)";
        return null;
    }

    /// <summary>The name itself when it is valid.</summary>
    /// <exception cref="ArgumentException">It is empty, too long or has control characters.</exception>
    public static string Check(string name, string paramName) =>
        Problem(name) is { } problem ? throw new ArgumentException(char.ToUpperInvariant(problem[0]) + problem[1..] + ".", paramName) : name;
}
