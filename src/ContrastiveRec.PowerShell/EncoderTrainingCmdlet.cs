using System.Management.Automation;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>The study's training parameters, shared by the cmdlets that train encoders with them.</summary>
public abstract class EncoderTrainingCmdlet : ContrastiveRecCmdlet
{
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

    /// <summary>libtorch threads for the run; unset leaves libtorch's count (one per core).</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    public int? ThreadCount { get; set; }

    /// <summary>The study's settings with what the user gave.</summary>
    protected TrainingOptions StudyOptions() =>
        new() { Epochs = Epochs, BatchSize = BatchSize, LearningRate = LearningRate, Margin = Margin, Seed = Seed, Threads = ThreadCount };
}
