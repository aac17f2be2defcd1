using ContrastiveRec.Experiments;
using ContrastiveRec.Training;
using Xunit;

namespace ContrastiveRec.Tests.Experiments;

/// <summary>The comparison from run to written files: rows as they finish, figures while each strategy lives, files at the end.</summary>
public sealed class ComparisonRunTests : IDisposable
{
    private readonly TestRatings _files = new();
    private readonly TempFolder _out = new();

    public void Dispose()
    {
        _files.Dispose();
        _out.Dispose();
    }

    private static readonly TrainingOptions OneEpoch = new() { Epochs = 1, BatchSize = 256 };
    private static readonly ComparisonOptions StudyOnly = new() { BeyondStudy = false, Clusters = 3 };

    [Fact]
    public void The_report_maps_the_strategies_and_the_best_UserMovie_and_Graph_rows_by_full_recall_at_20()
    {
        var set = _files.WriteGroups(groups: 3, usersPerGroup: 30, moviesPerBlock: 8, density: 0.9);
        var report = Path.Combine(_out.Path, "report.html");
        var run = new ComparisonRun(set, OneEpoch, new ComparisonOptions { Seeds = 1, UserMovieEpochs = 1, Clusters = 3 }, new ComparisonFiles { ReportPath = report });
        foreach (var _ in run.Rows()) { }

        string Best(string family) => run.Done.Where(r => run.Models.Single(m => m.Name == r.Model).MapFamily == family)
            .OrderByDescending(r => r.Recall(ContrastiveRec.Evaluation.EvaluationProtocol.Full, 20)).First().Model;
        var expected = new[] { "Strategy 1", "Strategy 2", "Strategy 3", "Strategy 4", Best("UserMovie"), Best("Graph") };
        Assert.Equal(expected, run.ReportFigures().Select(f => f.Name));
        Assert.Contains("(Graph)", expected[5], StringComparison.Ordinal);

        run.Outputs().Single().Write();
        var html = File.ReadAllText(report);
        foreach (var name in expected) Assert.Contains($"<h2>{System.Net.WebUtility.HtmlEncode(name)}</h2>", html);
        Assert.Contains("The best UserMovie row by Full recall@20", html);
        Assert.Contains("The best Graph row by Full recall@20", html);
        // The other UserMovie rows were drawn as candidates but get no map.
        Assert.Equal(6, System.Text.RegularExpressions.Regex.Matches(html, "<section class=\"strategy\">").Count);
    }

    [Fact]
    public void Streams_rows_then_writes_the_files_asked_for_from_them()
    {
        var set = _files.WriteGroups(groups: 3, usersPerGroup: 30, moviesPerBlock: 8, density: 0.9);
        var (md, csv) = ComparisonTable.Paths(Path.Combine(_out.Path, "table"));
        var report = Path.Combine(_out.Path, "report.html");
        var progress = new List<ComparisonProgress>();
        var run = new ComparisonRun(set, OneEpoch, StudyOnly, new ComparisonFiles { MarkdownPath = md, CsvPath = csv, ReportPath = report });

        using (var rows = run.Rows(progress.Add).GetEnumerator())
        {
            Assert.True(rows.MoveNext());
            // The first row comes before the second model starts.
            Assert.Equal("Strategy 1", rows.Current.Model);
            Assert.Single(run.Done);
            Assert.All(progress, p => Assert.Equal(1, p.Model));
            while (rows.MoveNext()) { }
        }
        Assert.Equal(run.Models.Select(m => m.Name), run.Done.Select(r => r.Model));
        // Each strategy's map was drawn while its model was alive, and said so; the baselines have none.
        Assert.Equal(4, progress.Count(p => p.Name.EndsWith(": t-SNE map for the report", StringComparison.Ordinal)));
        Assert.All(progress.Where(p => p.Name.Contains("t-SNE", StringComparison.Ordinal)), p => Assert.True(p.Elapsed > TimeSpan.Zero));

        var outputs = run.Outputs();
        Assert.Equal([ComparisonOutputKind.Markdown, ComparisonOutputKind.Csv, ComparisonOutputKind.Report], outputs.Select(o => o.Kind));
        Assert.Equal([md, csv, report], outputs.Select(o => o.Path));
        Assert.All(outputs, o => Assert.False(File.Exists(o.Path))); // nothing is written until asked
        foreach (var o in outputs) o.Write();

        Assert.Equal(ComparisonTable.ToMarkdown(run.Done), File.ReadAllText(md));
        Assert.Equal(ComparisonTable.ToCsv(run.Done), File.ReadAllText(csv));
        var html = File.ReadAllText(report);
        // Four maps, the recall chart, the recall curves, the coverage chart and the loss curves; each map's clusters as
        // asked (3), named by the set's folder.
        Assert.Equal(8, System.Text.RegularExpressions.Regex.Matches(html, "src=\"data:image/png;base64,").Count);
        Assert.Contains("<section class=\"settings\">", html);
        Assert.Contains("id=\"recall-curves\"", html);
        Assert.Contains("id=\"coverage\"", html);
        // Each strategy's loss for its one epoch, as recorded from the training's progress, in the loss panel's table.
        Assert.Equal(Enumerable.Range(1, 4).Select(n => $"Strategy {n}"), run.Losses.Keys.Order());
        Assert.All(run.Losses.Values, l => Assert.Single(l));
        var losses = System.Text.RegularExpressions.Regex.Match(html, "<section class=\"panel\" id=\"losses\">.*?</section>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        foreach (var (name, l) in run.Losses)
            Assert.Contains($"<td>{name}</td><td class=\"n\">1</td><td class=\"n\">{l[0].ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)}</td>", losses);
        foreach (var n in Enumerable.Range(1, 4)) Assert.Contains($"<h2>Strategy {n}</h2>", html);
        Assert.Contains("Cluster 2", html);
        Assert.DoesNotContain("Cluster 3", html);
        Assert.Contains($"trained on one split of {Path.GetFileName(_files.Folder)}", html);
        Assert.Empty(Directory.GetFiles(_out.Path, "*.tmp"));

        Assert.Throws<InvalidOperationException>(() => run.Rows().ToList());
    }

    [Fact]
    public void Without_a_report_draws_nothing_and_writes_only_what_is_asked()
    {
        var set = _files.WriteGroups(groups: 2, usersPerGroup: 30, moviesPerBlock: 8, density: 0.9);
        var csv = Path.Combine(_out.Path, "only.csv");
        var progress = new List<ComparisonProgress>();
        var run = new ComparisonRun(set, OneEpoch, StudyOnly, new ComparisonFiles { CsvPath = csv });
        Assert.Equal(7, run.Rows(progress.Add).Count());
        Assert.DoesNotContain(progress, p => p.Name.Contains("t-SNE", StringComparison.Ordinal));
        var only = Assert.Single(run.Outputs());
        Assert.Equal((ComparisonOutputKind.Csv, csv), (only.Kind, only.Path));
        Assert.Empty(new ComparisonRun(set, OneEpoch, StudyOnly).Outputs());
    }
}
