using System.Globalization;
using System.Management.Automation;
using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Experiments;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>The study's experiment: trains the models of <see cref="ComparisonModels"/> on one split and seed, and emits the recall table.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "StrategyComparison", SupportsShouldProcess = true)]
[TrainingDefaultScope(TrainingObjective.UserUser)]
[OutputType(typeof(ComparisonRow))]
public sealed class InvokeStrategyComparisonCommand : EncoderTrainingCmdlet
{
    [Parameter(ValueFromPipeline = true)]
    public RatingSet? InputObject { get; set; }

    [Parameter]
    [ValidateRange(1, 100_000)]
    public int Neighbors { get; set; } = 10;

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
    public int Clusters { get; set; } = 4;

    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Only the models the study has (<see cref="ComparisonModel.InStudy"/>).</summary>
    [Parameter]
    public SwitchParameter StudyOnly { get; set; }

    /// <summary>Seeds the UserMovie rows are averaged over.</summary>
    [Parameter]
    [ValidateRange(1, 100)]
    public int Seeds { get; set; } = 3;

    /// <summary>Epochs of the UserMovie rows (their validated defaults when not given).</summary>
    [Parameter]
    [ValidateRange(1, 100_000)]
    [TrainingDefault(nameof(TrainingOptions.Epochs), Objectives = [TrainingObjective.UserMovie])]
    public int? UserMovieEpochs { get; set; }

    /// <summary>Weight of Strategy 1's triplet loss in the "with pairs" UserMovie row.</summary>
    [Parameter]
    [ValidateRange(0.0, 1000.0)]
    public double PairWeight { get; set; } = 1;

    /// <summary>Weight of the contrastive term in the "UserMovie (Graph) + contrastive term" row.</summary>
    [Parameter]
    [ValidateRange(0.0, 100.0)]
    public double ContrastWeight { get; set; } = new ComparisonOptions().ContrastWeight;

    protected override void ProcessRecord()
    {
        // Every file is asked for before the run: a comparison takes minutes, and must not end in a refusal or a prompt.
        // A declined file (-WhatIf, -Confirm) is not written; the rows are still emitted.
        string? markdownPath = null, csvPath = null;
        if (Path is not null)
        {
            // The table's path is a stem (.md and .csv are added), so a folder is refused as such, not written beside.
            var stem = ResolvePath(Path);
            ThrowIfFolder(stem, OutputFile.Table, "-Path");
            var (md, csv) = ComparisonTable.Paths(stem);
            if (ShouldWrite(md, OutputFile.Table, Force, "Write the comparison table (Markdown)")) markdownPath = md;
            if (ShouldWrite(csv, OutputFile.Table, Force, "Write the comparison table (CSV)")) csvPath = csv;
        }
        var reportPath = ReportPath is null ? null : ResolvePath(ReportPath);
        if (reportPath is not null && !ShouldWrite(reportPath, OutputFile.Report, Force, "Write the HTML report", "-ReportPath")) reportPath = null;
        var set = InputObject ?? Run(() => MovieLensReader.Read(ImportMovieLensCommand.BundledDataPath));
        var options = StudyOptions();
        var comparison = new ComparisonOptions { BeyondStudy = !StudyOnly, Seeds = Seeds, PairWeight = PairWeight, ContrastWeight = ContrastWeight, UserMovieEpochs = UserMovieEpochs };
        var models = ComparisonModels.For(comparison);
        var overall = new ProgressRecord(1, "Invoke-StrategyComparison", "Starting");
        var training = new ProgressRecord(2, "Training", "Mining pairs") { ParentActivityId = 1 };
        void Report(ComparisonProgress p)
        {
            try
            {
                overall.StatusDescription = $"{p.Name} ({p.Model} of {p.Models})";
                overall.PercentComplete = (int)(100 * p.Fraction);
                if (p.Remaining is not null) overall.SecondsRemaining = SecondsLeft(p.Remaining);
                WriteProgress(overall);
                if (p.Training is { } t && t.Batch == t.Batches)
                {
                    training.Activity = $"Training {p.Name}";
                    training.StatusDescription = string.Create(CultureInfo.InvariantCulture, $"Epoch {t.Epoch}/{t.Epochs}, loss {t.EpochLoss:0.0000}");
                    training.PercentComplete = (int)(100 * t.Fraction);
                    training.SecondsRemaining = SecondsLeft(t.Remaining);
                    WriteProgress(training);
                }
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C: the host takes no more output; the cancellation token stops the run at the next batch.
            }
        }

        var rows = new List<ComparisonRow>();
        var figures = new List<StrategyFigure>();
        Action<string, TrainedEncoder>? draw = reportPath is null ? null : (name, model) =>
        {
            // Drawn while the model is alive; t-SNE of the users takes a second or two per strategy.
            Report(new ComparisonProgress(rows.Count + 1, models.Count, $"{name}: t-SNE map for the report", null));
            figures.Add(ComparisonReport.Figure(model, name, Clusters, options.Seed, Cancellation));
        };
        Run(() =>
        {
            foreach (var row in StrategyComparison.Run(set, options, Neighbors, Report, Cancellation, draw, comparison))
            {
                rows.Add(row);
                var full = string.Join('/', StrategyComparison.Cutoffs.Select(k => row.Recall(EvaluationProtocol.Full, k)?.ToString("P2", CultureInfo.InvariantCulture)));
                WriteVerbose(string.Create(CultureInfo.InvariantCulture,
                    $"{row.Model}: full recall@{string.Join('/', StrategyComparison.Cutoffs)} {full}, NDCG@10 {row.Ndcg(EvaluationProtocol.Full, 10):P2} ({row.Seeds} seed(s), {row.TrainSeconds:0.0} s)"));
                WriteObject(row);
            }
            return rows;
        });
        training.RecordType = ProgressRecordType.Completed;
        overall.RecordType = ProgressRecordType.Completed;
        WriteProgress(training);
        WriteProgress(overall);
        if (markdownPath is not null)
        {
            WriteFile(markdownPath, OutputFile.Table, () => ComparisonTable.WriteMarkdown(rows, markdownPath));
            WriteVerbose($"Wrote {markdownPath}");
        }
        if (csvPath is not null)
        {
            WriteFile(csvPath, OutputFile.Table, () => ComparisonTable.WriteCsv(rows, csvPath));
            WriteVerbose($"Wrote {csvPath}");
        }
        if (reportPath is not null)
        {
            WriteFile(reportPath, OutputFile.Report, () => ComparisonReport.Build(models, rows, figures, System.IO.Path.GetFileName(set.Source.TrimEnd('/'))).Save(reportPath));
            WriteVerbose($"Wrote the report {reportPath}");
        }
    }
}
