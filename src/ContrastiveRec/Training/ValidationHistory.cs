using System.Globalization;
using System.Text.Json.Serialization;

namespace ContrastiveRec.Training;

/// <summary>One validation: the epoch it followed, its score, how long it took and the learning rate that epoch trained at.</summary>
public sealed record ValidationScore(int Epoch, double Value, TimeSpan Time, double LearningRate = 0)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Epoch}: {Value:0.0000}");
}

/// <summary>
/// What validation inside training saw (<see cref="TrainedEncoder.Validation"/>): the metric, the users it scored, each
/// validation's score, the best epoch (whose weights the model has when it stopped early) and whether it stopped early.
/// Saved in the model file.
/// </summary>
public sealed record ValidationHistory(string Metric, int Users, int Interval, int? Patience, IReadOnlyList<ValidationScore> Scores,
    bool StoppedEarly)
{
    /// <summary>The best-scoring validation (the first of equal scores), or null before any.</summary>
    [JsonIgnore]
    public ValidationScore? Best => Scores.Count == 0 ? null : Scores.Aggregate((best, s) => s.Value > best.Value ? s : best);

    /// <summary>The epoch of <see cref="Best"/>, 0 before any validation.</summary>
    [JsonIgnore]
    public int BestEpoch => Best?.Epoch ?? 0;

    /// <summary>Time spent validating.</summary>
    [JsonIgnore]
    public TimeSpan Time => Scores.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Time);

    /// <summary>"Recall@20 0.3412 at epoch 9 (12 validations, stopped early)": a CSV cell and the views' text.</summary>
    public override string ToString() => Best is { } best
        ? string.Create(CultureInfo.InvariantCulture,
            $"{Metric} {best.Value:0.0000} at epoch {best.Epoch} ({Scores.Count} validation{(Scores.Count == 1 ? "" : "s")} of {Users:N0} users{(StoppedEarly ? ", stopped early" : "")})")
        : $"{Metric}: not validated yet";
}
