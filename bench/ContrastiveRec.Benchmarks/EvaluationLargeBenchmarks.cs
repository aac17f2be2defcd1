using System.Diagnostics;
using System.Globalization;
using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Pairs;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;

namespace ContrastiveRec.Benchmarks;

/// <summary>Full recall@10/20/50 over every user of a large set (--data, e.g. a generated 25M set) for MostPopular,
/// UserKnn and an (untrained) Strategy 4 encoder, and one user's recommendations: time and peak memory per stage.</summary>
internal static class EvaluationLargeBenchmarks
{
    private static readonly int[] Cutoffs = { 10, 20, 50 };

    public static IEnumerable<BenchResult> EvaluationLarge(BenchContext context)
    {
        var results = new List<BenchResult>();
        var set = Stage(results, "import", () => MovieLensReader.Read(context.DataFolder));
        Console.Error.WriteLine($"{set.UserCount:N0} users, {set.MovieCount:N0} movies, {set.RatingCount:N0} ratings");

        // --models MostPopular,UserKnn,Encoder (the default) runs some of them only; ItemKnn and UserMovie are asked for by name.
        var args = Environment.GetCommandLineArgs();
        var at = Array.IndexOf(args, "--models");
        var models = (at >= 0 && at + 1 < args.Length ? args[at + 1] : "MostPopular,UserKnn,Encoder").Split(',', StringSplitOptions.TrimEntries);
        bool Runs(string name) => models.Contains(name, StringComparer.OrdinalIgnoreCase);

        if (Runs("MostPopular"))
        {
            var popular = Stage(results, "MostPopular: build", () => RecommenderRegistry.Build(BaselineKind.MostPopular, set));
            Evaluate(results, popular);
        }
        if (Runs("UserKnn"))
        {
            var userKnn = Stage(results, "UserKnn: build", () => RecommenderRegistry.Build(BaselineKind.UserKnn, set));
            OneUser(results, userKnn);
            Evaluate(results, userKnn);
        }
        if (Runs("ItemKnn"))
        {
            var itemKnn = Stage(results, "ItemKnn: build", () => RecommenderRegistry.Build(BaselineKind.ItemKnn, set));
            OneUser(results, itemKnn);
            Evaluate(results, itemKnn);
        }
        if (Runs("UserMovie"))
        {
            // An untrained UserMovie id model: scoring every movie for every user costs the same trained or not.
            using var userMovie = Stage(results, "UserMovie (untrained id encoder): embeddings of all users", () => UntrainedUserMovie(set));
            var scoring = Stage(results, "UserMovie: recommender", () => RecommenderRegistry.ForEncoder(userMovie));
            OneUser(results, scoring);
            Evaluate(results, scoring);
        }
        if (!Runs("Encoder")) return results;

        // Speed does not depend on how well the encoder learned (an epoch of Strategy 4 on 5M ratings takes over ten
        // minutes here): an untrained id encoder, its embeddings encoded for all users once.
        using var model = Stage(results, "Strategy 4 (untrained id encoder): embeddings of all users", () =>
        {
            TorchSharp.torch.random.manual_seed(42);
            var m = new TrainedEncoder(new UserEncoder(set.UserCount), PairStrategy.FromPreset(4), new TrainingOptions(), Array.Empty<double>(),
                new MiningStatistics(), TimeSpan.Zero, 0, isComplete: false, set, set.Users, data: null);
            m.Embeddings();
            return m;
        });
        var encoder = Stage(results, "Strategy 4: recommender", () => RecommenderRegistry.ForEncoder(model));
        OneUser(results, encoder);
        Evaluate(results, encoder);
        return results;
    }

    private static void Evaluate(List<BenchResult> results, IRecommender model)
    {
        var r = Stage(results, $"{model.Name}: Full recall@10/20/50 over all users",
            () => RankingEvaluator.Evaluate(model, EvaluationProtocol.Full, Cutoffs,
                progress: p => Console.Error.Write(string.Create(CultureInfo.InvariantCulture,
                    $"\r  {model.Name}: {p.Fraction:P1}, {p.Remaining?.TotalSeconds ?? -1:0} s left          "))));
        Console.Error.WriteLine();
        foreach (var x in r) Console.Error.WriteLine("  " + x);
        results.Add(new BenchResult(string.Create(CultureInfo.InvariantCulture,
            $"  {model.Name}: recall@10/20/50 {r[0].Recall:P2} / {r[1].Recall:P2} / {r[2].Recall:P2} over {r[0].Users:N0} users"), r[2].Ndcg * 100, "% NDCG@50"));
    }

    private static void OneUser(List<BenchResult> results, IRecommender model)
    {
        // The first call pays any one-off cost (likes by threshold, normalised embeddings); later users must not.
        var ids = model.RatingSet.UserIds;
        Stage(results, $"{model.Name}: first user's top 10", () => model.RecommendFor(new[] { ids[0] }, 10).ToList());
        var i = 1;
        var ms = Measure.MedianMs(9, () => model.RecommendFor(new[] { ids[(i++ * 7919) % ids.Count] }, 10).ToList());
        results.Add(new BenchResult($"{model.Name}: one user's top 10 (median of 9 users)", ms, "ms", "<= 100 ms"));
    }

    internal static T Stage<T>(List<BenchResult> results, string name, Func<T> work)
    {
        GC.Collect();
        Measure.ResetPeakRss();
        var before = Measure.RssBytes();
        // CPU time beside wall time: on a shared machine it tells what the stage costs when it has the cores to itself.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var value = work();
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var peak = Measure.PeakRssBytes();
        var line = string.Create(CultureInfo.InvariantCulture, $"{name}: {seconds:0.00} s (CPU {cpuSeconds:0.0} s), peak RSS {peak / 1e9:0.00} GB (before {before / 1e9:0.00} GB)");
        Console.Error.WriteLine(line);
        results.Add(new BenchResult(name, seconds, string.Create(CultureInfo.InvariantCulture, $"s, CPU {cpuSeconds:0.0} s, peak {peak / 1e9:0.00} GB (from {before / 1e9:0.00} GB)")));
        return value;
    }

    /// <summary>An untrained UserMovie id model of <paramref name="set"/>, its answers prepared as training prepares
    /// them: scoring and similarity cost the same trained or not, and training one takes minutes here.</summary>
    internal static TrainedEncoder UntrainedUserMovie(RatingSet set)
    {
        TorchSharp.torch.random.manual_seed(42);
        var options = TrainingOptions.UserMovieDefaults();
        return new TrainedEncoder(new UserEncoder(set.UserCount), PairStrategy.FromPreset(4), options, Array.Empty<double>(),
            new MiningStatistics(), TimeSpan.Zero, 0, isComplete: false, set, set.Users, data: null,
            new MovieTable(set.MovieCount, options.LatentDim)).PrepareAnswers();
    }
}
