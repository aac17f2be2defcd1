using ContrastiveRec.Data;
using ContrastiveRec.Training;

namespace ContrastiveRec.Experiments;

/// <summary>
/// One comparison from start to written files: <see cref="Rows"/> trains and evaluates every model of
/// <see cref="ComparisonModels"/> (each row as it finishes) and, when a report is asked for, draws each strategy's
/// figure while its model is alive; <see cref="Outputs"/> then gives each file asked for (the table's Markdown and CSV,
/// the HTML report), ready to write from those rows. The caller writes them one by one, so it decides what a failed
/// write means (stop, or report it and write the others).
/// </summary>
public sealed class ComparisonRun
{
    private readonly RatingSet _set;
    private readonly TrainingOptions _training;
    private readonly List<ComparisonRow> _rows = [];
    private readonly List<StrategyFigure> _figures = [];
    private readonly Dictionary<string, List<double>> _losses = [];
    private bool _started;

    /// <param name="training">The study's training options, which the strategies train with.</param>
    public ComparisonRun(RatingSet set, TrainingOptions training, ComparisonOptions? comparison = null, ComparisonFiles? files = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(training);
        _set = set;
        _training = training;
        Options = comparison ?? new ComparisonOptions();
        Files = files ?? new ComparisonFiles();
        Models = ComparisonModels.For(Options);
    }

    public ComparisonOptions Options { get; }
    public ComparisonFiles Files { get; }

    /// <summary>The models in the table's order.</summary>
    public IReadOnlyList<ComparisonModel> Models { get; }

    /// <summary>Most users for which the rows beyond the study (UserMovie, Graph) are drawn: exact t-SNE takes seconds for
    /// them; Barnes-Hut on a large set would take minutes per row, for maps of which the report keeps two.</summary>
    public const int MaxFamilyMapUsers = 5_000;

    /// <summary>The maps the report shows: every strategy's, and of the rows beyond the study the best of each
    /// <see cref="ComparisonModel.MapFamily"/> (highest Full recall@20), in the table's order.</summary>
    public IReadOnlyList<StrategyFigure> ReportFigures()
    {
        var families = Models.Where(m => m.MapFamily is not null).ToDictionary(m => m.Name, m => m.MapFamily!);
        double Recall(string name) => _rows.FirstOrDefault(r => r.Model == name)?.Recall(Evaluation.EvaluationProtocol.Full, 20) ?? double.NegativeInfinity;
        var best = _figures.Where(f => families.ContainsKey(f.Name)).GroupBy(f => families[f.Name])
            .Select(g => g.OrderByDescending(f => Recall(f.Name)).First().Name).ToHashSet();
        return _figures.Where(f => !families.ContainsKey(f.Name) || best.Contains(f.Name)).ToList();
    }

    /// <summary>Each trained row's loss per epoch, its first seed's (as <see cref="TrainedEncoder.LossHistory"/>), by row name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> Losses => _losses.ToDictionary(l => l.Key, l => (IReadOnlyList<double>)l.Value);

    /// <summary>The rows done so far.</summary>
    public IReadOnlyList<ComparisonRow> Done => _rows;

    /// <summary>Trains and evaluates each model in turn, yielding its row as soon as it is done; with a report to write,
    /// each strategy's users are laid out by t-SNE and clustered before its model is freed (a second or two each).</summary>
    public IEnumerable<ComparisonRow> Rows(Action<ComparisonProgress>? progress = null, CancellationToken ct = default)
    {
        if (_started) throw new InvalidOperationException("A comparison runs once; make a new ComparisonRun to run it again.");
        _started = true;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Action<string, TrainedEncoder>? draw = Files.ReportPath is null ? null : (name, model) =>
        {
            // Rows beyond the study are drawn only where t-SNE is quick: their maps are candidates, of which the report keeps the best per family.
            if (Models.FirstOrDefault(m => m.Name == name) is { MapFamily: not null } && _set.UserCount > MaxFamilyMapUsers) return;
            progress?.Invoke(new ComparisonProgress(_rows.Count + 1, Models.Count, $"{name}: t-SNE map for the report", null) { Elapsed = clock.Elapsed });
            _figures.Add(ComparisonReport.Figure(model, name, Options.Clusters, _training.Seed, ct));
        };
        // Each trained row's loss per epoch (its first seed), read from the progress at each epoch's last batch: the
        // comparison frees each model once it is measured.
        void Watch(ComparisonProgress p)
        {
            if (p is { Run: 1, Training: { } t } && t.Batch == t.Batches)
            {
                if (!_losses.TryGetValue(p.Name, out var list)) _losses[p.Name] = list = [];
                if (list.Count == t.Epoch - 1) list.Add(t.EpochLoss);
            }
            progress?.Invoke(p);
        }
        foreach (var row in StrategyComparison.Run(_set, _training, Options.Neighbors, Watch, ct, draw, Options))
        {
            _rows.Add(row);
            yield return row;
        }
    }

    /// <summary>The files asked for, in the order to write them: the table's Markdown and CSV, then the report; each
    /// writes the rows done so far through a temporary file renamed over the target.</summary>
    public IReadOnlyList<ComparisonOutput> Outputs()
    {
        var outputs = new List<ComparisonOutput>();
        if (Files.MarkdownPath is { } md) outputs.Add(new(ComparisonOutputKind.Markdown, md, () => ComparisonTable.WriteMarkdown(_rows, md)));
        if (Files.CsvPath is { } csv) outputs.Add(new(ComparisonOutputKind.Csv, csv, () => ComparisonTable.WriteCsv(_rows, csv)));
        if (Files.ReportPath is { } html)
            outputs.Add(new(ComparisonOutputKind.Report, html, () => ComparisonReport.Build(Models, _rows, ReportFigures(), Settings(DateTimeOffset.Now), Losses).Save(html)));
        return outputs;
    }

    /// <summary>What this run was given, as the report's settings block shows it, dated <paramref name="date"/>.</summary>
    public ComparisonSettings Settings(DateTimeOffset date) => ComparisonSettings.Of(_set, _training, Options, date);
}

/// <summary>The files a comparison writes at the end; null writes none of that kind.</summary>
public sealed record ComparisonFiles
{
    /// <summary>The table in Markdown (<see cref="ComparisonTable.Paths"/> gives it and <see cref="CsvPath"/> from one stem).</summary>
    public string? MarkdownPath { get; init; }
    public string? CsvPath { get; init; }

    /// <summary>One self-contained HTML page: the table, the recall chart, each strategy's t-SNE map and clusters.</summary>
    public string? ReportPath { get; init; }
}

/// <summary>What a comparison's output file holds.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum ComparisonOutputKind
{
    Markdown,
    Csv,
    Report,
}

/// <summary>A file of a comparison, ready to write.</summary>
public sealed class ComparisonOutput(ComparisonOutputKind kind, string path, Action write)
{
    public ComparisonOutputKind Kind { get; } = kind;
    public string Path { get; } = path;

    /// <summary>Writes the file whole or not at all (a temporary file renamed over the target).</summary>
    /// <exception cref="IOException">The drive is full, the folder is gone, or the target cannot be replaced.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or the target is not writable.</exception>
    public void Write() => write();

    public override string ToString() => $"{Kind} {Path}";
}
