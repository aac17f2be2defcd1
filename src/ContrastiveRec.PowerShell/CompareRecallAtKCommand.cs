using System.Management.Automation;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Experiments;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.PowerShell;

/// <summary>Compares a model with a reference over the same users: per cut-off and measure, the mean difference, its
/// confidence interval and the p-value of a paired t-test, so a small gap is shown to be real or noise.</summary>
[Cmdlet(VerbsData.Compare, "RecallAtK")]
[OutputType(typeof(ModelDifference))]
public sealed class CompareRecallAtKCommand : ContrastiveRecCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [RecommenderTransformation]
    public IRecommender Model { get; set; } = null!;

    /// <summary>The model to compare with (EASE, say), built on the same ratings and split.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [RecommenderTransformation]
    public IRecommender Reference { get; set; } = null!;

    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [ValidateRange(1, 100_000)]
    [CoreDefault(typeof(RankingEvaluator), nameof(RankingEvaluator.DefaultCutoffs))]
    public int[]? K { get; set; }

    /// <summary>Measures to test; PooledRecall and Coverage are not means over users and cannot be paired.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateSet(nameof(RankingMetric.Recall), nameof(RankingMetric.Ndcg), nameof(RankingMetric.Map), nameof(RankingMetric.Mrr), nameof(RankingMetric.HitRate),
        nameof(RankingMetric.Precision), nameof(RankingMetric.MeanPopularity), nameof(RankingMetric.PopularityPercentile), nameof(RankingMetric.Novelty), IgnoreCase = true)]
    [CoreDefault(typeof(PairedComparison), nameof(PairedComparison.DefaultMetrics))]
    public RankingMetric[]? Metric { get; set; }

    [Parameter]
    [TestPartProtocolTransformation]
    [ValidateSet(nameof(EvaluationProtocol.Study), nameof(EvaluationProtocol.Full), IgnoreCase = true)]
    [CoreDefault(typeof(RankingEvaluator), nameof(RankingEvaluator.DefaultProtocol))]
    public EvaluationProtocol? Protocol { get; set; }

    /// <summary>Of the interval, and the p-value below which a difference is marked significant (1 - confidence).</summary>
    [Parameter]
    [ValidateRange(0.5, 0.999)]
    [CoreDefault(typeof(PairedComparison), nameof(PairedComparison.DefaultConfidence))]
    public double? Confidence { get; set; }

    protected override void ProcessRecord()
    {
        Model = Usable(Model);
        Reference = Usable(Reference);
        var progress = new ProgressRecord(8, "Compare-RecallAtK", $"Ranking movies for {Model.Name} and {Reference.Name}");
        void Report(EvaluationProgress p)
        {
            progress.PercentComplete = (int)(100 * p.Fraction);
            progress.SecondsRemaining = SecondsLeft(p.Remaining);
            TryWriteProgress(progress);
        }
        var cutoffs = (K ?? RankingEvaluator.DefaultCutoffs).Distinct().Order().ToArray();
        // Models on other data, or a protocol one of them lacks, fail this pair only: the next piped model is still compared.
        if (!TryRun(() => PairedComparison.Compare(Model, Reference, Protocol ?? RankingEvaluator.DefaultProtocol, cutoffs, Metric, Confidence ?? PairedComparison.DefaultConfidence, Cancellation, Report),
                out var differences, "DifferentData", "ProtocolNotSupported"))
            return;
        CompleteProgress(progress);
        WriteObject(differences, enumerateCollection: true);
    }
}
