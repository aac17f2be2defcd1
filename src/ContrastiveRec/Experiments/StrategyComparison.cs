using System.Diagnostics;
using System.Globalization;
using System.Text;
using ContrastiveRec.Data;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Pairs;

namespace ContrastiveRec.Experiments;

/// <summary>The study's experiment: strategies 1-4 and the baselines, trained on one split with one seed, evaluated alike.</summary>
public static class StrategyComparison
{
    private static readonly int[] Cutoffs = { 10, 20, 50 };

    /// <summary>Trains and evaluates each model in turn, yielding its row as soon as it is done.</summary>
    /// <param name="onModel">Sees each trained strategy before it is disposed (e.g. to draw its users).</param>
    public static IEnumerable<ComparisonRow> Run(RatingSet set, TrainingOptions options, int neighbors = 10,
        Action<ComparisonProgress>? progress = null, CancellationToken ct = default, Action<string, TrainedEncoder>? onModel = null,
        ComparisonOptions? comparison = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        comparison ??= new ComparisonOptions();
        // The whole run, baselines and UserMovie rows included, on the options' thread count.
        using var threads = IntraOpThreads.Use(options.Threads);
        var baselines = RecommenderRegistry.Compared(comparison.BeyondStudy);
        var userMovie = comparison.BeyondStudy
            ? new (string Name, TrainingOptions Options)[]
            {
                ("UserMovie (Id)", TrainingOptions.UserMovieDefaults(EncoderKind.Id)),
                ("UserMovie (Id) + Strategy 1 pairs", TrainingOptions.UserMovieDefaults(EncoderKind.Id) with { PairWeight = comparison.PairWeight }),
                ("UserMovie (Profile)", TrainingOptions.UserMovieDefaults(EncoderKind.Profile)),
            }
            : Array.Empty<(string, TrainingOptions)>();
        var models = 4 + baselines.Count + userMovie.Length;
        for (var preset = 1; preset <= 4; preset++)
        {
            var name = $"Strategy {preset}";
            progress?.Invoke(new ComparisonProgress(preset, models, name, null));
            var index = preset;
            using var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(preset), options,
                p => progress?.Invoke(new ComparisonProgress(index, models, name, p)), ct);
            var encoder = new EncoderRecommender(model);
            var study = RankingEvaluator.Evaluate(encoder, EvaluationProtocol.Study, Cutoffs, neighbors, ct);
            var full = RankingEvaluator.Evaluate(encoder, EvaluationProtocol.Full, Cutoffs, neighbors, ct);
            onModel?.Invoke(name, model);
            yield return Row(encoder.Name, study, full, model.MiningStatistics.TrainRowsKept, model.MiningStatistics.TestRowsKept, model.TrainTime);
        }
        for (var i = 0; i < baselines.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Invoke(new ComparisonProgress(5 + i, models, baselines[i].Kind.ToString(), null));
            var baseline = baselines[i].Build(set);
            var full = RankingEvaluator.Evaluate(baseline, EvaluationProtocol.Full, Cutoffs, neighbors, ct);
            yield return Row(baseline.Name, null, full, set.TrainCount, set.TestCount, baseline.BuildTime);
        }
        for (var i = 0; i < userMovie.Length; i++)
        {
            var (name, defaults) = userMovie[i];
            var index = 5 + baselines.Count + i;
            var runs = new List<RecallAtK[]>();
            var time = TimeSpan.Zero;
            for (var seed = 0; seed < comparison.Seeds; seed++)
            {
                progress?.Invoke(new ComparisonProgress(index, models, $"{name}, seed {seed + 1} of {comparison.Seeds}", null));
                var o = defaults with { Seed = options.Seed + seed, Epochs = comparison.UserMovieEpochs ?? defaults.Epochs };
                using var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), o,
                    p => progress?.Invoke(new ComparisonProgress(index, models, name, p)), ct);
                runs.Add(RankingEvaluator.Evaluate(new UserMovieRecommender(model), EvaluationProtocol.Full, Cutoffs, neighbors, ct));
                time += model.TrainTime;
            }
            yield return Averaged(name, runs, set.TrainCount, set.TestCount, time / comparison.Seeds);
        }
    }

    private static ComparisonRow Averaged(string name, List<RecallAtK[]> runs, int train, int test, TimeSpan time)
    {
        double Mean(Func<RecallAtK[], double> f) => runs.Average(f);
        double Sd(Func<RecallAtK[], double> f)
        {
            if (runs.Count < 2) return 0;
            var m = Mean(f);
            return Math.Sqrt(runs.Sum(r => (f(r) - m) * (f(r) - m)) / (runs.Count - 1));
        }
        return Row(name, null, runs[0], train, test, time) with
        {
            FullRecallAt10 = Mean(r => r[0].Recall), FullRecallAt20 = Mean(r => r[1].Recall), FullRecallAt50 = Mean(r => r[2].Recall),
            FullNdcgAt10 = Mean(r => r[0].Ndcg), FullNdcgAt20 = Mean(r => r[1].Ndcg),
            Seeds = runs.Count,
            FullRecallAt10StdDev = Sd(r => r[0].Recall), FullRecallAt20StdDev = Sd(r => r[1].Recall), FullRecallAt50StdDev = Sd(r => r[2].Recall),
            FullNdcgAt10StdDev = Sd(r => r[0].Ndcg), FullNdcgAt20StdDev = Sd(r => r[1].Ndcg),
        };
    }

    private static ComparisonRow Row(string name, RecallAtK[]? study, RecallAtK[] full, int train, int test, TimeSpan time) => new()
    {
        Model = name,
        StudyRecallAt10 = study?[0].Recall,
        StudyRecallAt20 = study?[1].Recall,
        StudyRecallAt50 = study?[2].Recall,
        FullRecallAt10 = full[0].Recall,
        FullRecallAt20 = full[1].Recall,
        FullRecallAt50 = full[2].Recall,
        TrainSize = train,
        TestSize = test,
        TrainTime = time,
        Results = (study ?? Array.Empty<RecallAtK>()).Concat(full).ToArray(),
        FullNdcgAt10 = full[0].Ndcg,
        FullNdcgAt20 = full[1].Ndcg,
    };

    /// <summary>The table in Markdown, recall in percent.</summary>
    public static string ToMarkdown(IEnumerable<ComparisonRow> rows)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine("| model | study recall@10 (%) | study recall@20 (%) | study recall@50 (%) | full recall@10 (%) | full recall@20 (%) | full recall@50 (%) | full NDCG@10 (%) | full NDCG@20 (%) | seeds | train set | test set | train time (s) |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        static string Percent(double? v) => v is { } x ? (100 * x).ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
        static string Spread(double mean, double sd, int seeds) => seeds > 1 ? $"{Percent(mean)} ± {Percent(sd)}" : Percent(mean);
        foreach (var r in rows)
            s.AppendLine(string.Create(c,
                $"| {r.Model} | {Percent(r.StudyRecallAt10)} | {Percent(r.StudyRecallAt20)} | {Percent(r.StudyRecallAt50)} | {Spread(r.FullRecallAt10, r.FullRecallAt10StdDev, r.Seeds)} | {Spread(r.FullRecallAt20, r.FullRecallAt20StdDev, r.Seeds)} | {Spread(r.FullRecallAt50, r.FullRecallAt50StdDev, r.Seeds)} | {Spread(r.FullNdcgAt10, r.FullNdcgAt10StdDev, r.Seeds)} | {Spread(r.FullNdcgAt20, r.FullNdcgAt20StdDev, r.Seeds)} | {r.Seeds} | {r.TrainSize:N0} | {r.TestSize:N0} | {r.TrainTime.TotalSeconds:0.0} |"));
        return s.ToString();
    }

    /// <summary>The table as RFC 4180 CSV, recall as fractions 0..1 (empty where not applicable).</summary>
    public static string ToCsv(IEnumerable<ComparisonRow> rows)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.Append("model,study_recall_at_10,study_recall_at_20,study_recall_at_50,full_recall_at_10,full_recall_at_20,full_recall_at_50,full_ndcg_at_10,full_ndcg_at_20,seeds,full_recall_at_10_sd,full_recall_at_20_sd,full_recall_at_50_sd,full_ndcg_at_10_sd,full_ndcg_at_20_sd,train_size,test_size,train_seconds\r\n");
        static string Fraction(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";
        static string Quote(string text) => text.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
        foreach (var r in rows)
            s.Append(string.Create(c,
                $"{Quote(r.Model)},{Fraction(r.StudyRecallAt10)},{Fraction(r.StudyRecallAt20)},{Fraction(r.StudyRecallAt50)},{Fraction(r.FullRecallAt10)},{Fraction(r.FullRecallAt20)},{Fraction(r.FullRecallAt50)},{Fraction(r.FullNdcgAt10)},{Fraction(r.FullNdcgAt20)},{r.Seeds},{Fraction(r.FullRecallAt10StdDev)},{Fraction(r.FullRecallAt20StdDev)},{Fraction(r.FullRecallAt50StdDev)},{Fraction(r.FullNdcgAt10StdDev)},{Fraction(r.FullNdcgAt20StdDev)},{r.TrainSize},{r.TestSize},{r.TrainTime.TotalSeconds:0.###}\r\n"));
        return s.ToString();
    }

    /// <summary>Writes <c>base.md</c> and <c>base.csv</c> (base = the path without a .md or .csv extension), each through a
    /// temporary file renamed over the target, so a crash never leaves half a table. Returns the two paths.</summary>
    public static (string Markdown, string Csv) Write(IReadOnlyList<ComparisonRow> rows, string path)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var ext = Path.GetExtension(full);
        var stem = ext.Equals(".md", StringComparison.OrdinalIgnoreCase) || ext.Equals(".csv", StringComparison.OrdinalIgnoreCase) ? full[..^ext.Length] : full;
        var (md, csv) = (stem + ".md", stem + ".csv");
        AtomicFile.WriteAllText(md, ToMarkdown(rows));
        AtomicFile.WriteAllText(csv, ToCsv(rows));
        return (md, csv);
    }
}
