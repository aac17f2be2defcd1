using System.Management.Automation;
using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.PowerShell;

/// <summary>Evaluates a model's top-K recommendations against its RatingSet's test part: recall, NDCG, hit rate, precision.
/// With -Newcomers, evaluates recommendations to people held out of training, told part of their ratings.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "RecallAtK", DefaultParameterSetName = TestPartSet)]
[OutputType(typeof(RecallAtK))]
public sealed class MeasureRecallAtKCommand : ContrastiveRecCmdlet
{
    private const string TestPartSet = "TestPart", NewcomersSet = "Newcomers";

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [RecommenderTransformation]
    public IRecommender Model { get; set; } = null!;

    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ValidateRange(1, 100_000)]
    public int[] K { get; set; } = RankingEvaluator.DefaultCutoffs.ToArray();

    /// <summary>Full for every model when not given (the core's default); Study for the study's figure. The set leaves Newcomers out,
    /// so Tab never offers it: it is measured with -Newcomers, in the other parameter set.</summary>
    [Parameter(ParameterSetName = TestPartSet)]
    [TestPartProtocolTransformation]
    [ValidateSet(nameof(EvaluationProtocol.Study), nameof(EvaluationProtocol.Full), IgnoreCase = true)]
    public EvaluationProtocol? Protocol { get; set; }

    [Parameter(ParameterSetName = TestPartSet)]
    [ValidateRange(1, 100_000)]
    public int Neighbors { get; set; } = RecommendationScope.Full.Neighbors;

    /// <summary>Let movies the user already rated in train take places in the top K (they never count as hits).</summary>
    [Parameter(ParameterSetName = TestPartSet)]
    public SwitchParameter IncludeRatedMovies { get; set; }

    /// <summary>People held out of the model's training (the Newcomers of Split-RatingSet -HoldOutUsers): their train ratings
    /// are told to the model, their test ratings are the ones to find.</summary>
    [Parameter(Mandatory = true, ParameterSetName = NewcomersSet)]
    public RatingSet Newcomers { get; set; } = null!;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == NewcomersSet)
        {
            MeasureNewcomers();
            return;
        }
        var protocol = Protocol ?? RankingEvaluator.DefaultProtocol;
        try
        {
            var progress = new ProgressRecord(7, "Measure-RecallAtK", $"Ranking movies for {Model.Name}");
            var shown = System.Diagnostics.Stopwatch.StartNew();
            void Report(EvaluationProgress p)
            {
                // At most a few records a second: the host's rendering would cost more than the work between them.
                if (shown.ElapsedMilliseconds < 250 && p.Fraction < 1) return;
                shown.Restart();
                try
                {
                    progress.PercentComplete = (int)(100 * p.Fraction);
                    progress.SecondsRemaining = SecondsLeft(p.Remaining);
                    WriteProgress(progress);
                }
                catch (PipelineStoppedException)
                {
                    // Ctrl+C: the host takes no more output; the cancellation token ends the evaluation.
                }
            }
            var results = Run(() => RankingEvaluator.Evaluate(Model, protocol, K.Distinct().Order().ToArray(), Neighbors, Cancellation, IncludeRatedMovies.IsPresent, Report));
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            WarnIfNobodyCounted(results);
            WriteObject(results, enumerateCollection: true);
        }
        catch (NotSupportedException e)
        {
            WriteError(new ErrorRecord(e, "ContrastiveRec.ProtocolNotSupported", ErrorCategory.InvalidOperation, Model));
        }
    }

    private void MeasureNewcomers()
    {
        try
        {
            NewcomerRecommender.For(Model); // the core's refusal names the models that can
        }
        catch (InvalidOperationException e)
        {
            WriteError(new ErrorRecord(e, "ContrastiveRec.CannotFoldInNewcomers", ErrorCategory.InvalidOperation, Model));
            return;
        }
        try
        {
            var results = Run(() => NewcomerEvaluation.Evaluate(Model, Newcomers, K.Distinct().Order().ToArray(), Cancellation));
            WarnIfNobodyCounted(results);
            WriteObject(results, enumerateCollection: true);
        }
        catch (ArgumentException e)
        {
            WriteError(Refusal(e, "NotNewcomers", ErrorCategory.InvalidArgument, Newcomers, "Give -Newcomers the Newcomers of Split-RatingSet -HoldOutUsers, and evaluate a model trained on its Training part."));
        }
    }

    // A recall over no users measures nothing: its figures are missing (NaN, n/a), and the user is told why.
    private void WarnIfNobodyCounted(IReadOnlyList<RecallAtK> results)
    {
        if (results.Count == 0 || results[0].Users > 0) return;
        WriteWarning($"No user could be evaluated with {results[0].Model} under the {results[0].Protocol} protocol: none has a relevant " +
            "test movie (a liked movie among the candidates), so the figures are missing (n/a). Check the split and the like threshold.");
    }
}
