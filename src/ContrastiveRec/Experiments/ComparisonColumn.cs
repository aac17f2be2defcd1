using ContrastiveRec.Evaluation;

namespace ContrastiveRec.Experiments;

/// <summary>A column of the comparison table, as every writer of the table reads it.</summary>
public sealed record ComparisonColumn
{
    /// <summary>The heading in the Markdown and HTML tables; null for a column only the CSV has (a spread, which
    /// the other tables show beside the mean).</summary>
    public string? Title { get; init; }

    public required string CsvName { get; init; }

    /// <summary>The measure the column shows, when it shows one; <see cref="IsSpread"/> tells mean from standard deviation.</summary>
    public (EvaluationProtocol Protocol, RankingMetric Metric, int K)? Measure { get; init; }

    public bool IsSpread { get; init; }

    /// <summary>Whether the cells are words (left-aligned) rather than figures.</summary>
    public bool IsText { get; init; }

    /// <summary>The cell as the Markdown and HTML tables show it (recall in percent).</summary>
    public required Func<ComparisonRow, string> Text { get; init; }

    /// <summary>The cell as the CSV holds it (fractions 0..1, empty where not applicable), unquoted.</summary>
    public required Func<ComparisonRow, string> Csv { get; init; }

    public override string ToString() => Title ?? CsvName;
}
