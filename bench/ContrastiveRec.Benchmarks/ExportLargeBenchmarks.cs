using System.Diagnostics;
using System.Globalization;
using ContrastiveRec.Data;

namespace ContrastiveRec.Benchmarks;

/// <summary>
/// Export-UserEmbedding's writers on an ml-25m-sized matrix: N users (--users, default 162,541: ml-25m's) of D
/// dimensions (--dims, default 200), float32 rows as a model keeps them, written as CSV, Parquet and .npy (--only
/// csv,parquet,npy). Whole-number ids, or text ids (--text: "user-000017") as ConvertTo-RatingSet keeps them. Time,
/// file size, and resident memory above the matrix, which the writers must not copy.
/// </summary>
internal static class ExportLargeBenchmarks
{
    public static IEnumerable<BenchResult> Run(BenchContext context)
    {
        var args = Environment.GetCommandLineArgs();
        int IntArg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        var n = IntArg("--users", 162_541);
        var d = IntArg("--dims", 200);
        var text = args.Contains("--text");
        var only = Array.IndexOf(args, "--only") is var o and >= 0 && o + 1 < args.Length ? args[o + 1].Split(',') : ["csv", "parquet", "npy"];

        var rng = new Random(11);
        var flat = new float[(long)n * d <= int.MaxValue ? n * d : throw new ArgumentOutOfRangeException(nameof(context), "the matrix must fit one array")];
        for (var i = 0; i < flat.Length; i++) flat[i] = (float)((rng.NextDouble() * 2 - 1) * 0.15); // a unit vector's share in 200-d
        var ids = text
            ? IdTable.FromTexts(Enumerable.Range(1, n).Select(i => $"user-{i:D6}").ToArray(), out _)
            : IdTable.OfNumbers(Enumerable.Range(1, n).ToArray());
        var folder = Path.Combine(Path.GetTempPath(), "crec-export-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        GC.Collect();
        var matrixMb = flat.Length * 4 / 1e6;
        yield return new BenchResult($"the matrix: {n:N0} x {d} float32, {(text ? "text" : "whole-number")} ids", matrixMb, "MB");
        try
        {
            foreach (var format in new[] { EmbeddingFileFormat.Csv, EmbeddingFileFormat.Parquet, EmbeddingFileFormat.Npy })
            {
                if (!only.Contains(format.ToString(), StringComparer.OrdinalIgnoreCase)) continue;
                var path = Path.Combine(folder, "users" + EmbeddingFile.Extension(format));
                GC.Collect();
                Measure.ResetPeakRss();
                var before = Measure.RssBytes();
                var clock = Stopwatch.StartNew();
                EmbeddingFile.Write(path, format, ids, "userId", d, r => flat.AsSpan(r * d, d));
                var seconds = clock.Elapsed.TotalSeconds;
                var peak = Measure.PeakRssBytes();
                var bytes = EmbeddingFile.Files(path, format).Sum(f => new FileInfo(f).Length);
                yield return new BenchResult($"Export-UserEmbedding {format}: {bytes / 1e6:N0} MB written ({bytes / 1e6 / seconds:N0} MB/s)", seconds, "s");
                yield return new BenchResult($"  peak resident memory above the start (the matrix, {matrixMb:N0} MB, is held before)", (peak - before) / 1e6, "MB", "no second copy");
                foreach (var f in EmbeddingFile.Files(path, format)) File.Delete(f);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        GC.KeepAlive(flat);
    }
}
