using System.Globalization;
using System.Management.Automation;
using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>Trains a user encoder: the study's triplet loss on the pairs a strategy mines, or the UserMovie objective.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "EncoderTraining", SupportsShouldProcess = true)]
[OutputType(typeof(TrainedEncoder))]
public sealed class InvokeEncoderTrainingCommand : EncoderTrainingCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public RatingSet InputObject { get; set; } = null!;

    [Parameter(Position = 0)]
    [PairStrategyTransformation]
    [ArgumentCompleter(typeof(PairStrategyPresetCompleter))]
    [CoreDefault(typeof(PairStrategy), nameof(PairStrategy.Preset))]
    public PairStrategy Strategy { get; set; } = new();

    [Parameter]
    [ValidateRange(1, 65_536)]
    [TrainingDefault(nameof(TrainingOptions.InputDim))]
    public int? EmbeddingSize { get; set; }

    [Parameter]
    [ValidateRange(1, 65_536)]
    [TrainingDefault(nameof(TrainingOptions.HiddenDim))]
    public int? HiddenSize { get; set; }

    [Parameter]
    [ValidateRange(1, 65_536)]
    [TrainingDefault(nameof(TrainingOptions.LatentDim))]
    public int? LatentSize { get; set; }

    /// <summary>UserUser (the study's triplets) or UserMovie (InfoNCE between users and the movies they rated).</summary>
    [Parameter]
    [CoreDefault(typeof(TrainingOptions), nameof(TrainingOptions.Objective))]
    public TrainingObjective Objective { get; set; } = new TrainingOptions().Objective;

    /// <summary>Id (a vector per user, the study's), Profile (a bag of the user's rated movies) or Graph (LightGCN-style
    /// propagation over the user-movie graph); Profile and Graph need UserMovie.</summary>
    [Parameter]
    [CoreDefault(typeof(TrainingOptions), nameof(TrainingOptions.Encoder))]
    public EncoderKind Encoder { get; set; } = new TrainingOptions().Encoder;

    [Parameter]
    [ValidateRange(1e-4, 100.0)]
    [TrainingDefault(nameof(TrainingOptions.Temperature), Objectives = [TrainingObjective.UserMovie])]
    public double? Temperature { get; set; }

    [Parameter]
    [ValidateRange(0.0, 1000.0)]
    [TrainingDefault(nameof(TrainingOptions.PairWeight), Objectives = [TrainingObjective.UserMovie])]
    public double? PairWeight { get; set; }

    [Parameter]
    [ValidateRange(0.0, 100.0)]
    [TrainingDefault(nameof(TrainingOptions.WeightDecay), Objectives = [TrainingObjective.UserMovie])]
    public double? WeightDecay { get; set; }

    [Parameter]
    [ValidateRange(0.0, 0.95)]
    [TrainingDefault(nameof(TrainingOptions.InputDropout), Encoders = [EncoderKind.Profile])]
    public double? InputDropout { get; set; }

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    [TrainingDefault(nameof(TrainingOptions.DislikedWeight), Objectives = [TrainingObjective.UserMovie])]
    public double? DislikedWeight { get; set; }

    /// <summary>UserMovie on implicit data: weigh each interaction by its count (TrainingOptions.CountWeighting).</summary>
    [Parameter]
    public SwitchParameter CountWeighting { get; set; }

    /// <summary>Graph encoder: propagation layers.</summary>
    [Parameter]
    [ValidateRange(0, 8)]
    [TrainingDefault(nameof(TrainingOptions.Layers), Encoders = [EncoderKind.Graph])]
    public int? Layers { get; set; }

    /// <summary>Graph encoder: weight of the contrastive term between two noise-perturbed views.</summary>
    [Parameter]
    [ValidateRange(0.0, 100.0)]
    [TrainingDefault(nameof(TrainingOptions.ContrastWeight), Encoders = [EncoderKind.Graph])]
    public double? ContrastWeight { get; set; }

    /// <summary>Graph encoder: length of the noise added to each propagated layer for the contrastive term.</summary>
    [Parameter]
    [ValidateRange(0.0, 10.0)]
    [TrainingDefault(nameof(TrainingOptions.NoiseScale), Encoders = [EncoderKind.Graph])]
    public double? NoiseScale { get; set; }

    /// <summary>Where to save the model as trained so far if the run is stopped (Ctrl+C).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PartialModelPath { get; set; }

    /// <summary>Let -PartialModelPath replace an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>The model's name in results, tables and charts; unset, its strategy or encoder ("Strategy 4", "UserMovie (Profile)").</summary>
    [Parameter]
    public string? Name { get; set; }

    // Null when there is no -PartialModelPath or the user declined it (-WhatIf, -Confirm): a stopped run then keeps nothing.
    private string? _partialModelPath;

    protected override void BeginProcessing()
    {
        ThrowIfInvalidModelName(Name);
        // Asked before training, not after a Ctrl+C: a long run must not end in a refusal or a prompt.
        if (PartialModelPath is null) return;
        var path = ResolvePath(PartialModelPath);
        if (ShouldWrite(path, OutputFile.Model, Force, "Save the model trained so far if training is stopped (Ctrl+C)", "-PartialModelPath"))
            _partialModelPath = path;
    }

    protected override void ProcessRecord()
    {
        // The objective's defaults come from the core, which also refuses an encoder the objective cannot train;
        // what the user names wins.
        var defaults = Run(() => TrainingOptions.Defaults(Objective, Encoder));
        var options = WithSharedParameters(defaults) with
        {
            InputDim = EmbeddingSize ?? defaults.InputDim,
            HiddenDim = HiddenSize ?? defaults.HiddenDim,
            LatentDim = LatentSize ?? defaults.LatentDim,
            Temperature = Temperature ?? defaults.Temperature,
            PairWeight = PairWeight ?? defaults.PairWeight,
            WeightDecay = WeightDecay ?? defaults.WeightDecay,
            InputDropout = InputDropout ?? defaults.InputDropout,
            DislikedWeight = DislikedWeight ?? defaults.DislikedWeight,
            CountWeighting = CountWeighting.IsPresent || defaults.CountWeighting,
            Layers = Layers ?? defaults.Layers,
            ContrastWeight = ContrastWeight ?? defaults.ContrastWeight,
            NoiseScale = NoiseScale ?? defaults.NoiseScale,
            KeepPartialOnCancel = _partialModelPath is not null,
        };
        var activity = Objective == TrainingObjective.UserMovie
            ? $"Invoke-EncoderTraining (UserMovie, {Encoder})"
            : $"Invoke-EncoderTraining ({Strategy.ToString().Split(':')[0]})";
        var progress = new ProgressRecord(2, activity, "Mining pairs");
        TryWriteProgress(progress);
        var lastEpoch = 0;
        void Report(TrainingProgress p)
        {
            progress.StatusDescription = string.Create(CultureInfo.InvariantCulture,
                $"Epoch {p.Epoch}/{p.Epochs}, batch {p.Batch}/{p.Batches}, loss {p.EpochLoss:0.0000}");
            progress.PercentComplete = (int)(100 * p.Fraction);
            progress.SecondsRemaining = SecondsLeft(p.Remaining);
            var epochDone = p.Batch == p.Batches && p.Epoch != lastEpoch;
            TryWriteProgress(progress, now: epochDone);
            if (!epochDone) return;
            lastEpoch = p.Epoch;
            TryWriteVerbose(string.Create(CultureInfo.InvariantCulture, $"Epoch {p.Epoch}/{p.Epochs}: loss {p.EpochLoss:0.000000} ({p.Elapsed.TotalSeconds:0.0} s)"));
        }

        var model = Run(() => EncoderTrainer.Train(InputObject, Strategy, options, Report, Cancellation, Name), InputObject);
        if (!model.IsComplete)
        {
            // Stopped with -PartialModelPath: keep what was learned, emit nothing half-trained.
            var target = _partialModelPath!;
            try
            {
                model.Save(target);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ReportLostPartialModel(target, e);
            }
            finally
            {
                model.Dispose();
            }
            throw new PipelineStoppedException();
        }
        CompleteProgress(progress);
        WriteVerbose($"Mining: {model.MiningStatistics}");
        WriteObject(model);
    }

    // A stopped pipeline takes no more records: the warning reaches the host directly, and the error is put in $Error
    // itself, so a user who pressed Ctrl+C expecting the partial model learns that there is none, and why.
    private void ReportLostPartialModel(string target, Exception e)
    {
        var message = $"Training was stopped, and the model trained so far could not be saved to '{target}': {e.Message} Nothing was kept; free space or choose another -PartialModelPath next time.";
        var error = Refusal("PartialSaveFailed", RefusalCategory.WriteError, message, "Free space on that drive, or give -PartialModelPath a writable place.", target, e);
        try
        {
            WriteWarning(message);
            WriteError(error);
        }
        catch (PipelineStoppedException)
        {
            Host?.UI?.WriteWarningLine(message);
            if (SessionState.PSVariable.GetValue("Error") is System.Collections.ArrayList errors) errors.Insert(0, error);
        }
    }
}
