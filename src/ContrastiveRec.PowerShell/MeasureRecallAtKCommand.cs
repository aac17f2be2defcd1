using System.Management.Automation;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.PowerShell;

/// <summary>Evaluates a model's top-K recommendations against its RatingSet's test part: recall, NDCG, hit rate, precision.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "RecallAtK")]
[OutputType(typeof(RecallAtK))]
public sealed class MeasureRecallAtKCommand : ContrastiveRecCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [RecommenderTransformation]
    public IRecommender Model { get; set; } = null!;

    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ValidateRange(1, 100_000)]
    public int[] K { get; set; } = { 10, 20, 50 };

    /// <summary>Study for encoders trained with a strategy, Full for baselines, when not given.</summary>
    [Parameter]
    public EvaluationProtocol? Protocol { get; set; }

    [Parameter]
    [ValidateRange(1, 100_000)]
    public int Neighbors { get; set; } = 10;

    /// <summary>Let movies the user already rated in train take places in the top K (they never count as hits).</summary>
    [Parameter]
    public SwitchParameter IncludeRatedMovies { get; set; }

    protected override void ProcessRecord()
    {
        var protocol = Protocol ?? RankingEvaluator.DefaultProtocol(Model);
        if (protocol == EvaluationProtocol.Study && Model.StudyScope is null)
        {
            WriteError(new ErrorRecord(
                new NotSupportedException($"{Model.Name} has no study protocol (the study evaluated only encoders trained with a pair strategy); use -Protocol Full."),
                "ContrastiveRec.ProtocolNotSupported", ErrorCategory.InvalidOperation, Model));
            return;
        }
        var results = Run(() => RankingEvaluator.Evaluate(Model, protocol, K.Distinct().Order().ToArray(), Neighbors, Cancellation, IncludeRatedMovies.IsPresent));
        WriteObject(results, enumerateCollection: true);
    }
}
