using System.Globalization;
using System.Management.Automation;
using ContrastiveRec.Data;
using ContrastiveRec.Experiments;
using ContrastiveRec.Pairs;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>Trains a user encoder: the study's triplet loss on the pairs a strategy mines, or the UserMovie objective.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "EncoderTraining", SupportsShouldProcess = true, DefaultParameterSetName = TrainSet)]
[OutputType(typeof(TrainedEncoder))]
public sealed class InvokeEncoderTrainingCommand : EncoderTrainingCmdlet
{
    private const string TrainSet = "Train", ValidatedSet = "Validated";

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

    /// <summary>Standard deviation the user and movie tables start from (TrainingOptions.InitStd).</summary>
    [Parameter]
    [ValidateRange(1e-6, 10.0)]
    public double? InitStd { get; set; }

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

    /// <summary>Validation inside training: a share of the train ratings carved out (0.1), or a set from
    /// Split-RatingSet -Validation of the set trained on.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ValidatedSet)]
    [ValidateNotNull]
    public object Validation { get; set; } = null!;

    /// <summary>Stop after this many validations without a new best, with the best epoch's weights.</summary>
    [Parameter(ParameterSetName = ValidatedSet)]
    [ValidateRange(1, 100_000)]
    public int? Patience { get; set; }

    /// <summary>Halve the learning rate after this many validations without a new best (reduce on plateau).</summary>
    [Parameter(ParameterSetName = ValidatedSet)]
    [ValidateRange(1, 100_000)]
    public int? ReduceLearningRateAfter { get; set; }

    [Parameter(ParameterSetName = ValidatedSet)]
    [ValidateRange(1, 100_000)]
    [CoreDefault(typeof(TrainingValidation), nameof(TrainingValidation.DefaultInterval))]
    public int? ValidationInterval { get; set; }

    /// <summary>The cut-off of the validation's recall.</summary>
    [Parameter(ParameterSetName = ValidatedSet)]
    [ValidateRange(1, 100_000)]
    [CoreDefault(typeof(EpochRecall), nameof(EpochRecall.DefaultK))]
    public int? ValidationK { get; set; }

    /// <summary>At most this many users are scored per validation (a seeded sample).</summary>
    [Parameter(ParameterSetName = ValidatedSet)]
    [ValidateRange(1, int.MaxValue)]
    [CoreDefault(typeof(EpochRecall), nameof(EpochRecall.DefaultUsers))]
    public int? ValidationUsers { get; set; }

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
            InitStd = InitStd ?? defaults.InitStd,
            KeepPartialOnCancel = _partialModelPath is not null,
        };
        var activity = Objective == TrainingObjective.UserMovie
            ? $"Invoke-EncoderTraining (UserMovie, {Encoder})"
            : $"Invoke-EncoderTraining ({Strategy.ToString().Split(':')[0]})";
        var validation = ParameterSetName == ValidatedSet ? Run(ValidationSettings, Validation) : null;
        var progress = new ProgressRecord(2, activity, "Mining pairs");
        TryWriteProgress(progress);
        var lastEpoch = 0;
        var validated = "";
        void Report(TrainingProgress p)
        {
            progress.PercentComplete = (int)(100 * p.Fraction);
            progress.SecondsRemaining = SecondsLeft(p.Remaining);
            if (p.IsValidating)
            {
                progress.StatusDescription = string.Create(CultureInfo.InvariantCulture,
                    $"Epoch {p.Epoch}/{p.Epochs}, loss {p.EpochLoss:0.0000}: validating on {validation!.Validator.Users:N0} users{validated}");
                TryWriteProgress(progress, now: true);
                return;
            }
            if (p.Validation is { } seen)
            {
                var (last, best) = (seen.Scores[^1], seen.Best!);
                validated = string.Create(CultureInfo.InvariantCulture, $", {seen.Metric} {last.Value:0.0000} (best {best.Value:0.0000} at epoch {best.Epoch})");
                TryWriteVerbose(string.Create(CultureInfo.InvariantCulture,
                    $"Epoch {p.Epoch}/{p.Epochs}: {seen.Metric} {last.Value:0.000000} on {seen.Users:N0} validation users ({last.Time.TotalSeconds:0.0} s); best {best.Value:0.000000} at epoch {best.Epoch}"));
                return;
            }
            progress.StatusDescription = string.Create(CultureInfo.InvariantCulture,
                $"Epoch {p.Epoch}/{p.Epochs}, batch {p.Batch}/{p.Batches}, loss {p.EpochLoss:0.0000}{validated}");
            var epochDone = p.Batch == p.Batches && p.Epoch != lastEpoch;
            TryWriteProgress(progress, now: epochDone);
            if (!epochDone) return;
            lastEpoch = p.Epoch;
            TryWriteVerbose(string.Create(CultureInfo.InvariantCulture, $"Epoch {p.Epoch}/{p.Epochs}: loss {p.EpochLoss:0.000000} ({p.Elapsed.TotalSeconds:0.0} s)"));
        }

        var model = Run(() => EncoderTrainer.Train(InputObject, Strategy, options, Report, Cancellation, Name, validation), InputObject);
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
        if (model.Validation is { StoppedEarly: true } history)
            WriteVerbose($"Stopped after epoch {model.EpochsCompleted}: {history.Patience} validations without a new best; the model has epoch {history.BestEpoch}'s weights.");
        WriteVerbose($"Mining: {model.MiningStatistics}");
        WriteObject(model);
    }

    /// <summary>The validation -Validation names: a share carved from the train part, or a set used as given.</summary>
    private TrainingValidation ValidationSettings()
    {
        var (k, users) = (ValidationK ?? EpochRecall.DefaultK, ValidationUsers ?? EpochRecall.DefaultUsers);
        var given = Validation is PSObject wrapped ? wrapped.BaseObject : Validation;
        var validator = given switch
        {
            RatingSet set => new EpochRecall(set, k, users),
            _ when given is not bool && LanguagePrimitives.TryConvertTo(given, CultureInfo.InvariantCulture, out double share) => EpochRecall.Carve(InputObject, share, k, users),
            _ => throw EpochRecall.FractionOutOfRange(given),
        };
        return new TrainingValidation(validator)
        {
            Interval = ValidationInterval ?? TrainingValidation.DefaultInterval,
            Patience = Patience,
            ReduceLearningRateAfter = ReduceLearningRateAfter,
        };
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
