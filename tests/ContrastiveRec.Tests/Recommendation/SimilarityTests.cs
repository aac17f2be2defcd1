using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;
using Xunit;

namespace ContrastiveRec.Tests.Recommendation;

[Collection("Training")]
public class SimilarityTests : IDisposable
{
    private const int Groups = 3, UsersPerGroup = 20, MoviesPerBlock = 10;

    private readonly TestRatings _files = new();
    private readonly List<IDisposable> _models = new();

    public void Dispose()
    {
        foreach (var m in _models) m.Dispose();
        _files.Dispose();
    }

    /// <summary>Planted taste groups that never meet: the users of group g rate only the movies of block g (ids
    /// 10g+1 .. 10g+10, rated 4 or 5), so users who like movies 1-10 never rate 11-20 and the other way round.</summary>
    private RatingSet Disjoint(double testFraction = 0.1)
    {
        var rng = new Random(11);
        var rows = new List<(int, int, double)>();
        for (var g = 0; g < Groups; g++)
        for (var i = 0; i < UsersPerGroup; i++)
        for (var j = 0; j < MoviesPerBlock; j++)
            if (rng.NextDouble() < 0.6)
                rows.Add((g * UsersPerGroup + i + 1, g * MoviesPerBlock + j + 1, 4 + rng.Next(2)));
        return _files.Write(rows, testFraction);
    }

    private static int BlockOf(object movieId) => ((int)movieId - 1) / MoviesPerBlock;

    private static int GroupOf(object userId) => ((int)userId - 1) / UsersPerGroup;

    private TrainedEncoder UserMovie(RatingSet set, EncoderKind encoder)
    {
        var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), TrainingOptions.UserMovieDefaults(encoder) with { Epochs = 15, BatchSize = 16 });
        _models.Add(model);
        return model;
    }

    // A triplet encoder of the study (users only); untrained, as what it lacks does not depend on training.
    private TrainedEncoder Triplet(RatingSet set)
    {
        var model = new TrainedEncoder(new UserEncoder(set.UserCount), PairStrategy.FromPreset(4), new TrainingOptions(), [],
            new MiningStatistics(), TimeSpan.Zero, 0, isComplete: false, set, set.Users, data: null);
        _models.Add(model);
        return model;
    }

    public static TheoryData<string> MovieModels => new() { "ItemKnn", "ItemKnn 6 neighbours", "EASE", "EASE users form", "UserMovie Id", "UserMovie Graph" };

    private IRecommender Build(string kind, RatingSet set) => kind switch
    {
        "MostPopular" => RecommenderRegistry.Build(BaselineKind.MostPopular, set),
        "UserKnn" => RecommenderRegistry.Build(BaselineKind.UserKnn, set),
        "ItemKnn" => RecommenderRegistry.Build(BaselineKind.ItemKnn, set),
        "ItemKnn 6 neighbours" => new ItemKnnRecommender(set, neighbors: 6),
        "EASE" => RecommenderRegistry.Build(BaselineKind.Ease, set),
        "EASE users form" => new EaseRecommender(set, viaUsers: true),
        "UserMovie Id" => RecommenderRegistry.ForEncoder(UserMovie(set, EncoderKind.Id)),
        "UserMovie Graph" => RecommenderRegistry.ForEncoder(UserMovie(set, EncoderKind.Graph)),
        "Ensemble" => new UserMovieEnsembleRecommender([UserMovie(set, EncoderKind.Id), UserMovie(set, EncoderKind.Profile)]),
        "Triplet encoder" => RecommenderRegistry.ForEncoder(Triplet(set)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(MovieModels))]
    public void Similar_movies_of_a_planted_taste_group_come_from_that_group(string kind)
    {
        var set = Disjoint();
        var model = Build(kind, set);
        Assert.True(Similarity.FindsSimilarMovies(model));
        foreach (var movieId in set.MovieIds)
        {
            var similar = model.SimilarMovies([movieId], top: 5);
            Assert.Equal(5, similar.Count);
            Assert.Equal(new[] { 1, 2, 3, 4, 5 }, similar.Select(s => s.Rank));
            Assert.All(similar, s => Assert.Equal(movieId, s.SimilarTo));
            Assert.DoesNotContain(movieId, similar.Select(s => s.MovieId));
            Assert.All(similar, s => Assert.Equal(BlockOf(movieId), BlockOf(s.MovieId)));
            Assert.Equal(similar.Select(s => s.Score).OrderDescending(), similar.Select(s => s.Score));
            Assert.Equal($"Movie {similar[0].MovieId} (2000)", similar[0].Title);
        }
        // ItemKnn's and EASE's similarities across groups are exactly 0, and only positive ones are listed: never more
        // than the block's other nine movies, however many are asked for.
        if (!kind.StartsWith("UserMovie", StringComparison.Ordinal))
            Assert.All(model.SimilarMovies([1], top: 50), s => Assert.Equal(0, BlockOf(s.MovieId)));
    }

    [Fact]
    public void Similar_movies_are_the_models_own_similarities()
    {
        var set = Disjoint();
        // ItemKnn: the cosine of raw train ratings, whether summed for one movie (all pairs) or kept in its lists.
        var all = new ItemKnnRecommender(set);
        var kept = new ItemKnnRecommender(set, neighbors: 6);
        Assert.True(all.KeepsAllNeighbors);
        foreach (var m in new[] { 0, 7, 13, 29 })
        {
            var (movies, scores) = all.SimilarMovies([m], 6)[0];
            var (keptMovies, keptScores) = kept.SimilarMovies([m], 6)[0];
            Assert.Equal(movies, keptMovies);
            for (var i = 0; i < scores.Length; i++) Assert.Equal(scores[i], keptScores[i], 5);
            for (var i = 0; i < movies.Length; i++) Assert.Equal(Cosine(set, m, movies[i]), scores[i], 5);
        }

        // EASE: the same row of its weights in the movies form and in the users form.
        var moviesForm = new EaseRecommender(set, viaUsers: false);
        var usersForm = new EaseRecommender(set, viaUsers: true);
        foreach (var m in new[] { 0, 15, 22 })
        {
            var a = moviesForm.SimilarMovies([m], 9)[0];
            var b = usersForm.SimilarMovies([m], 9)[0];
            Assert.Equal(a.Movies, b.Movies);
            for (var i = 0; i < a.Scores.Length; i++) Assert.Equal(a.Scores[i], b.Scores[i], 4);
        }

        // Several movies in one call are what one call each gives.
        var one = moviesForm.SimilarMovies([3], 5)[0];
        var many = moviesForm.SimilarMovies([0, 3, 20], 5);
        Assert.Equal(one.Movies, many[1].Movies);
    }

    private static double Cosine(RatingSet set, int a, int b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var u = 0; u < set.UserCount; u++)
        {
            double x = 0, y = 0;
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
            {
                if (set.Split.IsTestRow[r]) continue;
                if (set.MovieColumn[r] == a) x = set.RatingColumn[r];
                if (set.MovieColumn[r] == b) y = set.RatingColumn[r];
            }
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return dot / Math.Sqrt(na * nb);
    }

    [Theory]
    [InlineData("UserKnn")]
    [InlineData("UserMovie Id")]
    [InlineData("UserMovie Graph")]
    public void Similar_users_of_a_planted_taste_group_come_from_that_group(string kind)
    {
        var set = Disjoint();
        var model = Build(kind, set);
        Assert.True(Similarity.FindsSimilarUsers(model));
        foreach (var userId in set.UserIds)
        {
            var similar = model.SimilarUsers([userId], top: 5);
            Assert.Equal(5, similar.Count);
            Assert.DoesNotContain(userId, similar.Select(s => s.UserId));
            Assert.All(similar, s => Assert.Equal(GroupOf(userId), GroupOf(s.UserId)));
            Assert.Equal(similar.Select(s => s.Score).OrderDescending(), similar.Select(s => s.Score));
        }
    }

    [Fact]
    public void A_study_encoders_similar_users_are_the_neighbours_its_recommendations_come_from()
    {
        var set = _files.WriteGroups(testFraction: 0.2);
        var options = new TrainingOptions { Epochs = 6, BatchSize = 256, LearningRate = 3e-3, InputDim = 64, HiddenDim = 64, LatentDim = 32, Seed = 5 };
        var trained = EncoderTrainer.Train(set, PairStrategy.FromPreset(1) with { MinLikers = 5, MinDislikers = 5 }, options);
        _models.Add(trained);
        var model = RecommenderRegistry.ForEncoder(trained);
        var recommendations = model.RecommendFor([1, 45], 10).ToList();
        foreach (var userId in new object[] { 1, 45 })
        {
            var similar = model.SimilarUsers([userId], top: 10);
            Assert.Equal(10, similar.Count);
            Assert.All(similar, s => Assert.Equal(TestRatings.GroupOf(userId), TestRatings.GroupOf(s.UserId)));
            var neighbours = similar.Select(s => s.UserId).ToHashSet();
            Assert.All(recommendations.Where(r => r.UserId.Equals(userId)), r => Assert.All(r.SuggestedBy, v => Assert.Contains(v, neighbours)));
        }
    }

    [Fact]
    public void Models_without_representations_are_refused_by_name_saying_which_can()
    {
        var set = Disjoint();
        var popular = Build("MostPopular", set);
        var e = Refused.By("CannotFindSimilarMovies", RefusalCategory.InvalidOperation, () => popular.SimilarMovies([1]));
        Assert.StartsWith("MostPopular has no representations of movies", e.Problem);
        Assert.Contains("-Objective UserMovie", e.Remedy);
        Assert.Contains("-Kind ItemKnn", e.Remedy);
        Assert.Contains("-Kind Ease", e.Remedy);
        Assert.Same(popular, e.Target);
        Refused.By("CannotFindSimilarUsers", RefusalCategory.InvalidOperation, () => popular.SimilarUsers([1]));

        var triplet = Build("Triplet encoder", set);
        e = Refused.By("CannotFindSimilarMovies", RefusalCategory.InvalidOperation, () => triplet.SimilarMovies([1]));
        Assert.Contains("learns users only", e.Problem);
        Assert.True(Similarity.FindsSimilarUsers(triplet));

        foreach (var kind in new[] { "ItemKnn", "EASE" })
        {
            e = Refused.By("CannotFindSimilarUsers", RefusalCategory.InvalidOperation, () => Build(kind, set).SimilarUsers([1]));
            Assert.Contains("-Kind UserKnn", e.Remedy);
            Assert.Contains("any trained encoder", e.Remedy);
        }
        Assert.False(Similarity.FindsSimilarMovies(Build("UserKnn", set)));
        Assert.Contains(RecommenderRegistry.Baselines, b => b.FindsSimilarMovies && b.Kind == BaselineKind.Ease);
        Assert.Contains(RecommenderRegistry.Baselines, b => b.FindsSimilarUsers && b.Kind == BaselineKind.UserKnn);
    }

    [Fact]
    public void Unknown_ids_and_movies_a_model_learned_nothing_of_are_refused_by_id()
    {
        var set = Disjoint(testFraction: 0);
        var ease = Build("EASE", set);
        var e = Refused.By("UnknownMovie", RefusalCategory.ObjectNotFound, () => ease.SimilarMovies([999]));
        Assert.Equal(999, e.Target);
        Refused.By("UnknownUser", RefusalCategory.ObjectNotFound, () => Build("UserKnn", set).SimilarUsers(["u-9"]));
        // Text "7" names movie 7, as the data's lookup does everywhere.
        Assert.Equal(7, ease.SimilarMovies(["7"], 1)[0].SimilarTo);

        // EASE that kept only movies with many ratings; ItemKnn on a movie whose only rating is a test one.
        var counts = set.MovieIds.Select(id => set.UserIds.Count(u => set.GetRatings(u).Any(r => r.MovieId.Equals(id)))).ToArray();
        var fewest = Array.IndexOf(counts, counts.Min());
        var strict = new EaseRecommender(set, minMovieRatings: counts.Min() + 1);
        e = Refused.By("MovieNotInModel", RefusalCategory.ObjectNotFound, () => strict.SimilarMovies([set.MovieIds[fewest]]));
        Assert.Contains($"at least {counts.Min() + 1} train ratings", e.Problem);
        Assert.Contains("-MinMovieRatings", e.Remedy);

        var lonely = _files.Write([(1, 1, 5), (1, 2, 4), (2, 1, 4), (2, 2, 5), (3, 3, 5), (3, 1, 4)]).WithTest((3, 3));
        e = Refused.By("MovieNotInModel", RefusalCategory.ObjectNotFound, () => new ItemKnnRecommender(lonely).SimilarMovies([lonely.GetMovieIndex(3)], 5));
        Assert.Contains("no train rating", e.Problem);
        Assert.Equal(3, e.Target);
    }

    public static TheoryData<string> EveryKind => new()
    {
        "MostPopular", "UserKnn", "ItemKnn", "ItemKnn 6 neighbours", "EASE", "EASE users form", "UserMovie Id", "UserMovie Graph", "Ensemble", "Triplet encoder",
    };

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Candidates_and_exclusions_are_honoured_by_every_model(string kind)
    {
        var set = Disjoint(testFraction: 0.2);
        var model = Build(kind, set);
        var users = Enumerable.Range(0, set.UserCount).ToArray();
        var full = model.Recommend(users, set.MovieCount, model.DefaultScope);
        // Candidates of two blocks, less three movies; ids of any kind, one not in the catalogue.
        var only = set.MovieIds.Where(id => BlockOf(id) != 1).Append(31_000).ToArray();
        object[] except = [2, "13", 25];
        var scope = model.DefaultScope.Restricted(set, only, except, out var unknown);
        Assert.Equal(new object[] { 31_000 }, unknown);
        var restricted = model.Recommend(users, 5, scope);
        var allowed = set.MovieIds.Select((id, m) => (id, m)).Where(x => BlockOf(x.id) != 1 && !new[] { 2, 13, 25 }.Contains((int)x.id)).Select(x => x.m).ToHashSet();
        for (var i = 0; i < users.Length; i++)
        {
            Assert.All(restricted[i].Movies, m => Assert.Contains(m, allowed));
            // The same order as the unrestricted list with the other movies taken out.
            Assert.Equal(full[i].Movies.Where(allowed.Contains).Take(5), restricted[i].Movies);
        }
        // Exclusions alone; and candidates alone, by id.
        var without = model.Recommend(users, 5, model.DefaultScope.Restricted(set, null, [1, 2, 3], out _));
        Assert.All(without, r => Assert.DoesNotContain(r.Movies, m => (int)set.MovieIds[m] <= 3));
        var within = model.Recommend(users, 5, model.DefaultScope.Restricted(set, [4, 5, 6], null, out _));
        Assert.All(within, r => Assert.All(r.Movies, m => Assert.Contains((int)set.MovieIds[m], new[] { 4, 5, 6 })));
    }

    [Fact]
    public void A_restriction_keeps_what_the_scope_already_left_out_and_newcomers_honour_it()
    {
        var set = Disjoint(testFraction: 0);
        var study = new RecommendationScope { CandidateMovies = set.MovieIds.Select(id => (int)id <= 15).ToArray() };
        var narrowed = study.Restricted(set, [10, 11, 20], [11], out var unknown);
        Assert.Empty(unknown);
        Assert.Equal(new[] { 9 }, Enumerable.Range(0, set.MovieCount).Where(narrowed.IsCandidate));
        Assert.Equal(study.LikeThreshold, narrowed.LikeThreshold);
        Assert.Equal(15, study.CandidateMovies!.Count(c => c)); // the scope restricted is left as it was
        // Nothing to restrict leaves every movie a candidate.
        Assert.Null(RecommendationScope.Full.Restricted(set, null, null, out _).CandidateMovies);
        Assert.Null(RecommendationScope.Full.Restricted(set, null, [99_999], out unknown).CandidateMovies);
        Assert.Equal(new object[] { 99_999 }, unknown);

        var ease = NewcomerRecommender.For(Build("EASE", set));
        var ratings = new (object, float)[] { (1, 5f), (2, 5f), (3, 4f) };
        var free = ease.RecommendFor(ratings, 5, out _);
        Assert.All(free, r => Assert.Equal(0, BlockOf(r.MovieId)));
        var scoped = ease.RecommendFor(ratings, 5, out _, scope: RecommendationScope.Full.Restricted(set, null, [free[0].MovieId, free[1].MovieId], out _));
        Assert.Equal(free.Skip(2).Select(r => r.MovieId), scoped.Take(3).Select(r => r.MovieId));
    }
}
