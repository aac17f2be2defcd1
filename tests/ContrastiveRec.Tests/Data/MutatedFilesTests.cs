using System.Text;
using ContrastiveRec.Data;
using Xunit;

namespace ContrastiveRec.Tests.Data;

/// <summary>
/// A seeded fuzz test: mutants of the head of the bundled ratings.csv and movies.csv (flipped bytes, stray quotes,
/// NUL and control bytes, extra separators, cut and doubled lines, Latin-1 bytes, a megabyte-long number, a byte-order
/// mark inside a field) must each import or stop with a <see cref="MovieLensFormatException"/> (what the cmdlets turn
/// into a ContrastiveRec.* error) whose message shows no invisible character raw, and none may hang.
/// </summary>
public class MutatedFilesTests
{
    private const int Mutants = 300;

    // Far above any one import of these few-kilobyte files (milliseconds): a hang detector, not a speed target.
    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(10);

    [Fact]
    public void Every_mutant_imports_or_stops_with_a_named_format_error_and_none_hangs()
    {
        var ratings = File.ReadLines(Path.Combine(TestPaths.BundledData, "ratings.csv")).Take(400).ToArray();
        var movies = File.ReadLines(Path.Combine(TestPaths.BundledData, "movies.csv")).Take(300).ToArray();
        var rng = new Random(20261130);
        int imported = 0, refused = 0;
        for (var i = 0; i < Mutants; i++)
        {
            using var dir = new TempFolder();
            var mutateMovies = i % 4 == 3;
            var target = mutateMovies ? movies : ratings;
            var bytes = Mutate(Encoding.UTF8.GetBytes(string.Join('\n', target) + "\n"), rng, out var how);
            dir.WriteBytes("ratings.csv", mutateMovies ? Encoding.UTF8.GetBytes(string.Join('\n', ratings) + "\n") : bytes);
            dir.WriteBytes("movies.csv", mutateMovies ? bytes : Encoding.UTF8.GetBytes(string.Join('\n', movies) + "\n"));
            var read = Task.Run(() => MovieLensReader.Read(dir.Path));
            Task.WhenAny(read, Task.Delay(HangBound)).GetAwaiter().GetResult();
            Assert.True(read.IsCompleted, $"mutant {i} ({how}) did not finish within {HangBound.TotalSeconds} s");
            if (read.IsFaulted)
            {
                var e = read.Exception!.InnerException!;
                Assert.True(e is MovieLensFormatException, $"mutant {i} ({how}) failed with {e.GetType().Name}: {e.Message}");
                Assert.False(string.IsNullOrWhiteSpace(((MovieLensFormatException)e).Remedy), $"mutant {i} ({how}): no advice");
                Assert.True(VisibleText.Of(e.Message) == e.Message, $"mutant {i} ({how}): an invisible character shown raw in: {VisibleText.Of(e.Message)}");
                refused++;
            }
            else imported++;
        }
        // Both outcomes occur: the mutations are neither all harmless nor all fatal.
        Assert.InRange(imported, 10, Mutants - 10);
        Assert.InRange(refused, 10, Mutants - 10);
    }

    private static byte[] Mutate(byte[] input, Random rng, out string how)
    {
        var bytes = new List<byte>(input);
        var at = rng.Next(bytes.Count);
        switch (rng.Next(11))
        {
            case 0: bytes[at] ^= (byte)(1 << rng.Next(8)); how = $"bit flipped at {at}"; break;
            case 1: bytes.Insert(at, (byte)'"'); how = $"quote at {at}"; break;
            case 2: bytes.Insert(at, 0); how = $"NUL at {at}"; break;
            case 3: bytes.Insert(at, (byte)','); how = $"comma at {at}"; break;
            case 4: bytes.RemoveRange(at, Math.Min(bytes.Count - at, rng.Next(1, 40))); how = $"bytes cut at {at}"; break;
            case 5: bytes.Insert(at, (byte)'\r'); how = $"lone CR at {at}"; break;
            case 6: bytes.Insert(at, 0xE9); how = $"Latin-1 byte at {at}"; break;
            case 7:
                var start = bytes.LastIndexOf((byte)'\n', Math.Max(0, at - 1)) + 1;
                var end = bytes.IndexOf((byte)'\n', at);
                if (end < 0) end = bytes.Count - 1;
                bytes.InsertRange(start, bytes.GetRange(start, end - start + 1));
                how = $"line doubled at {start}";
                break;
            case 8: bytes.InsertRange(at, Enumerable.Repeat((byte)'7', 1 << 20)); how = $"a megabyte of digits at {at}"; break;
            case 9: bytes.InsertRange(at, [0xEF, 0xBB, 0xBF]); how = $"byte-order mark at {at}"; break;
            default: bytes.RemoveRange(at, bytes.Count - at); how = $"file cut at {at}"; break;
        }
        return bytes.ToArray();
    }
}
