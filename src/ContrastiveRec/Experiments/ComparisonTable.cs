using System.Globalization;
using System.Text;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Visualization;

namespace ContrastiveRec.Experiments;

/// <summary>The comparison's table: one column list that the Markdown, the CSV, the report's table and its recall chart read.</summary>
public static class ComparisonTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly int[] NdcgCutoffs = [10, 20];

    public static IReadOnlyList<ComparisonColumn> Columns { get; } =
    [
        new() { Title = "model", Name = nameof(ComparisonRow.Model), IsText = true, ValueType = typeof(string), Text = r => r.Model, Value = r => r.Model },
        .. StrategyComparison.Cutoffs.Select(k => Mean(EvaluationProtocol.Study, RankingMetric.Recall, k)),
        .. StrategyComparison.Cutoffs.Select(k => Mean(EvaluationProtocol.Full, RankingMetric.Recall, k)),
        .. NdcgCutoffs.Select(k => Mean(EvaluationProtocol.Full, RankingMetric.Ndcg, k)),
        Mean(EvaluationProtocol.Full, RankingMetric.Coverage, 10) with { IsOptional = true },
        Mean(EvaluationProtocol.Full, RankingMetric.PopularityPercentile, 10) with { IsOptional = true },
        .. StrategyComparison.Cutoffs.Select(k => Against(RankingMetric.Recall, k, shown: k == 20)),
        new() { Title = "seeds", Name = nameof(ComparisonRow.Seeds), ValueType = typeof(int), Text = r => Applies(r, r.Seeds.ToString(Invariant)), Value = r => r.NotApplicable is null ? r.Seeds : null },
        new()
        {
            Title = "splits", Name = nameof(ComparisonRow.Splits), ValueType = typeof(int), IsOptional = true,
            Text = r => Applies(r, r.Splits.ToString(Invariant)), Value = r => r.NotApplicable is null && r.Splits > 1 ? r.Splits : null,
        },
        .. StrategyComparison.Cutoffs.Select(k => Spread(EvaluationProtocol.Full, RankingMetric.Recall, k)),
        .. NdcgCutoffs.Select(k => Spread(EvaluationProtocol.Full, RankingMetric.Ndcg, k)),
        .. StrategyComparison.Cutoffs.Select(k => AgainstP(RankingMetric.Recall, k)),
        .. NdcgCutoffs.Select(k => Against(RankingMetric.Ndcg, k, shown: false)),
        .. NdcgCutoffs.Select(k => AgainstP(RankingMetric.Ndcg, k)),
        new() { Title = "train set", Name = nameof(ComparisonRow.TrainSize), ValueType = typeof(int), Text = r => Applies(r, r.TrainSize.ToString("N0", Invariant)), Value = r => r.NotApplicable is null ? r.TrainSize : null },
        new() { Title = "test set", Name = nameof(ComparisonRow.TestSize), ValueType = typeof(int), Text = r => Applies(r, r.TestSize.ToString("N0", Invariant)), Value = r => r.NotApplicable is null ? r.TestSize : null },
        new()
        {
            // To the millisecond: a timing's further digits are noise.
            Title = "train time (s)", Name = nameof(ComparisonRow.TrainSeconds),
            Text = r => Applies(r, r.TrainSeconds.ToString("0.0", Invariant)), Value = r => r.NotApplicable is null ? Math.Round(r.TrainSeconds, 3, MidpointRounding.AwayFromZero) : null,
        },
    ];

    /// <summary>What a cell shows where there is no figure.</summary>
    public const string NotApplicable = "n/a";

    /// <summary>The footnote the Markdown and HTML tables give when a cell is <see cref="NotApplicable"/>: the two ways a
    /// measure goes missing (<see cref="ComparisonRow.Measure"/> null, or a mean over no user, NaN).</summary>
    public const string NotApplicableNote =
        "n/a: no figure. The study's protocol applies only to the four pair strategies (it scores each on the movies its filter kept, " +
        "at its like threshold), so every other model has Full-protocol figures only; a figure is also n/a when no user had a relevant " +
        "test movie under that protocol, leaving nothing to average.";

    /// <summary>The note under the Markdown and HTML tables for rows that do not apply to the data, one line per
    /// reason naming its rows ("n/a for Strategy 1, ...: its pair strategy needs ..."), or null when every row applies.</summary>
    public static string? NotApplicableRows(IEnumerable<ComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var lines = rows.Where(r => r.NotApplicable is not null).GroupBy(r => r.NotApplicable!)
            .Select(g => $"n/a for {string.Join(", ", g.Select(r => r.Model))}: {g.Key}.").ToList();
        return lines.Count == 0 ? null : string.Join(Environment.NewLine, lines);
    }

    /// <summary>The note under a table: <see cref="NotApplicableNote"/> when a cell is n/a, and why rows do not apply.</summary>
    internal static string? Note(IReadOnlyList<ComparisonRow> rows, IEnumerable<IEnumerable<string>> cells)
    {
        var lines = new List<string>();
        if (rows.Any(r => r.AgainstReference.Count > 0)) lines.Add(ReferenceNote);
        if (HasNotApplicable(cells)) lines.Add(NotApplicableNote);
        if (NotApplicableRows(rows) is { } why) lines.Add(why);
        return lines.Count == 0 ? null : string.Join(Environment.NewLine, lines);
    }

    /// <summary>What the "vs EASE" column means, under a table that has one.</summary>
    public static readonly string ReferenceNote =
        $"vs {StrategyComparison.ReferenceName}: the row's Full recall minus {StrategyComparison.ReferenceName}'s, user by user over the same users (mean over seeds per user), " +
        "in points; * where a paired t-test finds it significant (p < 0.05). Coverage: the share of the catalogue that reaches some user's top 10; " +
        "popularity percentile: where the recommended movies sit in the catalogue's popularity (99 %: among the most popular 1 %).";

    // A row that does not apply shows n/a in every column.
    private static string Applies(ComparisonRow r, string text) => r.NotApplicable is null ? text : NotApplicable;

    /// <summary>The columns the Markdown and HTML tables show of <paramref name="rows"/>, in order: those with a title,
    /// but an optional one only when some row has a figure for it (no "vs EASE" column in a comparison without EASE).</summary>
    public static IReadOnlyList<ComparisonColumn> Shown(IReadOnlyList<ComparisonRow> rows) =>
        Columns.Where(c => c.Title is not null && (!c.IsOptional || rows.Any(r => c.Value(r) is not null))).ToArray();

    /// <summary>The table in Markdown, recall in percent; mean ± standard deviation where a row has several seeds; figures
    /// right-aligned; under it <see cref="NotApplicableNote"/> when a cell is n/a.</summary>
    public static string ToMarkdown(IEnumerable<ComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        var shown = Shown(list);
        var cells = list.Select(r => shown.Select(c => c.Text(r)).ToArray()).ToList();
        var s = new StringBuilder();
        s.Append("| ").AppendJoin(" | ", shown.Select(c => c.Title)).AppendLine(" |");
        s.Append('|').AppendJoin('|', shown.Select(c => c.IsText ? "---" : "---:")).AppendLine("|");
        foreach (var r in cells) s.Append("| ").AppendJoin(" | ", r).AppendLine(" |");
        if (Note(list, cells) is { } note) s.AppendLine().AppendLine(note);
        return s.ToString();
    }

    /// <summary>Whether any of the cells (as <see cref="ComparisonColumn.Text"/> gives them) is n/a, so the table needs its footnote.</summary>
    public static bool HasNotApplicable(IEnumerable<IEnumerable<string>> cells) => cells.Any(r => r.Contains(NotApplicable));

    /// <summary>The table as RFC 4180 CSV, measures as fractions 0..1 (empty where not applicable). Its columns are the
    /// properties PowerShell shows of a row, so <c>$rows | Export-Csv</c> writes the same columns and values.</summary>
    public static string ToCsv(IEnumerable<ComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        static string Quote(string text) => text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
        var s = new StringBuilder();
        s.AppendJoin(',', Columns.Select(c => c.Name)).Append("\r\n");
        foreach (var r in rows) s.AppendJoin(',', Columns.Select(c => Quote(c.Csv(r)))).Append("\r\n");
        return s.ToString();
    }

    /// <summary>The recall chart's bars: each row's mean recall under <paramref name="protocol"/> at the table's cut-offs.</summary>
    public static IEnumerable<RecallRow> RecallRows(IEnumerable<ComparisonRow> rows, EvaluationProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var measures = Columns.Where(c => !c.IsSpread && c.Measure is { Metric: RankingMetric.Recall } m && m.Protocol == protocol)
            .Select(c => c.Measure!.Value).ToArray();
        foreach (var r in rows)
            foreach (var m in measures)
                if (Figure(r, m.Protocol, m.Metric, m.K) is { } value) yield return new RecallRow(r.Model, m.K, value.Mean, r.Seeds > 1 ? value.StdDev : 0);
    }

    /// <summary>Writes <c>base.md</c> and <c>base.csv</c> (base = the path without a .md or .csv extension), each through a
    /// temporary file renamed over the target, so a crash never leaves half a table. Returns the two paths.</summary>
    public static (string Markdown, string Csv) Write(IReadOnlyList<ComparisonRow> rows, string path)
    {
        var (md, csv) = Paths(path);
        WriteMarkdown(rows, md);
        WriteCsv(rows, csv);
        return (md, csv);
    }

    /// <summary>The two files <see cref="Write"/> makes of <paramref name="path"/>: a .md or .csv ending is dropped, then both are added.</summary>
    public static (string Markdown, string Csv) Paths(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var ext = Path.GetExtension(full);
        var stem = ext.Equals(".md", StringComparison.OrdinalIgnoreCase) || ext.Equals(".csv", StringComparison.OrdinalIgnoreCase) ? full[..^ext.Length] : full;
        return (stem + ".md", stem + ".csv");
    }

    public static void WriteMarkdown(IReadOnlyList<ComparisonRow> rows, string path)
    {
        ArgumentNullException.ThrowIfNull(rows);
        AtomicFile.WriteAllText(path, ToMarkdown(rows));
    }

    public static void WriteCsv(IReadOnlyList<ComparisonRow> rows, string path)
    {
        ArgumentNullException.ThrowIfNull(rows);
        AtomicFile.WriteAllText(path, ToCsv(rows));
    }

    // The measure when there is a figure: not where the protocol does not apply (null), nor a mean over no user (NaN).
    private static ComparisonMeasure? Figure(ComparisonRow r, EvaluationProtocol protocol, RankingMetric metric, int k) =>
        r.Measure(protocol, metric, k) is { } m && double.IsFinite(m.Mean) ? m : null;

    private static string Percent(double value) => (100 * value).ToString("0.00", Invariant);

    private static string Name(RankingMetric metric) => metric switch
    {
        RankingMetric.Ndcg => "NDCG",
        RankingMetric.HitRate => "hit rate",
        RankingMetric.PooledRecall => "pooled recall",
        RankingMetric.PopularityPercentile => "popularity percentile",
        _ => metric.ToString().ToLowerInvariant(),
    };

    private static string ColumnName(EvaluationProtocol protocol, RankingMetric metric, int k) => $"{protocol}{metric}At{k}";

    /// <summary>A mean: n/a where there is no figure (<see cref="NotApplicableNote"/>); with several seeds the Markdown adds the spread.</summary>
    private static ComparisonColumn Mean(EvaluationProtocol protocol, RankingMetric metric, int k) => new()
    {
        Title = $"{protocol.ToString().ToLowerInvariant()} {Name(metric)}@{k} (%)",
        Name = ColumnName(protocol, metric, k),
        Measure = (protocol, metric, k),
        Text = r => Figure(r, protocol, metric, k) is { } m ? r.Seeds * r.Splits > 1 ? $"{Percent(m.Mean)} ± {Percent(m.StdDev)}" : Percent(m.Mean) : NotApplicable,
        Value = r => Figure(r, protocol, metric, k)?.Mean,
    };

    /// <summary>The paired difference from the reference (EASE) in points, with its p-value: "-7.06 (p < 0.001)", a star
    /// where significant; "reference" on the reference's row. The CSV holds the difference as a fraction.</summary>
    private static ComparisonColumn Against(RankingMetric metric, int k, bool shown) => new()
    {
        Title = shown ? $"{Name(metric)}@{k} vs {StrategyComparison.ReferenceName} (points, p)" : null,
        IsOptional = true,
        Name = $"Full{metric}At{k}Vs{StrategyComparison.ReferenceName[0]}{StrategyComparison.ReferenceName[1..].ToLowerInvariant()}",
        Text = r => r.Model == StrategyComparison.ReferenceName && r.NotApplicable is null ? "reference"
            : r.Against(metric, k) is { } d && double.IsFinite(d.PValue) ? $"{(100 * d.Difference).ToString("+0.00;-0.00;0.00", Invariant)}{(d.Significant ? "*" : "")} ({PValue(d.PValue)})"
            : NotApplicable,
        Value = r => r.Against(metric, k) is { } d && double.IsFinite(d.Difference) ? d.Difference : null,
    };

    private static ComparisonColumn AgainstP(RankingMetric metric, int k) => new()
    {
        Name = $"Full{metric}At{k}Vs{StrategyComparison.ReferenceName[0]}{StrategyComparison.ReferenceName[1..].ToLowerInvariant()}P",
        Text = r => r.Against(metric, k) is { } d && double.IsFinite(d.PValue) ? PValue(d.PValue) : NotApplicable,
        Value = r => r.Against(metric, k) is { } d && double.IsFinite(d.PValue) ? d.PValue : null,
    };

    private static string PValue(double p) => p < 0.001 ? "p < 0.001" : $"p {p.ToString("0.000", Invariant)}";

    private static ComparisonColumn Spread(EvaluationProtocol protocol, RankingMetric metric, int k) => new()
    {
        Name = ColumnName(protocol, metric, k) + "StdDev",
        Measure = (protocol, metric, k),
        IsSpread = true,
        Text = r => Figure(r, protocol, metric, k) is { } m ? Percent(m.StdDev) : NotApplicable,
        Value = r => Figure(r, protocol, metric, k)?.StdDev,
    };
}
