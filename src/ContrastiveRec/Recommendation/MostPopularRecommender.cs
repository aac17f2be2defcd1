using ContrastiveRec.Data;

namespace ContrastiveRec.Recommendation;

/// <summary>Movies ranked by how many users liked them in the train part (ties by movie id); the same order for everyone.</summary>
public sealed class MostPopularRecommender(RatingSet set) : IRecommender, IDescribesItself
{
    private readonly Dictionary<double, (int[] Order, int[] Likes)> _byThreshold = new();

    public string Name => RecommenderRegistry.Baseline(BaselineKind.MostPopular).Name;
    public RatingSet RatingSet { get; } = set ?? throw new ArgumentNullException(nameof(set));
    public RecommendationScope DefaultScope { get; } = RecommendationScope.For(set);
    public RecommendationScope? StudyScope => null;

    public string Settings => FormattableString.Invariant($"likes at {DefaultScope.LikeThreshold}");

    public string Built => FormattableString.Invariant(
        $"MostPopular ranks the {RatingSet.MovieCount:N0} movies by their train likes (ratings >= {DefaultScope.LikeThreshold})");

    public override string ToString() => $"{Name} on {RatingSet}";

    public MovieRanking[] Recommend(int[] users, int count, RecommendationScope scope, bool withSuggesters = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(scope);
        var (order, likes) = Popularity(scope.LikeThreshold);
        var stamps = new MovieStamps(RatingSet.MovieCount);
        var result = new MovieRanking[users.Length];
        var movies = new List<int>(count);
        for (var i = 0; i < users.Length; i++)
        {
            if ((i & 255) == 0) ct.ThrowIfCancellationRequested();
            stamps.Next();
            if (!scope.IncludeRatedMovies) stamps.MarkTrainMovies(RatingSet, users[i]);
            movies.Clear();
            foreach (var m in order)
            {
                if (movies.Count == count || likes[m] == 0) break;
                if (!stamps.IsMarked(m) && scope.IsCandidate(m)) movies.Add(m);
            }
            result[i] = new MovieRanking(users[i], movies.ToArray(), movies.Select(m => (float)likes[m]).ToArray(), null);
        }
        return result;
    }

    private (int[] Order, int[] Likes) Popularity(double threshold)
    {
        lock (_byThreshold)
        {
            if (_byThreshold.TryGetValue(threshold, out var cached)) return cached;
            var likes = new int[RatingSet.MovieCount];
            var isTest = RatingSet.Split.IsTestRow;
            for (var r = 0; r < RatingSet.RatingCount; r++)
                if (!isTest[r] && RatingSet.RatingColumn[r] >= threshold) likes[RatingSet.MovieColumn[r]]++;
            var order = Enumerable.Range(0, likes.Length).OrderByDescending(m => likes[m]).ThenBy(m => m).ToArray();
            return _byThreshold[threshold] = (order, likes);
        }
    }
}
