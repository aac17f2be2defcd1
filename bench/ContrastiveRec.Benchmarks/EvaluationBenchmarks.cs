using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Pairs;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;

namespace ContrastiveRec.Benchmarks;

internal static class EvaluationBenchmarks
{
    private static readonly int[] Cutoffs = { 10, 20, 50 };

    /// <summary>Recall/NDCG at 10, 20 and 50 for every user of ml-latest-small: the encoder (both protocols) and each baseline.</summary>
    public static IEnumerable<BenchResult> Evaluation(BenchContext context)
    {
        var set = MovieLensReader.Read(context.DataFolder);
        // Speed does not depend on how well the encoder learned, so one epoch is enough.
        using var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(4), new TrainingOptions { Epochs = 1 });
        var encoder = new EncoderRecommender(model);
        foreach (var protocol in new[] { EvaluationProtocol.Study, EvaluationProtocol.Full })
        {
            RecallAtK[] r = Array.Empty<RecallAtK>();
            var ms = Measure.MedianMs(7, () => r = RankingEvaluator.Evaluate(encoder, protocol, Cutoffs));
            yield return new BenchResult($"evaluation of the Strategy 4 encoder, {protocol} protocol, {r[0].Users} users, K = 10/20/50", ms, "ms", "< 200 ms");
        }
        foreach (var entry in RecommenderRegistry.Baselines)
        {
            var baseline = entry.Build(set);
            var build = baseline.BuildTime.TotalMilliseconds;
            RecallAtK[] r = Array.Empty<RecallAtK>();
            var ms = Measure.MedianMs(5, () => r = RankingEvaluator.Evaluate(baseline, EvaluationProtocol.Full, Cutoffs));
            yield return new BenchResult($"evaluation of the {entry.Kind} baseline, Full protocol, {r[0].Users} users, K = 10/20/50 (built in {build:0} ms)", ms, "ms");
        }
    }
}
