using System.Diagnostics;
using System.Globalization;
using System.Text;
using ContrastiveRec.Data;
using Parquet;
using Parquet.Schema;

namespace ContrastiveRec.Benchmarks;

/// <summary>Import-RatingSet at ml-25m size: a shop's file with text ids ("c-17", "sku-9"), stars 1-10 and Unix
/// seconds, as CSV and as Parquet (the same rows), each read end to end with its peak memory.</summary>
internal static class GenericImportBenchmarks
{
    private const int Rows = 25_000_000;

    public static IEnumerable<BenchResult> Csv(BenchContext context)
    {
        var path = Path.Combine(context.ResultsFolder, "generated-shop", "orders.csv");
        if (!File.Exists(path)) GenerateCsv(path);
        return Read(path, "CSV");
    }

    public static IEnumerable<BenchResult> ParquetFile(BenchContext context)
    {
        var csv = Path.Combine(context.ResultsFolder, "generated-shop", "orders.csv");
        var path = Path.ChangeExtension(csv, ".parquet");
        if (!File.Exists(csv)) GenerateCsv(csv);
        if (!File.Exists(path)) GenerateParquet(csv, path, dictionary: false);
        return Read(path, "Parquet (plain ids, as Parquet.Net writes them)");
    }

    /// <summary>The same rows with dictionary-encoded id columns, as pandas (pyarrow), Spark and DuckDB write them.</summary>
    public static IEnumerable<BenchResult> ParquetDictionaryFile(BenchContext context)
    {
        var csv = Path.Combine(context.ResultsFolder, "generated-shop", "orders.csv");
        var path = Path.Combine(Path.GetDirectoryName(csv)!, "orders-dictionary.parquet");
        if (!File.Exists(csv)) GenerateCsv(csv);
        if (!File.Exists(path)) GenerateParquet(csv, path, dictionary: true);
        return Read(path, "Parquet (dictionary ids, as pandas writes them)");
    }

    private static IEnumerable<BenchResult> Read(string path, string kind)
    {
        var bytes = new FileInfo(path).Length;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = Measure.RssBytes();
        Measure.ResetPeakRss();
        var sw = Stopwatch.StartNew();
        var set = RatingFileReader.Read(path);
        sw.Stop();
        var peak = Measure.PeakRssBytes() - baseline;
        // Kept per rating: item index, rating, time, test flag; per user an offset; the id tables' strings (about 2 bytes
        // a char plus a 24-byte header and an 8-byte reference each).
        var ids = set.UserIds.Concat(set.MovieIds).Sum(id => 32L + 2L * id.ToString()!.Length);
        var final = set.RatingCount * (4L + 4 + 8 + 1) + (set.UserCount + 1) * 4L + ids;
        yield return new BenchResult($"generated shop {kind}, {set.RatingCount:N0} rows, text ids, {bytes / 1e6:0} MB: end-to-end read", sw.Elapsed.TotalSeconds, "s");
        yield return new BenchResult("  throughput", bytes / 1e6 / sw.Elapsed.TotalSeconds, "MB/s", kind == "CSV" ? ">= 100 MB/s" : "");
        yield return new BenchResult("  rows per second", set.RatingCount / sw.Elapsed.TotalSeconds / 1e6, "M rows/s", kind.StartsWith("Parquet", StringComparison.Ordinal) ? ">= the CSV's" : "");
        yield return new BenchResult("  peak memory above baseline / (final arrays + id tables)", (double)peak / final, "x", "<= 2x");
        yield return new BenchResult("  peak memory above baseline", peak / 1e6, "MB");
        yield return new BenchResult($"  {set.UserCount:N0} users, {set.MovieCount:N0} items: final arrays + id tables", final / 1e6, "MB");
        GC.KeepAlive(set);
    }

    /// <summary>ml-25m's size and shape (about 162k customers, 59k products, 154 rows a customer) with text ids, grouped
    /// by customer as exports usually are, products in no order.</summary>
    private static void GenerateCsv(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var rng = new Random(25);
        var temp = path + ".tmp";
        using (var w = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 20))
        {
            w.Write("customer_id,product,stars,timestamp\n");
            var written = 0;
            var items = new HashSet<int>();
            for (var user = 1; written < Rows; user++)
            {
                var n = Math.Min(Rows - written, 20 + rng.Next(268));
                items.Clear();
                while (items.Count < n) items.Add(1 + rng.Next(59_047));
                foreach (var item in items)
                    w.Write(string.Create(CultureInfo.InvariantCulture, $"c-{user},sku-{item:D6},{1 + rng.Next(10)},{789_652_009 + rng.Next(784_000_000)}\n"));
                written += n;
            }
        }
        File.Move(temp, path, overwrite: true);
    }

    private static void GenerateParquet(string csv, string path, bool dictionary)
    {
        DataField<string> user = new("customer_id"), item = new("product");
        DataField<int> stars = new("stars");
        DataField<long> time = new("timestamp");
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        {
            var options = new ParquetOptions();
            if (dictionary) foreach (var column in new[] { user.Name, item.Name }) options.ColumnEncodingHints[column] = EncodingHint.Dictionary;
            var writer = ParquetWriter.CreateAsync(new ParquetSchema(user, item, stars, time), stream, options).GetAwaiter().GetResult();
            const int group = 1 << 20;
            var users = new List<string>(group);
            var items = new List<string>(group);
            var ratings = new List<int>(group);
            var times = new List<long>(group);
            void Flush()
            {
                using var g = writer.CreateRowGroup();
                g.WriteAsync(user, users).GetAwaiter().GetResult();
                g.WriteAsync(item, items).GetAwaiter().GetResult();
                g.WriteAsync<int>(stars, ratings.ToArray().AsMemory()).GetAwaiter().GetResult();
                g.WriteAsync<long>(time, times.ToArray().AsMemory()).GetAwaiter().GetResult();
                users.Clear(); items.Clear(); ratings.Clear(); times.Clear();
            }
            foreach (var line in File.ReadLines(csv).Skip(1))
            {
                var f = line.Split(',');
                users.Add(f[0]);
                items.Add(f[1]);
                ratings.Add(int.Parse(f[2], CultureInfo.InvariantCulture));
                times.Add(long.Parse(f[3], CultureInfo.InvariantCulture));
                if (users.Count == group) Flush();
            }
            if (users.Count > 0) Flush();
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        File.Move(temp, path, overwrite: true);
    }
}
