namespace ContrastiveRec.Data;

/// <summary>The files of one MovieLens release, recognised by their names.</summary>
public sealed record MovieLensFiles(
    MovieLensLayout Layout, string RatingsPath, string? MoviesPath, string? LinksPath, string? TagsPath, string? GenresPath)
{
    // The files beside the ratings in the MovieLens releases: given as -Path, they would be parsed as ratings.
    private static readonly string[] Companions =
        ["movies.csv", "movies.dat", "u.item", "links.csv", "tags.csv", "tags.dat", "users.dat", "u.user", "u.genre", "u.info", "u.occupation",
         "genome-scores.csv", "genome-tags.csv"];

    private static readonly (string Ratings, string Movies, MovieLensLayout Layout)[] Known =
    {
        ("ratings.csv", "movies.csv", MovieLensLayout.Csv),
        ("ratings.dat", "movies.dat", MovieLensLayout.DoubleColon),
        ("u.data", "u.item", MovieLensLayout.Tab),
    };

    /// <summary>Finds the layout of a folder, or of a ratings file and the files beside it.</summary>
    /// <summary>The known ratings files present in <paramref name="folder"/>, in the order Locate prefers them.</summary>
    internal static string[] RatingsFilesIn(string folder) =>
        Known.Select(k => k.Ratings).Where(name => File.Exists(Path.Combine(folder, name))).ToArray();

    public static MovieLensFiles Locate(string path)
    {
        if (Directory.Exists(path))
        {
            foreach (var (ratings, movies, layout) in Known)
            {
                var r = Path.Combine(path, ratings);
                if (File.Exists(r)) return Beside(layout, r, movies);
            }
            throw new MovieLensFormatException(MovieLensErrorKind.UnknownLayout, path, 0,
                "The folder holds no MovieLens ratings file.",
                "Point -Path at a folder with ratings.csv (ml-latest, ml-20m/25m/32m), ratings.dat (ml-1m, ml-10m) or u.data (ml-100k), or at one of those files.");
        }
        if (File.Exists(path))
        {
            var name = Path.GetFileName(path);
            foreach (var (ratings, movies, layout) in Known)
                if (string.Equals(name, ratings, StringComparison.OrdinalIgnoreCase)) return Beside(layout, path, movies);
            if (Companions.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new MovieLensFormatException(MovieLensErrorKind.UnknownLayout, path, 0,
                    $"'{name}' is one of a MovieLens set's other files, not its ratings.",
                    "Point -Path at the folder (the ratings and movies files are found together), or at its ratings file.");
            // Any other *.csv / *.dat is read in the layout its extension implies, without a movies file.
            var ext = Path.GetExtension(path).ToLowerInvariant();
            if (ext == ".csv") return new MovieLensFiles(MovieLensLayout.Csv, path, null, null, null, null);
            if (ext == ".dat") return new MovieLensFiles(MovieLensLayout.DoubleColon, path, null, null, null, null);
            throw new MovieLensFormatException(MovieLensErrorKind.UnknownLayout, path, 0,
                $"'{name}' is not a MovieLens ratings file.",
                "Name a ratings.csv, ratings.dat or u.data file, or the folder that holds it.");
        }
        throw new MovieLensFormatException(MovieLensErrorKind.PathNotFound, path, 0,
            "No such file or folder.", "Check the path; with no -Path the bundled ml-latest-small set is read.");
    }

    private static MovieLensFiles Beside(MovieLensLayout layout, string ratingsPath, string moviesName)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(ratingsPath))!;
        string? Existing(string name)
        {
            var p = Path.Combine(dir, name);
            return File.Exists(p) ? p : null;
        }
        return layout switch
        {
            MovieLensLayout.Csv => new(layout, ratingsPath, Existing(moviesName), Existing("links.csv"), Existing("tags.csv"), null),
            MovieLensLayout.DoubleColon => new(layout, ratingsPath, Existing(moviesName), null, Existing("tags.dat"), null),
            _ => new(layout, ratingsPath, Existing(moviesName), null, null, Existing("u.genre")),
        };
    }
}
