using System.Globalization;
using System.Management.Automation;
using ContrastiveRec.Data;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>Trains the study's user encoder with a triplet loss on the pairs a strategy mines.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "EncoderTraining")]
[OutputType(typeof(TrainedEncoder))]
public sealed class InvokeEncoderTrainingCommand : ContrastiveRecCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public RatingSet InputObject { get; set; } = null!;

    [Parameter(Position = 0)]
    [PairStrategyTransformation]
    public PairStrategy Strategy { get; set; } = PairStrategy.FromPreset(1);

    [Parameter]
    [ValidateRange(1, 100_000)]
    public int Epochs { get; set; } = 20;

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
    public int Seed { get; set; } = 42;

    [Parameter]
    [ValidateRange(1, 65_536)]
    public int EmbeddingSize { get; set; } = 1024;

    [Parameter]
    [ValidateRange(1, 65_536)]
    public int HiddenSize { get; set; } = 600;

    [Parameter]
    [ValidateRange(1, 65_536)]
    public int LatentSize { get; set; } = 200;

    /// <summary>Where to save the model as trained so far if the run is stopped (Ctrl+C).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PartialModelPath { get; set; }

    protected override void ProcessRecord()
    {
        var options = new TrainingOptions
        {
            Epochs = Epochs,
            BatchSize = BatchSize,
            LearningRate = LearningRate,
            Margin = Margin,
            Seed = Seed,
            InputDim = EmbeddingSize,
            HiddenDim = HiddenSize,
            LatentDim = LatentSize,
            KeepPartialOnCancel = PartialModelPath is not null,
        };
        var activity = $"Invoke-EncoderTraining ({Strategy.ToString().Split(':')[0]})";
        var progress = new ProgressRecord(2, activity, "Mining pairs");
        WriteProgress(progress);
        var lastEpoch = 0;
        void Report(TrainingProgress p)
        {
            try
            {
                progress.StatusDescription = string.Create(CultureInfo.InvariantCulture,
                    $"Epoch {p.Epoch}/{p.Epochs}, batch {p.Batch}/{p.Batches}, loss {p.EpochLoss:0.0000}");
                progress.PercentComplete = (int)(100 * p.Fraction);
                WriteProgress(progress);
                if (p.Batch == p.Batches && p.Epoch != lastEpoch)
                {
                    lastEpoch = p.Epoch;
                    WriteVerbose(string.Create(CultureInfo.InvariantCulture, $"Epoch {p.Epoch}/{p.Epochs}: loss {p.EpochLoss:0.000000} ({p.Elapsed.TotalSeconds:0.0} s)"));
                }
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C: the host takes no more output; the cancellation token ends training at the next batch.
            }
        }

        var model = Run(() => EncoderTrainer.Train(InputObject, Strategy, options, Report, Cancellation));
        if (!model.IsComplete)
        {
            // Stopped with -PartialModelPath: keep what was learned, emit nothing half-trained.
            model.Save(ResolvePath(PartialModelPath!));
            throw new PipelineStoppedException();
        }
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        WriteVerbose($"Mining: {model.MiningStatistics}");
        WriteObject(model);
    }
}
