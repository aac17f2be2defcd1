using ContrastiveRec.Training;

namespace ContrastiveRec.Experiments;

/// <summary>Where a comparison run is: model <see cref="Model"/> of <see cref="Models"/>, with training progress while training.</summary>
public sealed record ComparisonProgress(int Model, int Models, string Name, TrainingProgress? Training)
{
    /// <summary>Time since the comparison started (zero when not known).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Which of the model's seeded runs this is (1-based), of <see cref="Runs"/>.</summary>
    public int Run { get; init; } = 1;
    public int Runs { get; init; } = 1;

    /// <summary>Share of the comparison done, 0..1, counting each model as an equal part and its runs as equal parts of it.</summary>
    public double Fraction => Models == 0 ? 1 : (Model - 1 + (Run - 1 + (Training?.Fraction ?? 0)) / Math.Max(1, Runs)) / Models;

    /// <summary>Estimated time to the end of the run at the pace so far; null while the pace is unknown. Models differ in
    /// cost, so this is rough until a few have run.</summary>
    public TimeSpan? Remaining => Elapsed > TimeSpan.Zero ? ProgressEstimate.Remaining(Elapsed, Fraction) : null;
}
