using System.Globalization;
using System.Management.Automation;
using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>The study's experiment: trains strategies 1-4 and the baselines on one split and seed, and emits the recall table.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "StrategyComparison")]
[OutputType(typeof(ComparisonRow))]
public sealed class InvokeStrategyComparisonCommand : ContrastiveRecCmdlet
{
    [Parameter(ValueFromPipeline = true)]
    public RatingSet? InputObject { get; set; }

    [Parameter]
    [ValidateRange(1, 100_000)]
    public int Epochs { get; set; } = 20;

    [Parameter]
    public int Seed { get; set; } = 42;

    [Parameter]
    [ValidateRange(1, 1 << 20)]
    public int BatchSize { get; set; } = 512;

    [Parameter]
    [ValidateRange(1e-9, 10.0)]
    public double LearningRate { get; set; } = 1e-4;

    [Parameter]
    [ValidateRange(0.0, 100.0)]
    public double Margin { get; set; } = 1.0;

    [Parameter]
    [ValidateRange(1, 100_000)]
    public int Neighbors { get; set; } = 10;

    /// <summary>Also write the table to path.md and path.csv.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    protected override void ProcessRecord()
    {
        var set = InputObject ?? Run(() => MovieLensReader.Read(ImportMovieLensCommand.BundledDataPath));
        var options = new TrainingOptions { Epochs = Epochs, Seed = Seed, BatchSize = BatchSize, LearningRate = LearningRate, Margin = Margin };
        var overall = new ProgressRecord(1, "Invoke-StrategyComparison", "Starting");
        var training = new ProgressRecord(2, "Training", "Mining pairs") { ParentActivityId = 1 };
        void Report(ComparisonProgress p)
        {
            try
            {
                overall.StatusDescription = $"{p.Name} ({p.Model} of {p.Models})";
                var within = p.Training?.Fraction ?? 0;
                overall.PercentComplete = (int)(100 * (p.Model - 1 + within) / p.Models);
                WriteProgress(overall);
                if (p.Training is { } t && t.Batch == t.Batches)
                {
                    training.Activity = $"Training {p.Name}";
                    training.StatusDescription = string.Create(CultureInfo.InvariantCulture, $"Epoch {t.Epoch}/{t.Epochs}, loss {t.EpochLoss:0.0000}");
                    training.PercentComplete = (int)(100 * t.Fraction);
                    WriteProgress(training);
                }
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C: the host takes no more output; the cancellation token stops the run at the next batch.
            }
        }

        var rows = new List<ComparisonRow>();
        Run(() =>
        {
            foreach (var row in StrategyComparison.Run(set, options, Neighbors, Report, Cancellation))
            {
                rows.Add(row);
                WriteVerbose(string.Create(CultureInfo.InvariantCulture,
                    $"{row.Model}: full recall@10/20/50 {row.FullRecallAt10:P2}/{row.FullRecallAt20:P2}/{row.FullRecallAt50:P2} ({row.TrainTime.TotalSeconds:0.0} s)"));
                WriteObject(row);
            }
            return rows;
        });
        training.RecordType = ProgressRecordType.Completed;
        overall.RecordType = ProgressRecordType.Completed;
        WriteProgress(training);
        WriteProgress(overall);
        if (Path is not null)
        {
            var (md, csv) = StrategyComparison.Write(rows, ResolvePath(Path));
            WriteVerbose($"Wrote {md} and {csv}");
        }
    }
}
