using System.Net;
using System.Text.RegularExpressions;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Experiments;
using Xunit;

namespace ContrastiveRec.Tests.Experiments;

public class ComparisonTableTests
{
    private static ComparisonMeasure[] Measures(EvaluationProtocol protocol, double recall, double sd = 0) =>
        StrategyComparison.Cutoffs.SelectMany(k => new[]
        {
            new ComparisonMeasure(protocol, RankingMetric.Recall, k, recall * k / 10, sd),
            new ComparisonMeasure(protocol, RankingMetric.Ndcg, k, recall / 2, sd / 2),
        }).ToArray();

    /// <summary>A strategy (both protocols, one seed) and a model with a comma in its name over three seeds (Full only).</summary>
    private static readonly ComparisonRow[] Rows =
    [
        new()
        {
            Model = "Strategy 1", Measures = [.. Measures(EvaluationProtocol.Study, 0.05), .. Measures(EvaluationProtocol.Full, 0.03)],
            TrainSize = 49_950, TestSize = 2_650, TrainSeconds = 9.08, Results = [],
        },
        new()
        {
            Model = "UserMovie (Id, pairs)", Measures = Measures(EvaluationProtocol.Full, 0.0625, 0.01), Seeds = 3,
            TrainSize = 95_787, TestSize = 5_049, TrainSeconds = 2, Results = [],
        },
    ];

    private static string[] MarkdownCells(string line) => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    [Fact]
    public void Markdown_csv_and_the_reports_table_all_take_their_columns_from_the_one_list()
    {
        var shown = ComparisonTable.Shown(Rows).Select(c => c.Title).ToArray();
        // Every titled column, but the optional ones these hand-made rows have no figure for (coverage, vs EASE).
        Assert.Equal(ComparisonTable.Columns.Where(c => c.Title is not null && !c.IsOptional).Select(c => c.Title), shown);

        var md = ComparisonTable.ToMarkdown(Rows).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('|')).ToArray();
        Assert.Equal(shown, MarkdownCells(md[0]));
        Assert.Equal(ComparisonTable.Shown(Rows).Select(c => c.IsText ? "---" : "---:"), MarkdownCells(md[1]));
        Assert.Equal(2 + Rows.Length, md.Length);

        var csv = ComparisonTable.ToCsv(Rows).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ComparisonTable.Columns.Select(c => c.Name), csv[0].Split(','));

        var html = ComparisonReport.Build(ComparisonModels.For(new ComparisonOptions()), Rows, [], "hand-made").ToHtml();
        var table = Regex.Match(html, "<table class=\"results\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.Equal(shown, Regex.Matches(table, "<th(?: [^>]*)?>(.*?)</th>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));
        var cells = Regex.Matches(table, "<td[^>]*>(.*?)</td>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToArray();
        Assert.Equal(md.Skip(2).SelectMany(MarkdownCells), cells);
    }

    [Fact]
    public void Cells_give_percent_in_markdown_and_fractions_in_csv_with_na_and_spreads()
    {
        var md = ComparisonTable.ToMarkdown(Rows).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = MarkdownCells(md[0]).ToList();
        var strategy = MarkdownCells(md[2]);
        var userMovie = MarkdownCells(md[3]);
        Assert.Equal("5.00", strategy[header.IndexOf("study recall@10 (%)")]);
        Assert.Equal("15.00", strategy[header.IndexOf("full recall@50 (%)")]);
        Assert.Equal("49,950", strategy[header.IndexOf("train set")]);
        Assert.Equal("9.1", strategy[header.IndexOf("train time (s)")]);
        Assert.Equal("n/a", userMovie[header.IndexOf("study recall@20 (%)")]);
        Assert.Equal("6.25 ± 1.00", userMovie[header.IndexOf("full recall@10 (%)")]);
        Assert.Equal("3", userMovie[header.IndexOf("seeds")]);

        var csv = ComparisonTable.ToCsv(Rows).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var names = csv[0].Split(',').ToList();
        Assert.StartsWith("\"UserMovie (Id, pairs)\",", csv[2]);
        var cells = csv[2]["\"UserMovie (Id, pairs)\",".Length..].Split(',');
        string Cell(string name) => cells[names.IndexOf(name) - 1];
        Assert.Equal("", Cell("StudyRecallAt10"));
        Assert.Equal(0.0625.ToString("R"), Cell("FullRecallAt10"));
        Assert.Equal(0.01.ToString("R"), Cell("FullRecallAt10StdDev"));
        Assert.Equal(0.005.ToString("R"), Cell("FullNdcgAt20StdDev"));
        Assert.Equal("95787", Cell("TrainSize"));
    }

    [Fact]
    public void Figures_are_right_aligned_and_na_is_explained_under_the_markdown_and_html_tables()
    {
        var markdown = ComparisonTable.ToMarkdown(Rows);
        // The footnote follows the table after a blank line, so Markdown does not read it as a row.
        Assert.EndsWith("|" + Environment.NewLine + Environment.NewLine + ComparisonTable.NotApplicableNote + Environment.NewLine, markdown);
        Assert.Contains("only to the four pair strategies", ComparisonTable.NotApplicableNote);
        Assert.DoesNotContain(ComparisonTable.NotApplicableNote, ComparisonTable.ToMarkdown(Rows.Take(1)));

        var html = ComparisonReport.Build(ComparisonModels.For(new ComparisonOptions()), Rows, [], "hand-made").ToHtml();
        var table = Regex.Match(html, "<table class=\"results\">.*?</table>", RegexOptions.Singleline).Value;
        var right = ComparisonTable.Shown(Rows).Select(c => !c.IsText).ToArray();
        Assert.Equal(right, Regex.Matches(table, "<th( class=\"n\")?>").Select(m => m.Groups[1].Success));
        var body = Regex.Match(table, "<tbody>.*?</tbody>", RegexOptions.Singleline).Value;
        Assert.Equal(Rows.Length, Regex.Matches(body, "<tr>").Count);
        foreach (Match row in Regex.Matches(body, "<tr>.*?</tr>", RegexOptions.Singleline))
            Assert.Equal(right, Regex.Matches(row.Value, "<td( class=\"n\")?>").Select(m => m.Groups[1].Success));
        Assert.Contains("</table>\n</div>\n<p class=\"note\">" + WebUtility.HtmlEncode(ComparisonTable.NotApplicableNote) + "</p>", html);
        var strategyOnly = ComparisonReport.Build(ComparisonModels.For(new ComparisonOptions()), Rows.Take(1).ToArray(), [], "hand-made").ToHtml();
        Assert.DoesNotContain("class=\"note\"", strategyOnly);
    }

    [Fact]
    public void A_mean_over_no_user_is_na_in_the_tables_and_no_bar_in_the_chart()
    {
        // NaN is what the evaluator gives when no user had a relevant test movie under a protocol.
        var empty = Rows[0] with { Measures = [.. Measures(EvaluationProtocol.Study, double.NaN), .. Measures(EvaluationProtocol.Full, 0.03)] };
        var md = ComparisonTable.ToMarkdown([empty]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = MarkdownCells(md[0]).ToList();
        Assert.Equal("n/a", MarkdownCells(md[2])[header.IndexOf("study recall@10 (%)")]);
        Assert.Equal("3.00", MarkdownCells(md[2])[header.IndexOf("full recall@10 (%)")]);
        Assert.Contains(ComparisonTable.NotApplicableNote, md);
        var csv = ComparisonTable.ToCsv([empty]).Split("\r\n");
        Assert.Equal("", csv[1].Split(',')[csv[0].Split(',').ToList().IndexOf("StudyRecallAt10")]);
        Assert.Empty(ComparisonTable.RecallRows([empty], EvaluationProtocol.Study));
        Assert.Equal(3, ComparisonTable.RecallRows([empty], EvaluationProtocol.Full).Count());
    }

    [Fact]
    public void The_recall_chart_draws_each_rows_mean_recall_at_the_tables_cutoffs()
    {
        var full = ComparisonTable.RecallRows(Rows, EvaluationProtocol.Full).ToList();
        Assert.Equal(Rows.Length * StrategyComparison.Cutoffs.Count, full.Count);
        Assert.All(full, bar => Assert.Equal(Rows.Single(r => r.Model == bar.Model).Recall(EvaluationProtocol.Full, bar.K), bar.Recall));
        // Study recall only where the protocol applies.
        Assert.Equal(new[] { "Strategy 1" }, ComparisonTable.RecallRows(Rows, EvaluationProtocol.Study).Select(b => b.Model).Distinct());
    }

    [Fact]
    public void A_row_reads_a_measure_by_protocol_metric_and_K_or_null()
    {
        var row = Rows[1];
        Assert.Equal(0.0625, row.Recall(EvaluationProtocol.Full, 10));
        Assert.Equal(0.0625 / 2, row.Ndcg(EvaluationProtocol.Full, 20));
        Assert.Null(row.Recall(EvaluationProtocol.Study, 10));
        Assert.Null(row.Recall(EvaluationProtocol.Full, 30));
        Assert.Null(row.Measure(EvaluationProtocol.Full, RankingMetric.HitRate, 10));
    }

    [Fact]
    public void The_reports_introduction_names_the_models_it_was_given()
    {
        var models = ComparisonModels.For(new ComparisonOptions { BeyondStudy = false });
        var html = WebUtility.HtmlDecode(ComparisonReport.Build(models, Rows, [], "hand-made").ToHtml());
        Assert.Contains(ComparisonModels.Names(models) + " trained on one split of hand-made", html);
        Assert.DoesNotContain("EASE", html);
    }

    [Fact]
    public void Write_puts_the_markdown_and_csv_beside_each_other_whatever_the_extension()
    {
        using var folder = new TempFolder();
        var (md, csv) = ComparisonTable.Write(Rows, Path.Combine(folder.Path, "table.csv"));
        Assert.Equal(Path.Combine(folder.Path, "table.md"), md);
        Assert.Equal(ComparisonTable.ToMarkdown(Rows), File.ReadAllText(md));
        Assert.Equal(ComparisonTable.ToCsv(Rows), File.ReadAllText(csv));
    }

    [Fact]
    public void Rows_against_the_reference_show_the_difference_in_points_with_p_and_a_star_where_significant()
    {
        ModelDifference Difference(string model, double d, double p) =>
            new(model, "EASE", EvaluationProtocol.Full, RankingMetric.Recall, 20, 562, 0.3 + d, 0.3, d, d - 0.01, d + 0.01, p, 0.95);
        var ease = Rows[1] with { Model = "EASE", Seeds = 1 };
        var better = Rows[1] with { AgainstReference = [Difference("UserMovie (Id, pairs)", 0.0067, 0.21)] };
        var worse = Rows[0] with { AgainstReference = [Difference("Strategy 1", -0.0706, 1e-9)] };
        ComparisonRow[] rows = [worse, ease, better];
        var md = ComparisonTable.ToMarkdown(rows).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = MarkdownCells(md[0]).ToList();
        var at = header.IndexOf("recall@20 vs EASE (points, p)");
        Assert.True(at > 0, string.Join(" | ", header));
        Assert.Equal(["-7.06* (p < 0.001)", "reference", "+0.67 (p 0.210)"], md.Skip(2).Take(3).Select(l => MarkdownCells(l)[at]));
        Assert.Contains(ComparisonTable.ReferenceNote, md);
        var csv = ComparisonTable.ToCsv(rows).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var columns = csv[0].Split(',').ToList();
        Assert.Equal("-0.0706", csv[1].Split(',')[columns.IndexOf("FullRecallAt20VsEase")]);
        Assert.Equal("1E-09", csv[1].Split(',')[columns.IndexOf("FullRecallAt20VsEaseP")]);
        Assert.Equal("", csv[2].Split(',')[columns.IndexOf("FullRecallAt20VsEase")]);
    }
}
