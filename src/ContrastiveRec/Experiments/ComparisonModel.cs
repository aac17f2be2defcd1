using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Training;

namespace ContrastiveRec.Experiments;

/// <summary>Builds one run of a comparison model on the set: <paramref name="run"/> is the seed's index (0 for the first),
/// <paramref name="options"/> the study's training options, <paramref name="progress"/> sees training.</summary>
public delegate BuiltModel BuildComparisonModel(RatingSet set, TrainingOptions options, int run, Action<TrainingProgress>? progress, CancellationToken ct);

/// <summary>A row of the comparison: its name, how it is built, the protocols it is evaluated in and over how many seeds.</summary>
/// <param name="InStudy">Whether the study has the model (its strategies and the three simple baselines); -StudyOnly keeps only these.</param>
public sealed record ComparisonModel(string Name, bool InStudy, IReadOnlyList<EvaluationProtocol> Protocols, int Seeds, BuildComparisonModel Build)
{
    public override string ToString() => Name;
}
