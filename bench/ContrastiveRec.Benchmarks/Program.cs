using System.Diagnostics;
using System.Globalization;
using System.Text;
using ContrastiveRec.Benchmarks;

// Each benchmark runs in its own process (build.ps1 -Task Bench starts one per name) so that peak-memory
// figures are not coloured by an earlier benchmark. Results are Markdown rows on stdout and in --results.
var benchmarks = new Dictionary<string, Func<BenchContext, IEnumerable<BenchResult>>>(StringComparer.OrdinalIgnoreCase)
{
    ["import-small"] = ImportBenchmarks.Small,
    ["import-large"] = ImportBenchmarks.Large,
    ["import-generic"] = GenericImportBenchmarks.Csv,
    ["import-parquet"] = GenericImportBenchmarks.ParquetFile,
    ["import-parquet-dictionary"] = GenericImportBenchmarks.ParquetDictionaryFile,
    ["mining"] = TrainingBenchmarks.Mining,
    ["epoch"] = TrainingBenchmarks.Epoch,
    ["tsne"] = VisualizationBenchmarks.Tsne,
    ["evaluation"] = EvaluationBenchmarks.Evaluation,
    ["baselines-large"] = BaselineBenchmarks.Large,
    ["evaluation-large"] = EvaluationLargeBenchmarks.EvaluationLarge,
    ["epoch-large"] = LargeTrainingBenchmarks.EpochLarge,
    ["tsne-large"] = TsneLargeBenchmarks.Run,
    ["similar-large"] = SimilarityLargeBenchmarks.Run,
    ["export-large"] = ExportLargeBenchmarks.Run,
    ["ease-sweep"] = EaseSweepBenchmarks.Run,
};

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

if (args.Length > 0 && args[0] == "generate")
{
    // Not a benchmark: writes a rating set of MovieLens' shape for scale work (see MovieLensShape).
    var defaults = new MovieLensShapeOptions();
    var shape = new MovieLensShapeOptions
    {
        Users = int.Parse(Arg("--users", defaults.Users.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
        Movies = int.Parse(Arg("--movies", defaults.Movies.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
        Ratings = long.Parse(Arg("--ratings", defaults.Ratings.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
        Seed = int.Parse(Arg("--seed", defaults.Seed.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
        TasteGroups = int.Parse(Arg("--groups", defaults.TasteGroups.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
        GroupChoice = double.Parse(Arg("--group-choice", "0"), CultureInfo.InvariantCulture),
    };
    var folder = Arg("--out", Path.Combine(Path.GetTempPath(), "contrastiverec-shape"));
    var clock = Stopwatch.StartNew();
    var count = MovieLensShape.Generate(shape, folder);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count:N0} ratings of {shape.Users:N0} users on {shape.Movies:N0} movies in {folder} ({clock.Elapsed.TotalSeconds:0.0} s)"));
    return 0;
}

if (args.Length == 0 || !benchmarks.ContainsKey(args[0]))
{
    Console.Error.WriteLine($"usage: ContrastiveRec.Benchmarks <{string.Join('|', benchmarks.Keys)}> [--data <ml-latest-small folder>] [--results <folder>]");
    Console.Error.WriteLine("       ContrastiveRec.Benchmarks generate [--users N] [--movies N] [--ratings N] [--seed N] [--groups N] [--group-choice F] [--out <folder>]");
    return 2;
}


var context = new BenchContext(
    Arg("--data", Path.Combine(AppContext.BaseDirectory, "../../../../../../data/ml-latest-small")),
    Arg("--results", Path.Combine(Path.GetTempPath(), "contrastiverec-bench")));
Directory.CreateDirectory(context.ResultsFolder);

var rows = new StringBuilder();
foreach (var r in benchmarks[args[0]](context))
{
    var line = string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Value:0.###} {r.Unit} | {r.Target} |");
    Console.WriteLine(line);
    rows.AppendLine(line);
}
File.WriteAllText(Path.Combine(context.ResultsFolder, args[0] + ".md"), rows.ToString());
return 0;

namespace ContrastiveRec.Benchmarks
{
    public sealed record BenchContext(string DataFolder, string ResultsFolder);

    public sealed record BenchResult(string Name, double Value, string Unit, string Target = "");

    internal static class Measure
    {
        /// <summary>Median wall time of <paramref name="runs"/> runs after one warm-up.</summary>
        public static double MedianMs(int runs, Action action)
        {
            action();
            var times = new double[runs];
            for (var i = 0; i < runs; i++)
            {
                var sw = Stopwatch.StartNew();
                action();
                times[i] = sw.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            return times[runs / 2];
        }

        /// <summary>Resets the kernel's peak-RSS mark (VmHWM) so the next reading covers only what follows.</summary>
        public static void ResetPeakRss() => File.WriteAllText("/proc/self/clear_refs", "5");

        public static long PeakRssBytes() => StatusKb("VmHWM:") * 1024;
        public static long RssBytes() => StatusKb("VmRSS:") * 1024;

        private static long StatusKb(string key)
        {
            var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
            return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
    }
}
