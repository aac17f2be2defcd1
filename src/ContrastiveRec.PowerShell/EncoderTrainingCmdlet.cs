using System.Management.Automation;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>The training parameters shared by the cmdlets that train encoders. Unset, each takes the core's default
/// for the objective (<see cref="TrainingOptions.Defaults"/>).</summary>
public abstract class EncoderTrainingCmdlet : ContrastiveRecCmdlet
{
    [Parameter]
    [ValidateRange(1, 100_000)]
    [TrainingDefault(nameof(TrainingOptions.Epochs))]
    public int? Epochs { get; set; }

    [Parameter]
    [ValidateRange(1, 1 << 20)]
    [TrainingDefault(nameof(TrainingOptions.BatchSize))]
    public int? BatchSize { get; set; }

    [Parameter]
    [ValidateRange(1e-9, 10.0)]
    [TrainingDefault(nameof(TrainingOptions.LearningRate))]
    public double? LearningRate { get; set; }

    [Parameter]
    [ValidateRange(0.0, 100.0)]
    [TrainingDefault(nameof(TrainingOptions.Margin))]
    public double? Margin { get; set; }

    [Parameter]
    [TrainingDefault(nameof(TrainingOptions.Seed))]
    public int? Seed { get; set; }

    /// <summary>libtorch threads for the run, at most the machine's cores (more are lowered, with a warning); unset leaves
    /// libtorch's count (one per core).</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    public int? ThreadCount { get; set; }

    /// <summary>Update the user (and sampled movie) tables row by row (TrainingOptions.RowWiseUpdates); -RowWiseUpdates:$false
    /// forces dense steps; unset leaves the core's choice by size.</summary>
    [Parameter]
    public SwitchParameter RowWiseUpdates { get; set; }

    /// <summary><paramref name="defaults"/> with the shared parameters the user gave; warns when the core will run fewer
    /// threads than -ThreadCount asks.</summary>
    protected TrainingOptions WithSharedParameters(TrainingOptions defaults)
    {
        var options = defaults with
        {
            Epochs = Epochs ?? defaults.Epochs,
            BatchSize = BatchSize ?? defaults.BatchSize,
            LearningRate = LearningRate ?? defaults.LearningRate,
            Margin = Margin ?? defaults.Margin,
            Seed = Seed ?? defaults.Seed,
            Threads = ThreadCount ?? defaults.Threads,
            RowWiseUpdates = MyInvocation.BoundParameters.ContainsKey(nameof(RowWiseUpdates)) ? RowWiseUpdates.IsPresent : defaults.RowWiseUpdates,
        };
        // The core caps the count; said here before the run, so a script asking for 1024 threads learns what it got.
        if (options.ForThisMachine().Threads is { } used && used != options.Threads)
            WriteWarning($"-ThreadCount {options.Threads} is more than this machine's {used} cores: the run uses {used} threads, as more would only slow it down.");
        return options;
    }

    /// <summary>The study's settings with what the user gave.</summary>
    protected TrainingOptions StudyOptions() => WithSharedParameters(TrainingOptions.Defaults(TrainingObjective.UserUser, EncoderKind.Id));
}
