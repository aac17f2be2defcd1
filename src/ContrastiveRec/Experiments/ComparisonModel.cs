using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Training;

namespace ContrastiveRec.Experiments;

/// <summary>Builds one run of a comparison model on the set: <paramref name="run"/> is the seed's index (0 for the first),
/// <paramref name="options"/> the study's training options, <paramref name="progress"/> sees training.</summary>
public delegate BuiltModel BuildComparisonModel(RatingSet set, TrainingOptions options, int run, Action<TrainingProgress>? progress, CancellationToken ct);

/// <summary>A row of the comparison: its name, how it is built, the protocols it is evaluated in and over how many seeds.</summary>
/// <param name="InStudy">Whether the study has the model (its strategies and the three simple baselines); -StudyOnly keeps only these.</param>
/// <param name="NeedsExplicitRatings">Whether it mines the study's pairs, which need dislikes: such a row is n/a on implicit data.</param>
public sealed record ComparisonModel(string Name, bool InStudy, IReadOnlyList<EvaluationProtocol> Protocols, int Seeds, BuildComparisonModel Build,
    bool NeedsExplicitRatings = false)
{
    /// <summary>Why the model does not apply to <paramref name="set"/> (its row is then n/a, with this reason), or null.</summary>
    public string? NotApplicableTo(RatingSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return NeedsExplicitRatings && set.Feedback.IsImplicit
            ? "its pair strategy needs explicit ratings with dislikes, and the data is implicit (every interaction a like)"
            : null;
    }

    /// <summary>For a row beyond the study that the report may draw ("UserMovie", "Graph"): its first seed's users are
    /// drawn as it is trained, and the report keeps the map of the family's best row (Full recall@20). Null for the
    /// study's strategies, which are always drawn, and for rows never drawn.</summary>
    public string? MapFamily { get; init; }

    public override string ToString() => Name;
}
