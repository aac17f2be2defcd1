using System.Globalization;
using System.Text;
using ContrastiveRec.Data;

namespace ContrastiveRec.Tests;

/// <summary>Writes hand-made or generated ratings as a MovieLens csv folder and reads them back through the real reader.</summary>
internal sealed class TestRatings : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "crec-test-" + Guid.NewGuid().ToString("N"));

    public RatingSet Write(IEnumerable<(int User, int Movie, double Rating)> rows, double testFraction = 0, int seed = 42)
    {
        Directory.CreateDirectory(Folder);
        var list = rows.ToList();
        var ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
        foreach (var (u, m, r) in list)
            ratings.Append(CultureInfo.InvariantCulture, $"{u},{m},{r:0.0},{1_000_000_000 + ratings.Length}\n");
        File.WriteAllText(Path.Combine(Folder, "ratings.csv"), ratings.ToString());
        var movies = new StringBuilder("movieId,title,genres\n");
        foreach (var m in list.Select(x => x.Movie).Distinct().Order())
            movies.Append(CultureInfo.InvariantCulture, $"{m},Movie {m} (2000),Drama\n");
        File.WriteAllText(Path.Combine(Folder, "movies.csv"), movies.ToString());
        return MovieLensReader.Read(Folder, new MovieLensReadOptions { TestFraction = testFraction, Seed = seed });
    }

    /// <summary>
    /// Planted taste groups: user g*usersPerGroup+i (ids from 1) belongs to group g; movies of block b are rated
    /// 4-5 by group b and 0.5-2.5 by the others. Each user rates each movie with probability <paramref name="density"/>.
    /// </summary>
    public RatingSet WriteGroups(int groups = 3, int usersPerGroup = 30, int moviesPerBlock = 40, double density = 0.6,
        int seed = 7, double testFraction = 0.05)
    {
        var rng = new Random(seed);
        var rows = new List<(int, int, double)>();
        for (var g = 0; g < groups; g++)
        for (var i = 0; i < usersPerGroup; i++)
        {
            var user = g * usersPerGroup + i + 1;
            for (var b = 0; b < groups; b++)
            for (var j = 0; j < moviesPerBlock; j++)
            {
                if (rng.NextDouble() >= density) continue;
                var rating = b == g ? 4.0 + rng.Next(3) * 0.5 : 0.5 + rng.Next(5) * 0.5;
                rows.Add((user, b * moviesPerBlock + j + 1, rating));
            }
        }
        return Write(rows, testFraction);
    }

    public static int GroupOf(int userId, int usersPerGroup = 30) => (userId - 1) / usersPerGroup;

    /// <summary>The group of a user id as results carry it (a boxed int: these sets have MovieLens ids).</summary>
    public static int GroupOf(object userId, int usersPerGroup = 30) => GroupOf((int)userId, usersPerGroup);

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
