using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Pairs;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;
using Xunit;
using static TorchSharp.torch;

namespace ContrastiveRec.Tests.Recommendation;

public class NewcomerTests
{
    private const int Groups = 3, UsersPerGroup = 20, MoviesPerBlock = 30;

    /// <summary>Group g rates most movies of block g (highly) and few of the others (low): which movies a person rates tells their group.</summary>
    private static RatingSet PlantedGroups(TestRatings data)
    {
        var rng = new Random(3);
        var rows = new List<(int, int, double)>();
        for (var g = 0; g < Groups; g++)
        for (var i = 0; i < UsersPerGroup; i++)
        for (var b = 0; b < Groups; b++)
        for (var j = 0; j < MoviesPerBlock; j++)
            if (rng.NextDouble() < (b == g ? 0.5 : 0.04))
                rows.Add((g * UsersPerGroup + i + 1, b * MoviesPerBlock + j + 1, b == g ? 4.5 : 2.0));
        return data.Write(rows);
    }

    /// <summary>One newcomer per group, five ratings each from their group's block.</summary>
    private static NewcomerProfile[] FiveRatingsPerGroup(RatingSet set)
    {
        var rng = new Random(11);
        return Enumerable.Range(0, Groups).Select(g =>
        {
            var movies = Enumerable.Range(g * MoviesPerBlock + 1, MoviesPerBlock).OrderBy(_ => rng.Next()).Take(5)
                .Select(id => { Assert.True(set.TryGetMovieIndex(id, out var m)); return m; }).ToArray();
            return new NewcomerProfile(movies, Enumerable.Repeat(4.5f, 5).ToArray());
        }).ToArray();
    }

    private static void AssertOwnGroupFirst(RatingSet set, NewcomerRecommender newcomers)
    {
        var profiles = FiveRatingsPerGroup(set);
        var rankings = newcomers.Recommend(profiles, 10);
        double share = 0;
        for (var g = 0; g < Groups; g++)
        {
            Assert.Equal(10, rankings[g].Count);
            Assert.Empty(rankings[g].Movies.Intersect(profiles[g].Movies)); // never recommended back
            share += rankings[g].Movies.Count(m => ((int)set.MovieIds[m] - 1) / MoviesPerBlock == g) / 10.0;
        }
        share /= Groups;
        Assert.True(share > 0.8, $"only {share:P0} of a newcomer's top-10 come from their group's block");
    }

    [Fact]
    public void The_profile_encoder_recommends_a_newcomers_group_movies_from_five_ratings()
    {
        using var data = new TestRatings();
        var set = PlantedGroups(data);
        var options = TrainingOptions.UserMovieDefaults(EncoderKind.Profile) with { Epochs = 40, BatchSize = 16 };
        using var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), options);
        var newcomers = NewcomerRecommender.For(new UserMovieRecommender(model));
        Assert.StartsWith("UserMovie (Profile", newcomers.Name);
        AssertOwnGroupFirst(set, newcomers);
    }

    [Fact]
    public void Ease_recommends_a_newcomers_group_movies_from_five_ratings()
    {
        using var data = new TestRatings();
        var set = PlantedGroups(data);
        var newcomers = NewcomerRecommender.For(RecommenderRegistry.Build(BaselineKind.Ease, set));
        Assert.Equal("EASE", newcomers.Name);
        AssertOwnGroupFirst(set, newcomers);
    }

    [Fact]
    public void Recommending_by_movie_id_skips_unknown_movies_and_labels_the_newcomer()
    {
        using var data = new TestRatings();
        var set = PlantedGroups(data);
        var newcomers = NewcomerRecommender.For(new EaseRecommender(set));
        var told = new (object, float)[] { (1, 5f), (2, 4.5f), (3, 5f), (99_999, 4f) };
        var list = newcomers.RecommendFor(told, 5, out var unknown, userId: 7);
        Assert.Equal(new object[] { 99_999 }, unknown);
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, list.Select(r => r.Rank));
        Assert.All(list, r => Assert.Equal(7, r.UserId));
        Assert.All(list, r => Assert.DoesNotContain(r.MovieId, new object[] { 1, 2, 3 }));
        Assert.All(list, r => Assert.InRange((int)r.MovieId, 1, MoviesPerBlock)); // block 0, the group of movies 1-3
        // None of the movies known: refused, naming them (the warning of the partly-unknown case has nothing left to serve).
        var none = Refused.By("NoKnownMovies", RefusalCategory.ObjectNotFound, () => newcomers.RecommendFor(new (object, float)[] { (99_999, 4f), (99_998, 3f) }, 5, out _));
        Assert.Contains("(99999, 99998)", none.Problem);
        Assert.Equal(new object[] { 99_999, 99_998 }, none.Target);

        // A movie twice, or a rating off the scale, is refused with the movie named rather than taken silently.
        var twice = Assert.IsType<NewcomerRatingsException>(Refused.By("InvalidNewcomerRating", RefusalCategory.InvalidArgument,
            () => newcomers.RecommendFor(new (object, float)[] { (1, 5f), (2, 4f), (1, 3f) }, 5, out _)));
        Assert.Equal(((object)1, (object)1), (twice.MovieId, twice.Target));
        Assert.Contains("rated twice", twice.Problem);
        foreach (var bad in new[] { 7f, 0f, float.NaN })
            Assert.Equal(2, Assert.Throws<NewcomerRatingsException>(() => newcomers.RecommendFor(new (object, float)[] { (1, 5f), (2, bad) }, 5, out _)).MovieId);
    }

    [Fact]
    public void Only_profile_or_graph_user_movie_models_and_ease_fold_in_newcomers()
    {
        using var data = new TestRatings();
        var set = PlantedGroups(data);
        var popular = RecommenderRegistry.Build(BaselineKind.MostPopular, set);
        Assert.False(NewcomerRecommender.CanFoldIn(popular));
        var e = Refused.By("CannotFoldInNewcomers", RefusalCategory.InvalidOperation, () => NewcomerRecommender.For(popular));
        Assert.Contains("Profile or Graph encoder", e.Problem);
        Assert.Contains("EASE", e.Problem);
        Assert.Same(popular, e.Target);
        using var byId = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), TrainingOptions.UserMovieDefaults(EncoderKind.Id) with { Epochs = 1 });
        var byIdRecommender = RecommenderRegistry.ForEncoder(byId);
        Assert.IsType<UserMovieRecommender>(byIdRecommender);
        Assert.False(NewcomerRecommender.CanFoldIn(byIdRecommender));
        Refused.By("CannotFoldInNewcomers", RefusalCategory.InvalidOperation, () => NewcomerEvaluation.Evaluate(popular, set, new[] { 10 }));
    }

    // Newcomers 10-13 over movies 1-6; a model that ranks every movie by index (movie 1 first) whatever it is told.
    //   10 tells {1}; test 2 (4.0), 3 (5.0) relevant, 5 (2.0) not. Ranking 2,3,4,5,6: recall@1 1/2, @2 1, NDCG@2 1.
    //   11 tells {4}; test 6 (5.0) relevant, 2 (1.0) not. Ranking 1,2,3,5,6: no hit by 2, hit at 5 (NDCG@5 1/log2 6).
    //   12 has no relevant test rating; 13 tells nothing (its only rating is test): neither is evaluated.
    [Fact]
    public void Newcomer_evaluation_scores_a_hand_made_case()
    {
        using var modelData = new TestRatings();
        using var newcomerData = new TestRatings();
        var catalogue = modelData.Write(Enumerable.Range(1, 6).SelectMany(m => new[] { (1, m, 4.0), (2, m, 3.0) }));
        var newcomers = newcomerData.Write(new[]
        {
            (10, 1, 5.0), (10, 2, 4.0), (10, 3, 5.0), (10, 5, 2.0),
            (11, 4, 4.0), (11, 6, 5.0), (11, 2, 1.0),
            (12, 1, 5.0), (12, 2, 2.0),
            (13, 3, 5.0), (13, 1, 1.0), (13, 2, 1.0), (13, 4, 1.0), (13, 5, 1.0), (13, 6, 1.0),
        }).WithTest((10, 2), (10, 3), (10, 5), (11, 6), (11, 2), (12, 2), (13, 3), (13, 1), (13, 2), (13, 4), (13, 5), (13, 6));
        var byIndex = new NewcomerRecommender("ByIndex", catalogue, profiles =>
            arange(6, dtype: ScalarType.Float32).neg().unsqueeze(0).expand(profiles.Count, 6).contiguous());

        var results = NewcomerEvaluation.Evaluate(byIndex, newcomers, new[] { 1, 2, 5 });

        Assert.All(results, r => Assert.Equal(EvaluationProtocol.Newcomers, r.Protocol));
        Assert.All(results, r => Assert.Equal(2, r.Users));
        Assert.All(results, r => Assert.Equal(3, r.Relevant));
        Assert.Equal(new[] { 0.25, 0.5, 1.0 }, results.Select(r => Math.Round(r.Recall, 6)));
        Assert.Equal(new[] { 0.5, 0.5, 1.0 }, results.Select(r => r.HitRate));
        Assert.Equal(0.5, results[1].Ndcg, 6);
        Assert.Equal((1 + 1 / Math.Log2(6)) / 2, results[2].Ndcg, 6);
        Assert.Equal(0.5, results[1].Precision, 6);
    }

    [Fact]
    public void Newcomer_evaluation_refuses_the_models_own_users_and_another_catalogue()
    {
        var bundled = MovieLensReader.Read(TestPaths.BundledData);
        var holdOut = bundled.HoldOutUsers(0.9, 1); // 61 training users: a cheap EASE
        var ease = RecommenderRegistry.Build(BaselineKind.Ease, holdOut.Training);
        var own = Refused.By("NotNewcomers", RefusalCategory.InvalidArgument, () => NewcomerEvaluation.Evaluate(ease, holdOut.Training, new[] { 10 }));
        Assert.Contains("training users", own.Problem);
        Assert.Same(holdOut.Training, own.Target);
        using var other = new TestRatings();
        var elsewhere = other.Write(new[] { (9_001, 1, 4.0), (9_001, 2, 5.0) });
        Assert.Contains("catalogue", Refused.By("NotNewcomers", RefusalCategory.InvalidArgument, () => NewcomerEvaluation.Evaluate(ease, elsewhere, new[] { 10 })).Problem);

        var results = NewcomerEvaluation.Evaluate(ease, holdOut.Newcomers, new[] { 10, 50 });
        Assert.True(results[1].Recall > results[0].Recall);
        Assert.True(results[0].Users > 400);
    }
}
