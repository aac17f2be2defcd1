using System.Globalization;
using System.Text;

namespace ContrastiveRec.Benchmarks;

/// <summary>What <see cref="MovieLensShape.Generate"/> makes: sizes, tails and planted taste groups.</summary>
public sealed record MovieLensShapeOptions
{
    public int Users { get; init; } = 162_541;
    public int Movies { get; init; } = 59_047;
    public long Ratings { get; init; } = 25_000_095;
    public int Seed { get; init; } = 25;

    /// <summary>Movie popularity is Zipf-Mandelbrot: the k-th most rated movie is drawn in proportion to 1 / (k + q)^s.
    /// s 2 and q 250 give ml-25m's sizes a most-rated movie rated by about half the users and a median movie of a few
    /// ratings, near the real release (about 50% and 3).</summary>
    public double PopularityExponent { get; init; } = 2.0;
    public double PopularityOffset { get; init; } = 250;

    /// <summary>Pareto shape of user activity above MovieLens' floor of 20 ratings (smaller: a heavier tail).</summary>
    public double ActivityShape { get; init; } = 1.2;

    /// <summary>Taste groups: a user rates movies of their own group about a star higher (0: no groups).</summary>
    public int TasteGroups { get; init; } = 20;

    /// <summary>Share of a user's movies picked from their own taste group (by popularity within it) rather than from
    /// the whole catalogue: 0 (the scale sets) lets only the ratings carry taste, above 0 which movies a user rates
    /// carries it too, as in real data, for judging models of implicit feedback.</summary>
    public double GroupChoice { get; init; }
}

/// <summary>
/// Rating sets in MovieLens' shape and layout (ratings.csv and movies.csv as in ml-25m), for scale work where the
/// real releases may not be redistributed: every user has at least 20 ratings, activity is Pareto-tailed, movie
/// popularity Zipf-tailed, ratings are half stars from a movie quality, a user bias and a planted taste group.
/// The same options give the same files.
/// </summary>
public static class MovieLensShape
{
    private static readonly string[] Genres =
        ["Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir",
         "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"];

    /// <summary>Writes ratings.csv and movies.csv into <paramref name="folder"/>; returns the number of ratings written.</summary>
    public static long Generate(MovieLensShapeOptions o, string folder)
    {
        if (o.Users < 1 || o.Movies < 40 || o.Ratings < 20L * o.Users)
            throw new ArgumentException($"Need at least one user, 40 movies and 20 ratings per user ({20L * o.Users:N0}).");
        Directory.CreateDirectory(folder);
        var rng = new Random(o.Seed);

        // Popularity rank -> movie id is shuffled, so popular movies are spread over the id range as in MovieLens.
        var movieIds = Enumerable.Range(1, o.Movies).ToArray();
        rng.Shuffle(movieIds);
        var cumulative = new double[o.Movies];
        double total = 0;
        for (var k = 0; k < o.Movies; k++) cumulative[k] = total += 1 / Math.Pow(k + 1 + o.PopularityOffset, o.PopularityExponent);
        var quality = new double[o.Movies + 1];
        var group = new int[o.Movies + 1];
        for (var m = 1; m <= o.Movies; m++)
        {
            quality[m] = Normal(rng, 3.4, 0.45);
            group[m] = o.TasteGroups > 0 ? rng.Next(o.TasteGroups) : 0;
        }

        // Per taste group, its movies in popularity order with their cumulative weights (for GroupChoice).
        var groupMovies = new List<int>[Math.Max(1, o.TasteGroups)];
        var groupCumulative = new List<double>[groupMovies.Length];
        for (var g = 0; g < groupMovies.Length; g++) (groupMovies[g], groupCumulative[g]) = (new List<int>(), new List<double>());
        for (var k = 0; k < o.Movies; k++)
        {
            var g = group[movieIds[k]];
            var previous = groupCumulative[g].Count > 0 ? groupCumulative[g][^1] : 0;
            groupMovies[g].Add(movieIds[k]);
            groupCumulative[g].Add(previous + 1 / Math.Pow(k + 1 + o.PopularityOffset, o.PopularityExponent));
        }

        var activity = Activity(o, rng);
        var written = 0L;
        var ratingsPath = Path.Combine(folder, "ratings.csv");
        using (var w = new StreamWriter(ratingsPath + ".tmp", false, new UTF8Encoding(false), 1 << 20))
        {
            w.Write("userId,movieId,rating,timestamp\n");
            var chosen = new HashSet<int>();
            var line = new StringBuilder();
            for (var u = 0; u < o.Users; u++)
            {
                var taste = o.TasteGroups > 0 ? rng.Next(o.TasteGroups) : -1;
                var bias = Normal(rng, 0, 0.35);
                chosen.Clear();
                while (chosen.Count < activity[u])
                {
                    if (o.GroupChoice > 0 && taste >= 0 && rng.NextDouble() < o.GroupChoice && groupMovies[taste].Count > 2 * activity[u])
                    {
                        var own = groupCumulative[taste];
                        var j = own.BinarySearch(rng.NextDouble() * own[^1]);
                        chosen.Add(groupMovies[taste][Math.Min(j < 0 ? ~j : j, own.Count - 1)]);
                        continue;
                    }
                    var k = Array.BinarySearch(cumulative, rng.NextDouble() * total);
                    chosen.Add(movieIds[Math.Min(k < 0 ? ~k : k, o.Movies - 1)]);
                }
                var time = 789_652_009L + rng.Next(600_000_000);
                foreach (var m in chosen.Order())
                {
                    var r = quality[m] + bias + (group[m] == taste ? 1.0 : 0) + Normal(rng, 0, 0.8);
                    var stars = Math.Clamp(Math.Round(r * 2) / 2, 0.5, 5.0);
                    time += rng.Next(1, 86_400);
                    line.Clear().Append(u + 1).Append(',').Append(m).Append(',')
                        .Append(stars.ToString("0.0", CultureInfo.InvariantCulture)).Append(',').Append(time).Append('\n');
                    w.Write(line);
                }
                written += chosen.Count;
            }
        }
        File.Move(ratingsPath + ".tmp", ratingsPath, overwrite: true);

        var moviesPath = Path.Combine(folder, "movies.csv");
        using (var w = new StreamWriter(moviesPath + ".tmp", false, new UTF8Encoding(false), 1 << 20))
        {
            w.Write("movieId,title,genres\n");
            for (var m = 1; m <= o.Movies; m++)
            {
                var year = 1920 + rng.Next(104);
                var g = Genres[(group[m] + rng.Next(3)) % Genres.Length];
                var g2 = Genres[rng.Next(Genres.Length)];
                w.Write(string.Create(CultureInfo.InvariantCulture, $"{m},Movie {m} of group {group[m]} ({year}),{(g == g2 ? g : g + "|" + g2)}\n"));
            }
        }
        File.Move(moviesPath + ".tmp", moviesPath, overwrite: true);
        return written;
    }

    /// <summary>Ratings per user: 20 + λ·d for Pareto draws d above their minimum (so the least active users keep
    /// about 20, as in MovieLens), none above half the catalogue; λ is found so that the total is met.</summary>
    private static int[] Activity(MovieLensShapeOptions o, Random rng)
    {
        var cap = o.Movies / 2;
        var draws = new double[o.Users];
        for (var u = 0; u < o.Users; u++) draws[u] = Math.Pow(1 - rng.NextDouble(), -1 / o.ActivityShape) - 1;
        long Total(double scale) => draws.Sum(d => (long)Math.Min(cap, 20 + Math.Floor(scale * d)));
        if (Total(double.MaxValue / 4) < o.Ratings)
            throw new ArgumentException($"{o.Ratings:N0} ratings do not fit {o.Users:N0} users at most {cap:N0} each.");
        double low = 0, high = 1;
        while (Total(high) < o.Ratings) high *= 2;
        for (var i = 0; i < 100; i++)
        {
            var mid = (low + high) / 2;
            if (Total(mid) < o.Ratings) low = mid; else high = mid;
        }
        var counts = draws.Select(d => (int)Math.Min(cap, 20 + Math.Floor(low * d))).ToArray();
        // Rounding leaves fewer than one rating per user short: one more each to the first users below the cap.
        var missing = o.Ratings - counts.Sum(c => (long)c);
        for (var u = 0; missing > 0 && u < o.Users; u++)
            if (counts[u] < cap) { counts[u]++; missing--; }
        return counts;
    }

    private static double Normal(Random rng, double mean, double sd) =>
        mean + sd * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
