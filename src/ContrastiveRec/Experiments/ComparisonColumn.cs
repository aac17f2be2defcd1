using System.Globalization;
using ContrastiveRec.Evaluation;

namespace ContrastiveRec.Experiments;

/// <summary>A column of the comparison table, as every writer of the table reads it.</summary>
public sealed record ComparisonColumn
{
    /// <summary>The heading in the Markdown and HTML tables; null for a column only the CSV has (a spread, which
    /// the other tables show beside the mean).</summary>
    public string? Title { get; init; }

    /// <summary>The CSV's header ("FullRecallAt20"), and the row's property of that name in PowerShell, so that
    /// <c>$rows | Export-Csv</c> writes the CSV's columns.</summary>
    public required string Name { get; init; }

    /// <summary>The measure the column shows, when it shows one; <see cref="IsSpread"/> tells mean from standard deviation.</summary>
    public (EvaluationProtocol Protocol, RankingMetric Metric, int K)? Measure { get; init; }

    public bool IsSpread { get; init; }

    /// <summary>Shown in the Markdown and HTML tables only when some row has a figure for it (the CSV always has it).</summary>
    public bool IsOptional { get; init; }

    /// <summary>Whether the cells are words (left-aligned) rather than figures.</summary>
    public bool IsText { get; init; }

    /// <summary>The cell as the Markdown and HTML tables show it (recall in percent).</summary>
    public required Func<ComparisonRow, string> Text { get; init; }

    /// <summary>The cell as a value: the model's name, a count, or a fraction 0..1 (null where there is no figure).</summary>
    public required Func<ComparisonRow, object?> Value { get; init; }

    /// <summary>The type of <see cref="Value"/>'s values when there is one.</summary>
    public Type ValueType { get; init; } = typeof(double);

    /// <summary>The cell as the CSV holds it: <see cref="Value"/> in invariant culture (a fraction's shortest round-trip
    /// digits), empty where there is no figure; unquoted.</summary>
    public string Csv(ComparisonRow row) => Value(row) switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };

    public override string ToString() => Title ?? Name;
}
