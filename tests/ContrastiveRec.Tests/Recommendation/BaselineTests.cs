using ContrastiveRec.Evaluation;
using ContrastiveRec.Recommendation;
using Xunit;

namespace ContrastiveRec.Tests.Recommendation;

public class BaselineTests : IDisposable
{
    private readonly TestRatings _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void MostPopular_ranks_by_train_likes_then_movie_id_and_skips_seen_movies()
    {
        var set = _files.Write(new (int, int, double)[]
        {
            (1, 10, 4.0), (1, 20, 5.0), (1, 30, 4.0),
            (2, 10, 5.0), (2, 30, 4.0), (2, 40, 2.0),
            (3, 10, 4.0), (3, 30, 5.0), (3, 40, 4.0),
            (4, 20, 3.0), (4, 40, 4.0), (4, 50, 4.0),
        }).WithTest((1, 30));
        // Train likes (>= 3.5): 10 x3; 30 x2 (user 1's like is test); 40 x2 (user 2's 2.0 is not a like);
        // 20 x1 (user 4's 3.0 is not); 50 x1. Order: 10, 30, 40, 20, 50.
        var rec = RecommenderRegistry.Build(BaselineKind.MostPopular, set);
        var r = rec.Recommend(set.Users(1, 4), 5, RecommendationScope.Full);
        Assert.Equal(new[] { 30, 40, 50 }, set.MovieIds(r[0]));   // user 1 rated 10 and 20 in train; 30 only in test
        Assert.Equal(new[] { 2f, 2f, 1f }, r[0].Scores);
        Assert.Equal(new[] { 10, 30 }, set.MovieIds(r[1]));       // user 4 has seen the rest: fewer than asked
        // User 1's only relevant test item is 30, ranked first: every metric is 1 at K=1 (precision 1/1).
        var m = RankingEvaluator.Evaluate(rec, EvaluationProtocol.Full, new[] { 1 }).Single();
        Assert.Equal((1.0, 1.0, 1.0, 1.0, 1, 1), (m.Recall, m.Ndcg, m.HitRate, m.Precision, m.Users, m.Relevant));
    }

    [Fact]
    public void UserKnn_uses_the_cosine_of_raw_rating_vectors()
    {
        var set = _files.Write(new (int, int, double)[]
        {
            (1, 10, 4.0), (1, 20, 4.0),
            (2, 10, 4.0), (2, 20, 4.0), (2, 30, 4.0),
            (3, 10, 4.0), (3, 40, 4.0), (3, 50, 4.0),
            (4, 30, 2.0), (4, 60, 5.0),
        });
        // cos(1, 2) = 32 / (sqrt 32 sqrt 48) = 0.816; cos(1, 3) = 16 / (sqrt 32 sqrt 48) = 0.408; cos(1, 4) = 0.
        var rec = new UserKnnRecommender(set);
        var (users, sims) = rec.Neighbors(set.Users(1), 3).Single();
        Assert.Equal(set.Users(2, 3, 4), users);
        Assert.Equal(new[] { 32 / Math.Sqrt(32 * 48), 16 / Math.Sqrt(32 * 48), 0 }, sims.Select(s => (double)s), new ToleranceComparer(1e-6));
        // All likes at 4.0: user 2 gives 30 (10, 20 are user 1's own), then user 3 gives 40, 50.
        Assert.Equal(new[] { 30, 40, 50 }, set.MovieIds(rec.Recommend(set.Users(1), 10, RecommendationScope.Full with { Neighbors = 2 }).Single()));
        Assert.Equal(new[] { 30 }, set.MovieIds(rec.Recommend(set.Users(1), 10, RecommendationScope.Full with { Neighbors = 1 }).Single()));
    }

    [Fact]
    public void ItemKnn_sums_cosine_similarities_to_the_users_liked_movies()
    {
        var set = _files.Write(new (int, int, double)[]
        {
            (1, 1, 5.0), (1, 2, 5.0),
            (2, 1, 5.0), (2, 3, 5.0),
            (3, 2, 5.0), (3, 3, 5.0), (3, 4, 5.0),
            (4, 4, 5.0),
        });
        // Movies over users 1-4: m1 = (5,5,0,0), m2 = (5,0,5,0), m3 = (0,5,5,0), m4 = (0,0,5,5).
        // cos(m3, m1) = cos(m3, m2) = cos(m4, m2) = cos(m4, m3) = 25/50 = 0.5; cos(m4, m1) = cos(m1, m4) = 0.
        var rec = RecommenderRegistry.Build(BaselineKind.ItemKnn, set);
        var r = rec.Recommend(set.Users(1, 4), 10, RecommendationScope.Full);
        // User 1 liked m1, m2: m3 scores 0.5 + 0.5, m4 scores 0 + 0.5.
        Assert.Equal(new[] { 3, 4 }, set.MovieIds(r[0]));
        Assert.Equal(new[] { 1.0, 0.5 }, r[0].Scores.Select(s => (double)s), new ToleranceComparer(1e-6));
        // User 4 liked m4: m2 and m3 tie at 0.5 (the lower id first); m1 scores 0 and is not recommended.
        Assert.Equal(new[] { 2, 3 }, set.MovieIds(r[1]));
    }

    [Fact]
    public void Baselines_have_no_study_protocol()
    {
        var set = _files.Write(new (int, int, double)[] { (1, 1, 5.0), (1, 2, 4.0), (2, 1, 3.0), (2, 2, 4.0) });
        foreach (var kind in Enum.GetValues<BaselineKind>())
        {
            var rec = RecommenderRegistry.Build(kind, set);
            Assert.Equal(kind, rec.Kind);
            Assert.Equal(kind == BaselineKind.Ease ? "EASE" : kind.ToString(), rec.Name); // EASE is an acronym
            Assert.Null(rec.StudyScope);
            Assert.Same(rec, Refused.By("ProtocolNotSupported", RefusalCategory.InvalidOperation, () => RankingEvaluator.Evaluate(rec, EvaluationProtocol.Study, new[] { 10 })).Target);
        }
    }

    [Fact]
    public void The_registry_holds_one_entry_per_kind_and_says_truly_which_fold_in_newcomers()
    {
        Assert.Equal(Enum.GetValues<BaselineKind>(), RecommenderRegistry.Baselines.Select(e => e.Kind));
        Assert.Equal(RecommenderRegistry.Baselines.Count, RecommenderRegistry.Baselines.Select(e => e.Name).Distinct().Count());
        var set = _files.Write(new (int, int, double)[] { (1, 1, 5.0), (1, 2, 4.0), (2, 1, 3.0), (2, 2, 4.0), (2, 3, 5.0) });
        foreach (var entry in RecommenderRegistry.Baselines)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Description));
            var built = entry.Build(set);
            Assert.Same(entry, built.Entry);
            Assert.Equal(entry.FoldsInNewcomers, NewcomerRecommender.CanFoldIn(built));
        }
        Assert.Contains(RecommenderRegistry.Baselines, e => e.FoldsInNewcomers);
        Assert.Contains(RecommenderRegistry.Baselines, e => !e.FoldsInNewcomers);
    }

    [Fact]
    public void The_study_compared_with_MostPopular_UserKnn_and_ItemKnn_only()
    {
        // The comparison's model list (ComparisonModels) keeps the others for the rows beyond the study.
        var study = RecommenderRegistry.Baselines.Where(e => e.InStudy);
        Assert.Equal(new[] { BaselineKind.MostPopular, BaselineKind.UserKnn, BaselineKind.ItemKnn }, study.Select(e => e.Kind));
        Assert.Equal(new[] { BaselineKind.Ease }, RecommenderRegistry.Baselines.Where(e => !e.InStudy).Select(e => e.Kind));
    }

    [Fact]
    public void Settings_reach_the_baseline_that_reads_them_and_are_checked_by_it()
    {
        var set = _files.Write(new (int, int, double)[] { (1, 1, 5.0), (1, 2, 4.0), (2, 1, 3.0), (2, 2, 4.0), (3, 1, 4.0) });
        var settings = new BaselineSettings { EaseLambda = 7, EaseMinMovieRatings = 3 };
        var ease = Assert.IsType<EaseRecommender>(RecommenderRegistry.Build(BaselineKind.Ease, set, settings).Inner);
        Assert.Equal((7.0, 3, 1), (ease.Lambda, ease.MinMovieRatings, ease.KeptMovies));
        var defaults = Assert.IsType<EaseRecommender>(RecommenderRegistry.Build(BaselineKind.Ease, set).Inner);
        Assert.Equal((EaseRecommender.DefaultLambda, EaseRecommender.DefaultMinMovieRatings), (defaults.Lambda, defaults.MinMovieRatings));
        Refused.By("InvalidBaselineSetting", RefusalCategory.InvalidArgument, () => RecommenderRegistry.Build(BaselineKind.Ease, set, settings with { EaseLambda = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecommenderRegistry.Build((BaselineKind)99, set));
    }

    [Fact]
    public void Every_baseline_describes_its_settings_and_what_its_build_kept()
    {
        var set = _files.WriteGroups(groups: 3, usersPerGroup: 20, moviesPerBlock: 10, density: 0.7);
        var settings = new BaselineSettings { EaseLambda = 7, EaseMinMovieRatings = 41, ItemKnnNeighbors = 4 };
        var built = RecommenderRegistry.Baselines.ToDictionary(e => e.Kind, e => e.Build(set, settings));
        Assert.All(built.Values, b => Assert.Matches(b.BuildTime.TotalSeconds < 1 ? @"; built in \d+ ms\.$" : @"; built in \d+\.\d s\.$", b.Summary));
        Assert.All(built.Values, b => Assert.False(string.IsNullOrWhiteSpace(b.Settings)));

        var ease = Assert.IsType<EaseRecommender>(built[BaselineKind.Ease].Inner);
        Assert.InRange(ease.KeptMovies, 1, set.MovieCount - 1); // -MinMovieRatings 41 drops some of the 30 movies
        Assert.Equal($"lambda 7, >= 41 ratings, {ease.KeptMovies} movies", built[BaselineKind.Ease].Settings);
        Assert.StartsWith($"EASE kept {ease.KeptMovies} of {set.MovieCount} movies ({ease.RatingShareCovered.ToString("P1", System.Globalization.CultureInfo.InvariantCulture)} of train ratings)",
            built[BaselineKind.Ease].Summary);
        Assert.Equal("lambda 100, 30 movies", RecommenderRegistry.Build(BaselineKind.Ease, set).Settings);

        Assert.Equal("4 neighbours", built[BaselineKind.ItemKnn].Settings);
        Assert.StartsWith("ItemKnn keeps 4 most similar movies per movie;", built[BaselineKind.ItemKnn].Summary);
        var all = RecommenderRegistry.Build(BaselineKind.ItemKnn, set);
        Assert.Equal("all other movies", all.Settings);
        Assert.StartsWith("ItemKnn keeps every other movie as each movie's neighbour", all.Summary);
        Assert.Equal($"{RecommendationScope.Full.Neighbors} neighbours, cosine", built[BaselineKind.UserKnn].Settings);
        Assert.Equal("likes at 3.5", built[BaselineKind.MostPopular].Settings);
    }
}
