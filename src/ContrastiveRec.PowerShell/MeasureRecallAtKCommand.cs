using System.Management.Automation;
using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.PowerShell;

/// <summary>Evaluates a model's top-K recommendations against its RatingSet's test part: recall, NDCG, MAP, MRR, hit rate,
/// precision, and what is recommended (coverage, popularity, novelty). With -Newcomers, evaluates recommendations to
/// people held out of training, told part of their ratings. With -PerUser, one row per user and K.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "RecallAtK", DefaultParameterSetName = TestPartSet)]
[OutputType(typeof(RecallAtK), typeof(UserRecallAtK))]
public sealed class MeasureRecallAtKCommand : ContrastiveRecCmdlet
{
    private const string TestPartSet = "TestPart", NewcomersSet = "Newcomers";

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [RecommenderTransformation]
    public IRecommender Model { get; set; } = null!;

    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ValidateRange(1, 100_000)]
    [CoreDefault(typeof(RankingEvaluator), nameof(RankingEvaluator.DefaultCutoffs))]
    public int[]? K { get; set; }

    /// <summary>Full for every model when not given (the core's default); Study for the study's figure. The set leaves Newcomers out,
    /// so Tab never offers it: it is measured with -Newcomers, in the other parameter set.</summary>
    [Parameter(ParameterSetName = TestPartSet)]
    [TestPartProtocolTransformation]
    [ValidateSet(nameof(EvaluationProtocol.Study), nameof(EvaluationProtocol.Full), IgnoreCase = true)]
    [CoreDefault(typeof(RankingEvaluator), nameof(RankingEvaluator.DefaultProtocol))]
    public EvaluationProtocol? Protocol { get; set; }

    [Parameter(ParameterSetName = TestPartSet)]
    [ValidateRange(1, 100_000)]
    [CoreDefault(typeof(RecommendationScope), nameof(RecommendationScope.Neighbors))]
    public int? Neighbors { get; set; }

    /// <summary>Let movies the user already rated in train take places in the top K (they never count as hits).</summary>
    [Parameter(ParameterSetName = TestPartSet)]
    [Alias("IncludeRatedItems")]
    public SwitchParameter IncludeRatedMovies { get; set; }

    /// <summary>People held out of the model's training (the Newcomers of Split-RatingSet -HoldOutUsers): their train ratings
    /// are told to the model, their test ratings are the ones to find.</summary>
    [Parameter(Mandatory = true, ParameterSetName = NewcomersSet)]
    public RatingSet Newcomers { get; set; } = null!;

    /// <summary>One row per evaluated user and K (UserRecallAtK) instead of the means: for scripts and paired tests.</summary>
    [Parameter]
    public SwitchParameter PerUser { get; set; }

    protected override void ProcessRecord()
    {
        Model = Usable(Model);
        if (ParameterSetName == NewcomersSet)
        {
            MeasureNewcomers();
            return;
        }
        var protocol = Protocol ?? RankingEvaluator.DefaultProtocol;
        var progress = new ProgressRecord(7, "Measure-RecallAtK", $"Ranking movies for {Model.Name}");
        void Report(EvaluationProgress p)
        {
            progress.PercentComplete = (int)(100 * p.Fraction);
            progress.SecondsRemaining = SecondsLeft(p.Remaining);
            TryWriteProgress(progress);
        }
        // A protocol this model cannot do fails this model only: the next piped model is still measured.
        var rows = PerUser ? new List<UserRecallAtK>() : null;
        if (!TryRun(() => RankingEvaluator.Evaluate(Model, protocol, Cutoffs, rows, Neighbors ?? RecommendationScope.Full.Neighbors, Cancellation, IncludeRatedMovies.IsPresent, Report),
                out var results, "ProtocolNotSupported"))
            return;
        CompleteProgress(progress);
        Emit(results, rows);
    }

    private void MeasureNewcomers()
    {
        // A model that cannot fold newcomers in, or newcomers it was trained on, fail this model only.
        var rows = PerUser ? new List<UserRecallAtK>() : null;
        if (!TryRun(() => NewcomerEvaluation.Evaluate(Model, Newcomers, Cutoffs, Cancellation, rows),
                out var results, "CannotFoldInNewcomers", "NotNewcomers"))
            return;
        Emit(results, rows);
    }

    private void Emit(RecallAtK[] results, List<UserRecallAtK>? rows)
    {
        WarnIfNobodyCounted(results);
        if (rows is null) WriteObject(results, enumerateCollection: true);
        else WriteObject(rows, enumerateCollection: true);
    }

    private int[] Cutoffs => (K ?? RankingEvaluator.DefaultCutoffs).Distinct().Order().ToArray();

    // A recall over no users measures nothing: its figures are missing (NaN, n/a), and the user is told why.
    private void WarnIfNobodyCounted(IReadOnlyList<RecallAtK> results)
    {
        if (results.Count == 0 || results[0].Users > 0) return;
        WriteWarning($"No user could be evaluated with {results[0].Model} under the {results[0].Protocol} protocol: none has a relevant " +
            "test movie (a liked movie among the candidates), so the figures are missing (n/a). Check the split and the like threshold.");
    }
}
