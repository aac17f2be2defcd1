namespace ContrastiveRec.Data;

/// <summary>The movies file as read, in file order, before the ratings are assembled against it.</summary>
internal sealed class MovieCatalogue
{
    public readonly List<int> Ids = new();
    public readonly List<string> Titles = new();
    public readonly List<int> Years = new();
    public readonly List<string[]> Genres = new();
    public readonly Dictionary<int, (int Imdb, int Tmdb)> Links = new();

    /// <summary>.dat movies files: lines whose title was not valid UTF-8 and was read as Latin-1, and how many titles
    /// beyond ASCII were valid UTF-8 (both at once: a file of mixed encodings).</summary>
    public readonly List<long> Latin1Lines = new();
    public int Utf8Titles;

    /// <summary>Line of each movie id in the movies file, for error messages.</summary>
    public readonly Dictionary<int, long> LineOf = new();
}
