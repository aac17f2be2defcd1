using System.Diagnostics;
using ContrastiveRec.Data;
using ContrastiveRec.Experiments;
using ContrastiveRec.Recommendation;
using static TorchSharp.torch;

namespace ContrastiveRec.Benchmarks;

/// <summary>
/// EASE's lambda sweep (issue 24) on --data (the bundled set by default): the whole tuned build as
/// New-BaselineRecommender makes it, then, on the validation part, a sweep that rebuilds everything for each lambda
/// against one that keeps what comes before lambda (EaseGram), in the form EASE chooses and (--movies-form) in the
/// movies form; and the alternative the issue named, one eigendecomposition G = V S V' giving every inverse as
/// V diag(1/(s + lambda)) V', against a Cholesky factorisation and inverse of the same G.
/// </summary>
internal static class EaseSweepBenchmarks
{
    public static IEnumerable<BenchResult> Run(BenchContext context)
    {
        var args = Environment.GetCommandLineArgs();
        var moviesForm = args.Contains("--movies-form");
        var set = MovieLensReader.Read(context.DataFolder);
        var clock = Stopwatch.StartNew();
        var tuned = BaselineTuning.Build(BaselineKind.Ease, set);
        yield return new BenchResult($"tuned EASE build ({tuned.Settings}; choice {tuned.TuningTime.TotalSeconds:0.0} s)", clock.Elapsed.TotalSeconds, "s");
        var validation = set.TrainPart(new SearchOptions().ValidationFraction, new SearchOptions().Seed);
        var lambdas = BaselineTuning.EaseLambdas;
        foreach (var viaUsers in moviesForm ? new bool?[] { null, false } : [null])
        {
            var form = viaUsers is null ? "its own form" : "the movies form";
            clock.Restart();
            foreach (var lambda in lambdas) _ = new EaseRecommender(validation, lambda, 1, viaUsers, BaselineSettings.DefaultMemoryBudget);
            yield return new BenchResult($"{lambdas.Count} lambdas in {form}, each built whole", clock.Elapsed.TotalSeconds, "s");
            clock.Restart();
            using (var sweep = new EaseGram())
                foreach (var lambda in lambdas) _ = new EaseRecommender(validation, lambda, 1, viaUsers, BaselineSettings.DefaultMemoryBudget, sweep: sweep);
            yield return new BenchResult($"{lambdas.Count} lambdas in {form}, sharing what comes before lambda", clock.Elapsed.TotalSeconds, "s");
        }
        var at = Array.IndexOf(args, "--min-ratings");
        foreach (var r in Factorisations(validation, at >= 0 ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : 5)) yield return r;
    }

    // On the movies of the validation part with --min-ratings or more ratings (5: a Gram of a few thousand movies):
    // one Cholesky factorisation and inverse against one eigendecomposition and one V diag V'.
    private static IEnumerable<BenchResult> Factorisations(RatingSet set, int minRatings)
    {
        var counts = new int[set.MovieCount];
        for (var r = 0; r < set.RatingCount; r++) if (!set.Split.IsTestRow[r]) counts[set.MovieColumn[r]]++;
        var column = Enumerable.Repeat(-1, set.MovieCount).ToArray();
        var k = 0;
        for (var m = 0; m < set.MovieCount; m++) if (counts[m] >= minRatings) column[m] = k++;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var G = zeros(k, k, dtype: ScalarType.Float64);
        var g = NativeTensor.Elements<double>(G);
        ItemGram.Of(set, column, k, binary: true).Rows(lowerOnly: false, (a, row) => row.CopyTo(NativeTensor.Span<double>(g, (long)a * k, k)), null, default);
        G.diagonal().add_(ones(k, dtype: ScalarType.Float64), 100);
        var clock = Stopwatch.StartNew();
        using (var P = linalg.cholesky(G).cholesky_inverse()) { }
        yield return new BenchResult($"one lambda by Cholesky and inverse, {k:N0} movies", clock.Elapsed.TotalSeconds, "s");
        clock.Restart();
        var (s, V) = linalg.eigh(G);
        yield return new BenchResult($"eigendecomposition, {k:N0} movies (once for every lambda)", clock.Elapsed.TotalSeconds, "s");
        clock.Restart();
        using (var P = (V * (1 / (s + 100)).unsqueeze(0)).matmul(V.t())) { }
        yield return new BenchResult($"one lambda from the eigendecomposition (V diag V'), {k:N0} movies", clock.Elapsed.TotalSeconds, "s");
    }
}
