using System.Diagnostics;
using System.Globalization;
using System.Text;
using ContrastiveRec.Data;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;

namespace ContrastiveRec.Evaluation;

/// <summary>One model of the study's table: recall at 10, 20 and 50 under both protocols, data sizes and training time.</summary>
public sealed record ComparisonRow
{
    public required string Model { get; init; }

    /// <summary>Study-protocol recall (mean over users), 0..1; null for baselines, which the study has no protocol for.</summary>
    public double? StudyRecallAt10 { get; init; }
    public double? StudyRecallAt20 { get; init; }
    public double? StudyRecallAt50 { get; init; }

    /// <summary>Full-protocol recall (mean over users), 0..1: comparable across every row.</summary>
    public required double FullRecallAt10 { get; init; }
    public required double FullRecallAt20 { get; init; }
    public required double FullRecallAt50 { get; init; }

    /// <summary>Train rows the model learned from (kept rows for strategies, the whole train part for baselines).</summary>
    public required int TrainSize { get; init; }

    /// <summary>Test rows in the model's scope (kept rows for strategies, the whole test part for baselines).</summary>
    public required int TestSize { get; init; }

    /// <summary>Mining and training time for strategies; building time for baselines.</summary>
    public required TimeSpan TrainTime { get; init; }

    /// <summary>Every metric behind the row, both protocols.</summary>
    public required IReadOnlyList<RecallAtK> Results { get; init; }
}

/// <summary>Where a comparison run is: model <see cref="Model"/> of <see cref="Models"/>, with training progress while training.</summary>
public sealed record ComparisonProgress(int Model, int Models, string Name, TrainingProgress? Training);

/// <summary>The study's experiment: strategies 1-4 and the baselines, trained on one split with one seed, evaluated alike.</summary>
public static class StrategyComparison
{
    private static readonly int[] Cutoffs = { 10, 20, 50 };

    /// <summary>Trains and evaluates each model in turn, yielding its row as soon as it is done.</summary>
    /// <param name="onModel">Sees each trained strategy before it is disposed (e.g. to draw its users).</param>
    public static IEnumerable<ComparisonRow> Run(RatingSet set, TrainingOptions options, int neighbors = 10,
        Action<ComparisonProgress>? progress = null, CancellationToken ct = default, Action<string, TrainedEncoder>? onModel = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        var kinds = Enum.GetValues<BaselineKind>();
        var models = 4 + kinds.Length;
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
        for (var i = 0; i < kinds.Length; i++)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Invoke(new ComparisonProgress(5 + i, models, kinds[i].ToString(), null));
            var baseline = BaselineRecommender.Create(kinds[i], set);
            var full = RankingEvaluator.Evaluate(baseline, EvaluationProtocol.Full, Cutoffs, neighbors, ct);
            yield return Row(baseline.Name, null, full, set.TrainCount, set.TestCount, baseline.BuildTime);
        }
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
    };

    /// <summary>The table in Markdown, recall in percent.</summary>
    public static string ToMarkdown(IEnumerable<ComparisonRow> rows)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine("| model | study recall@10 (%) | study recall@20 (%) | study recall@50 (%) | full recall@10 (%) | full recall@20 (%) | full recall@50 (%) | train set | test set | train time (s) |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        static string Percent(double? v) => v is { } x ? (100 * x).ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
        foreach (var r in rows)
            s.AppendLine(string.Create(c,
                $"| {r.Model} | {Percent(r.StudyRecallAt10)} | {Percent(r.StudyRecallAt20)} | {Percent(r.StudyRecallAt50)} | {Percent(r.FullRecallAt10)} | {Percent(r.FullRecallAt20)} | {Percent(r.FullRecallAt50)} | {r.TrainSize:N0} | {r.TestSize:N0} | {r.TrainTime.TotalSeconds:0.0} |"));
        return s.ToString();
    }

    /// <summary>The table as RFC 4180 CSV, recall as fractions 0..1 (empty where not applicable).</summary>
    public static string ToCsv(IEnumerable<ComparisonRow> rows)
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.Append("model,study_recall_at_10,study_recall_at_20,study_recall_at_50,full_recall_at_10,full_recall_at_20,full_recall_at_50,train_size,test_size,train_seconds\r\n");
        static string Fraction(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";
        static string Quote(string text) => text.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
        foreach (var r in rows)
            s.Append(string.Create(c,
                $"{Quote(r.Model)},{Fraction(r.StudyRecallAt10)},{Fraction(r.StudyRecallAt20)},{Fraction(r.StudyRecallAt50)},{Fraction(r.FullRecallAt10)},{Fraction(r.FullRecallAt20)},{Fraction(r.FullRecallAt50)},{r.TrainSize},{r.TestSize},{r.TrainTime.TotalSeconds:0.###}\r\n"));
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
        WriteAtomically(md, ToMarkdown(rows));
        WriteAtomically(csv, ToCsv(rows));
        return (md, csv);
    }

    private static void WriteAtomically(string path, string text)
    {
        var dir = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, text, new UTF8Encoding(false));
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
