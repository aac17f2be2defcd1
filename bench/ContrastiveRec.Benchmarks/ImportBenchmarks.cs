using System.Diagnostics;
using System.Globalization;
using System.Text;
using ContrastiveRec.Data;

namespace ContrastiveRec.Benchmarks;

internal static class ImportBenchmarks
{
    public static IEnumerable<BenchResult> Small(BenchContext context)
    {
        var ms = Measure.MedianMs(7, () => MovieLensReader.Read(context.DataFolder));
        yield return new BenchResult("ml-latest-small import (100,836 ratings, median of 7)", ms, "ms");
    }

    public static IEnumerable<BenchResult> Large(BenchContext context)
    {
        const int rows = 5_000_000;
        var path = Path.Combine(context.ResultsFolder, "generated-ml25m-layout", "ratings.csv");
        if (!File.Exists(path)) Generate(path, rows, seed: 25);
        var bytes = new FileInfo(path).Length;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = Measure.RssBytes();
        Measure.ResetPeakRss();
        var sw = Stopwatch.StartNew();
        var set = MovieLensReader.Read(path);
        sw.Stop();
        var peak = Measure.PeakRssBytes() - baseline;

        // What the RatingSet keeps per rating: movie index, rating, timestamp, test flag; plus the user offsets.
        var final = set.RatingCount * (4L + 4 + 8 + 1) + (set.UserCount + 1) * 4L + set.MovieCount * 4L + set.UserCount * 4L;
        var mbPerSecond = bytes / 1e6 / sw.Elapsed.TotalSeconds;
        yield return new BenchResult($"generated ratings.csv, {rows:N0} rows, {bytes / 1e6:0} MB: end-to-end read", sw.Elapsed.TotalSeconds, "s");
        yield return new BenchResult("  throughput", mbPerSecond, "MB/s", ">= 100 MB/s");
        yield return new BenchResult("  peak memory above baseline / final arrays", (double)peak / final, "x", "< 2x");
        yield return new BenchResult("  peak memory above baseline", peak / 1e6, "MB");
        yield return new BenchResult("  final arrays", final / 1e6, "MB");
        GC.KeepAlive(set);
    }

    /// <summary>A ratings.csv in the ml-25m layout: header, rows grouped by ascending userId, movieIds ascending
    /// within a user, half-star ratings, Unix timestamps; about 154 ratings per user as in ml-25m.</summary>
    private static void Generate(string path, int rows, int seed)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var rng = new Random(seed);
        var temp = path + ".tmp";
        using (var w = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 20))
        {
            w.Write("userId,movieId,rating,timestamp\r\n");
            var written = 0;
            var movies = new SortedSet<int>();
            for (var user = 1; written < rows; user++)
            {
                var n = Math.Min(rows - written, 20 + rng.Next(268));
                movies.Clear();
                while (movies.Count < n) movies.Add(1 + rng.Next(209_171));
                foreach (var movie in movies)
                {
                    var rating = (1 + rng.Next(10)) / 2.0;
                    var time = 789_652_009 + rng.Next(784_000_000);
                    w.Write(string.Create(CultureInfo.InvariantCulture, $"{user},{movie},{rating:0.0},{time}\r\n"));
                }
                written += n;
            }
        }
        File.Move(temp, path, overwrite: true);
    }
}
