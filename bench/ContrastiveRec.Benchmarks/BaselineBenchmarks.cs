using System.Diagnostics;
using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.Benchmarks;

internal static class BaselineBenchmarks
{
    private static readonly int[] Cutoffs = { 10, 20, 50 };

    /// <summary>The item-item baselines on a large set (--data, e.g. /work/shapes/25m): each build, then Full recall at
    /// 10/20/50 over every user, with wall time and peak memory of each stage (peak reset before each).</summary>
    public static IEnumerable<BenchResult> Large(BenchContext context)
    {
        var clock = Stopwatch.StartNew();
        var set = MovieLensReader.Read(context.DataFolder);
        yield return new BenchResult($"read {set.UserCount:N0} users, {set.MovieCount:N0} movies, {set.TrainCount:N0} train ratings", clock.Elapsed.TotalSeconds, "s");
        foreach (var kind in new[] { BaselineKind.ItemKnn, BaselineKind.Ease })
        {
            GC.Collect();
            Measure.ResetPeakRss();
            clock.Restart();
            var lastStage = "";
            var baseline = RecommenderRegistry.Build(kind, set, progress: p =>
            {
                if (p.Stage == lastStage) return;
                lastStage = p.Stage;
                Console.Error.WriteLine($"  {kind}: {p.Stage} from {p.Elapsed.TotalSeconds:0.0} s");
            });
            var build = clock.Elapsed.TotalSeconds;
            yield return new BenchResult($"{kind} build ({baseline.Inner})", build, "s", kind == BaselineKind.Ease ? "<= 300 s" : "");
            yield return new BenchResult($"{kind} build, peak memory", Measure.PeakRssBytes() / 1e9, "GB", kind == BaselineKind.Ease ? "<= 8 GB" : "");
            GC.Collect();
            Measure.ResetPeakRss();
            clock.Restart();
            var r = RankingEvaluator.Evaluate(baseline, EvaluationProtocol.Full, Cutoffs);
            var seconds = clock.Elapsed.TotalSeconds;
            var recall = string.Join(", ", r.Select(x => $"@{x.K} {x.Recall:0.0000}"));
            yield return new BenchResult($"{kind} Full recall over {r[0].Users:N0} users ({recall})", seconds, "s", "<= 120 s");
            yield return new BenchResult($"{kind} evaluation, peak memory", Measure.PeakRssBytes() / 1e9, "GB");
        }
    }
}
