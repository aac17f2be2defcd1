using System.Globalization;
using System.Management.Automation;
using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Experiments;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>The study's experiment: trains the models of <see cref="ComparisonModels"/> on one split and emits the recall
/// table; the run and its files are <see cref="ComparisonRun"/>'s.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "StrategyComparison", SupportsShouldProcess = true)]
[TrainingDefaultScope(TrainingObjective.UserUser, AllObjectives = [nameof(Epochs)])]
[OutputType(typeof(ComparisonRow))]
public sealed class InvokeStrategyComparisonCommand : EncoderTrainingCmdlet
{
    [Parameter(ValueFromPipeline = true)]
    public RatingSet? InputObject { get; set; }

    [Parameter]
    [ValidateRange(1, 100_000)]
    [CoreDefault(typeof(ComparisonOptions), nameof(ComparisonOptions.Neighbors))]
    public int? Neighbors { get; set; }

    /// <summary>Also write the table to path.md and path.csv.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Also write one self-contained HTML page: the table, the recall chart, each strategy's t-SNE map and clusters.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ReportPath { get; set; }

    /// <summary>Clusters per strategy in the report's maps.</summary>
    [Parameter]
    [ValidateRange(2, 20)]
    [CoreDefault(typeof(ComparisonOptions), nameof(ComparisonOptions.Clusters))]
    public int? Clusters { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Only the models the study has (<see cref="ComparisonModel.InStudy"/>).</summary>
    [Parameter]
    public SwitchParameter StudyOnly { get; set; }

    /// <summary>Seeds the UserMovie rows are averaged over.</summary>
    [Parameter]
    [ValidateRange(1, 100)]
    [CoreDefault(typeof(ComparisonOptions), nameof(ComparisonOptions.Seeds))]
    public int? Seeds { get; set; }

    /// <summary>Train/test splits every row is run on (the set's own, then split seeds + 1, + 2, ...).</summary>
    [Parameter]
    [ValidateRange(1, 20)]
    [CoreDefault(typeof(ComparisonOptions), nameof(ComparisonOptions.Splits))]
    public int? Splits { get; set; }

    /// <summary>Epochs of the UserMovie rows, over -Epochs (their validated defaults when neither is given).</summary>
    [Parameter]
    [ValidateRange(1, 100_000)]
    [TrainingDefault(nameof(TrainingOptions.Epochs), Objectives = [TrainingObjective.UserMovie])]
    public int? UserMovieEpochs { get; set; }

    /// <summary>Weight of Strategy 1's triplet loss in the "with pairs" UserMovie row.</summary>
    [Parameter]
    [ValidateRange(0.0, 1000.0)]
    [CoreDefault(typeof(ComparisonOptions), nameof(ComparisonOptions.PairWeight))]
    public double? PairWeight { get; set; }

    /// <summary>Weight of the contrastive term in the "UserMovie (Graph) + contrastive term" row.</summary>
    [Parameter]
    [ValidateRange(0.0, 100.0)]
    [CoreDefault(typeof(ComparisonOptions), nameof(ComparisonOptions.ContrastWeight))]
    public double? ContrastWeight { get; set; }

    protected override void ProcessRecord()
    {
        var files = AskForFiles();
        var set = InputObject ?? Run(() => MovieLensReader.Read(ImportMovieLensCommand.BundledDataPath));
        var defaults = new ComparisonOptions();
        var comparison = defaults with
        {
            BeyondStudy = !StudyOnly,
            Seeds = Seeds ?? defaults.Seeds,
            Splits = Splits ?? defaults.Splits,
            PairWeight = PairWeight ?? defaults.PairWeight,
            ContrastWeight = ContrastWeight ?? defaults.ContrastWeight,
            // -Epochs is every trained row's, the UserMovie rows' too; -UserMovieEpochs is theirs alone.
            UserMovieEpochs = UserMovieEpochs ?? Epochs,
            Neighbors = Neighbors ?? defaults.Neighbors,
            Clusters = Clusters ?? defaults.Clusters,
        };
        var run = new ComparisonRun(set, StudyOptions(), comparison, files);
        var overall = new ProgressRecord(1, "Invoke-StrategyComparison", "Starting");
        var training = new ProgressRecord(2, "Training", "Mining pairs") { ParentActivityId = overall.ActivityId };
        void Report(ComparisonProgress p)
        {
            overall.StatusDescription = $"{p.Name} ({p.Model} of {p.Models})";
            overall.PercentComplete = (int)(100 * p.Fraction);
            if (p.Remaining is not null) overall.SecondsRemaining = SecondsLeft(p.Remaining);
            // A model's start and the report's map are new stages: shown at once, as their text would otherwise wait.
            TryWriteProgress(overall, now: p.Training is null);
            if (p.Training is not { } t || t.Batch != t.Batches) return;
            training.Activity = $"Training {p.Name}";
            training.StatusDescription = string.Create(CultureInfo.InvariantCulture, $"Epoch {t.Epoch}/{t.Epochs}, loss {t.EpochLoss:0.0000}");
            training.PercentComplete = (int)(100 * t.Fraction);
            training.SecondsRemaining = SecondsLeft(t.Remaining);
            TryWriteProgress(training, now: true);
        }

        Run(() =>
        {
            foreach (var row in run.Rows(Report, Cancellation))
            {
                var full = string.Join('/', StrategyComparison.Cutoffs.Select(k => row.Recall(EvaluationProtocol.Full, k)?.ToString("P2", CultureInfo.InvariantCulture)));
                WriteVerbose(string.Create(CultureInfo.InvariantCulture,
                    $"{row.Model}: full recall@{string.Join('/', StrategyComparison.Cutoffs)} {full}, NDCG@10 {row.Ndcg(EvaluationProtocol.Full, 10):P2} ({row.Seeds} seed(s){(row.Splits > 1 ? $" x {row.Splits} splits" : "")}, {row.TrainSeconds:0.0} s)"));
                WriteObject(row);
            }
        });
        CompleteProgress(training, overall);
        // The rows are out already: a file that fails (a disk filled during the run) is an error, the others still written.
        foreach (var output in run.Outputs())
        {
            if (WriteFileOrError(output.Path, output.Kind == ComparisonOutputKind.Report ? OutputFile.Report : OutputFile.Table, output.Write))
                WriteVerbose(output.Kind == ComparisonOutputKind.Report ? $"Wrote the report {output.Path}" : $"Wrote {output.Path}");
        }
    }

    /// <summary>Every file is asked for before the run: a comparison takes minutes, and must not end in a refusal or a
    /// prompt. A declined file (-WhatIf, -Confirm) is not written; the rows are still emitted.</summary>
    private ComparisonFiles AskForFiles()
    {
        string? markdown = null, csv = null, report = null;
        if (Path is not null)
        {
            // The table's path is a stem (.md and .csv are added), so a folder is refused as such, not written beside.
            var stem = ResolvePath(Path);
            ThrowIfFolder(stem, OutputFile.Table, "-Path");
            var (md, table) = ComparisonTable.Paths(stem);
            if (ShouldWrite(md, OutputFile.Table, Force, "Write the comparison table (Markdown)")) markdown = md;
            if (ShouldWrite(table, OutputFile.Table, Force, "Write the comparison table (CSV)")) csv = table;
        }
        if (ReportPath is not null && ResolvePath(ReportPath) is var html && ShouldWrite(html, OutputFile.Report, Force, "Write the HTML report", "-ReportPath"))
            report = html;
        return new ComparisonFiles { MarkdownPath = markdown, CsvPath = csv, ReportPath = report };
    }
}
