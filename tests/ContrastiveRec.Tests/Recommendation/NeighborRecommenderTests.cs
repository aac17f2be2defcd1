using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Recommendation;
using Xunit;

namespace ContrastiveRec.Tests.Recommendation;

public class NeighborRecommenderTests : IDisposable
{
    private readonly TestRatings _files = new();

    public void Dispose() => _files.Dispose();

    // Users 1-5 are dense 0-4. User 1 rated 10 in train and holds 50 (4.0) and 60 (5.0) out as test.
    // Likes at 3.5, in each neighbour's suggestion order (rating, then movie):
    //   user 2: 10 (5.0), 30 (5.0), 20 (4.0)      user 3: 20 (5.0), 30 (4.5), 50 (4.0), 60 (3.5)
    //   user 4: 40 (5.0), 60 (5.0)                 user 5: 50 (5.0)
    private RatingSet Set() => _files.Write(new (int, int, double)[]
    {
        (1, 10, 4.0), (1, 50, 4.0), (1, 60, 5.0),
        (2, 10, 5.0), (2, 20, 4.0), (2, 30, 5.0), (2, 40, 2.0),
        (3, 20, 5.0), (3, 30, 4.5), (3, 50, 4.0), (3, 60, 3.5),
        (4, 40, 5.0), (4, 60, 5.0),
        (5, 50, 5.0),
    }).WithTest((1, 50), (1, 60));

    // User 1's row: user 2 nearest (0.9), then 3 (0.8), 5 (0.5), 4 (0.1). The diagonal is the highest on
    // purpose: a user must never be their own neighbour whatever the similarity says.
    private static float[,] Similarity(float user3 = 0.8f) => new float[,]
    {
        { 1.0f, 0.9f, user3, 0.1f, 0.5f },
        { 0.9f, 1.0f, 0.2f, 0.2f, 0.2f },
        { user3, 0.2f, 1.0f, 0.2f, 0.2f },
        { 0.1f, 0.2f, 0.2f, 1.0f, 0.2f },
        { 0.5f, 0.2f, 0.2f, 0.2f, 1.0f },
    };

    // User 1 (train: 100) and four neighbours, nearest first: user 2 (0.9), 3 (0.8), 4 (0.3), 5 (0.2); user 6 (0.1)
    // is the fifth, left out with four neighbours. Likes by movie: 40 at 5.0 by users 4 and 5 and at 3.5 by 3; 30 at 5.0 by 3 and 4.0 by 2;
    // 20 at 5.0 by 5 and 4.0 by 4; 10 and 15 at 5.0 by user 2 only; 5 at 4.5 by all four; 100 is user 1's own.
    private (RatingSet, FixedSimilarityRecommender) Planted()
    {
        var set = _files.Write(new (int, int, double)[]
        {
            (1, 100, 4.0),
            (2, 10, 5.0), (2, 15, 5.0), (2, 30, 4.0), (2, 5, 4.5), (2, 100, 5.0),
            (3, 30, 5.0), (3, 40, 3.5), (3, 5, 4.5),
            (4, 40, 5.0), (4, 20, 4.0), (4, 5, 4.5),
            (5, 40, 5.0), (5, 20, 5.0), (5, 5, 4.5),
            (6, 50, 5.0),
        });
        var similarity = new float[6, 6];
        float[] toUser1 = [1f, 0.9f, 0.8f, 0.3f, 0.2f, 0.1f];
        for (var v = 0; v < 6; v++) similarity[0, v] = similarity[v, 0] = toUser1[v];
        for (var v = 1; v < 6; v++) similarity[v, v] = 1f;
        return (set, new FixedSimilarityRecommender(set, similarity));
    }

    [Fact]
    public void Merges_the_neighbours_likes_by_best_rating_then_likers_leaving_out_own_train_movies()
    {
        var set = Set();
        var rec = new FixedSimilarityRecommender(set, Similarity());
        var r = rec.Recommend(set.Users(1), 10, RecommendationScope.Full with { Neighbors = 2 }, withSuggesters: true).Single();
        // Users 2 and 3 both like 20 and 30, each rated 5.0 by one of them (user 2's 10 is user 1's own train movie):
        // equal rating, likers and nearness, so by movie id. Then 50 (4.0) and 60 (3.5), user 3's. Users 4 and 5 are
        // not among the two nearest, so 40 never appears. Test movies (50, 60) are not "rated in train".
        Assert.Equal(new[] { 20, 30, 50, 60 }, set.MovieIds(r));
        Assert.Equal(new[] { 5f, 5f, 4f, 3.5f }, r.Scores);
        var u2 = set.Users(2)[0];
        var u3 = set.Users(3)[0];
        Assert.Equal(new[] { new[] { u2, u3 }, new[] { u2, u3 }, new[] { u3 }, new[] { u3 } }, r.SuggestedBy);
    }

    [Fact]
    public void Stops_at_the_requested_count_and_gives_fewer_when_the_neighbours_run_out()
    {
        var set = Set();
        var rec = new FixedSimilarityRecommender(set, Similarity());
        Assert.Equal(new[] { 20, 30 }, set.MovieIds(rec.Recommend(set.Users(1), 2, RecommendationScope.Full with { Neighbors = 2 }).Single()));
        // One neighbour (user 2): 30 (5.0), 20 (4.0) (10 is user 1's own); nothing else to give.
        Assert.Equal(new[] { 30, 20 }, set.MovieIds(rec.Recommend(set.Users(1), 10, RecommendationScope.Full with { Neighbors = 1 }).Single()));
    }

    [Fact]
    public void Including_rated_movies_lets_the_users_own_train_movie_take_a_place()
    {
        var set = Set();
        var rec = new FixedSimilarityRecommender(set, Similarity());
        // User 2's 10 (5.0) is no longer skipped: after 20 and 30 (5.0, liked by both neighbours) it takes third place
        // and pushes 50 out of the top 3, so recall@3 is 0.
        var scope = RecommendationScope.Full with { Neighbors = 2, IncludeRatedMovies = true };
        Assert.Equal(new[] { 20, 30, 10, 50, 60 }, set.MovieIds(rec.Recommend(set.Users(1), 10, scope).Single()));
        var r = RankingEvaluator.Evaluate(rec, EvaluationProtocol.Full, new[] { 3 }, neighbors: 2, includeRatedMovies: true).Single();
        Assert.Equal(0.0, r.Recall);
    }

    [Fact]
    public void Among_equal_ratings_more_likers_then_nearer_ones_come_first_then_movie_id()
    {
        var (set, rec) = Planted();
        var four = RecommendationScope.Full with { Neighbors = 4 };
        var r = rec.Recommend(set.Users(1), 10, four, withSuggesters: true).Single();
        // At 5.0: 40 (three likers, 0.8 + 0.3 + 0.2) before 30 (two, but nearer: 0.9 + 0.8), then 20 (two, 0.3 + 0.2),
        // then 10 and 15 (one each, the nearest neighbour: by id). The neighbours' order alone (the nearest's 10 first)
        // decides nothing. Then 5 at 4.5, though all four liked it: the rating comes first, and stays the score.
        Assert.Equal(new[] { 40, 30, 20, 10, 15, 5 }, set.MovieIds(r));
        Assert.Equal(new[] { 5f, 5f, 5f, 5f, 5f, 4.5f }, r.Scores);
        Assert.Equal(new[] { 3, 2, 2, 1, 1, 4 }, r.SuggestedBy!.Select(s => s.Length));
        Assert.Equal(set.Users(3, 4, 5), r.SuggestedBy![0]);
        // The best few are the same when fewer are asked for (kept in a heap of that size, not a sort of them all).
        Assert.Equal(new[] { 40, 30 }, set.MovieIds(rec.Recommend(set.Users(1), 2, four).Single()));
        Assert.Equal(new[] { 40, 30, 20, 10 }, set.MovieIds(rec.Recommend(set.Users(1), 4, four).Single()));
        // The fifth neighbour's 50 (5.0, 0.1) comes in after the others at 5.0.
        Assert.Equal(new[] { 40, 30, 20, 10, 15, 50, 5 }, set.MovieIds(rec.Recommend(set.Users(1), 10, four with { Neighbors = 5 }).Single()));
    }

    [Fact]
    public void The_tally_keeps_what_a_full_sort_of_every_suggestion_would()
    {
        // Random likes of 12 neighbours over 300 movies, ratings on the half-star scale from 3.5: many ties to break.
        var rng = new Random(11);
        var votes = new NeighborVotes(300);
        for (var round = 0; round < 20; round++)
        {
            var likes = new List<(int Movie, float Rating, float Similarity)>();
            for (var neighbour = 0; neighbour < 12; neighbour++)
            {
                var similarity = (float)Math.Round(rng.NextDouble(), 1);
                foreach (var movie in Enumerable.Range(0, 300).Where(_ => rng.NextDouble() < 0.1))
                    likes.Add((movie, 3.5f + 0.5f * rng.Next(4), similarity));
            }
            var own = Enumerable.Range(0, 300).Where(_ => rng.NextDouble() < 0.05).ToHashSet();
            votes.Next();
            foreach (var m in own) votes.Exclude(m);
            foreach (var (movie, rating, similarity) in likes) votes.Add(movie, rating, similarity);
            var expected = likes.Where(l => !own.Contains(l.Movie)).GroupBy(l => l.Movie)
                .Select(g => (Movie: g.Key, Rating: g.Max(l => l.Rating), Likers: g.Count(), Nearness: g.Sum(l => (double)l.Similarity)))
                .OrderByDescending(v => v.Rating).ThenByDescending(v => v.Likers).ThenByDescending(v => v.Nearness).ThenBy(v => v.Movie).ToArray();
            foreach (var k in new[] { 1, 7, 50, expected.Length, expected.Length + 5 })
            {
                var (movies, ratings) = votes.Best(k);
                Assert.Equal(expected.Take(k).Select(v => v.Movie), movies);
                Assert.Equal(expected.Take(k).Select(v => v.Rating), ratings);
            }
        }
    }

    [Fact]
    public void Equally_near_equally_many_likers_fall_back_to_movie_id()
    {
        var set = Set();
        // Users 2 and 3 now equally near: 20 and 30 tie on rating, likers and nearness, so 20 comes first.
        var rec = new FixedSimilarityRecommender(set, Similarity(user3: 0.9f));
        Assert.Equal(new[] { 20, 30, 50, 60 }, set.MovieIds(rec.Recommend(set.Users(1), 10, RecommendationScope.Full with { Neighbors = 2 }).Single()));
    }

    [Fact]
    public void Neighbours_are_nearest_first_and_never_the_user()
    {
        var set = Set();
        var rec = new FixedSimilarityRecommender(set, Similarity());
        var (users, sims) = rec.Neighbors(set.Users(1), 10).Single();
        Assert.Equal(set.Users(2, 3, 5, 4), users);
        Assert.Equal(new[] { 0.9f, 0.8f, 0.5f, 0.1f }, sims);
    }

    [Fact]
    public void Candidates_and_the_like_threshold_narrow_the_suggestions()
    {
        var set = Set();
        var rec = new FixedSimilarityRecommender(set, Similarity());
        set.TryGetMovieIndex(20, out var m20);
        set.TryGetMovieIndex(60, out var m60);
        var candidates = new bool[set.MovieCount];
        candidates[m20] = candidates[m60] = true;
        var scope = new RecommendationScope { Neighbors = 2, CandidateMovies = candidates };
        Assert.Equal(new[] { 20, 60 }, set.MovieIds(rec.Recommend(set.Users(1), 10, scope).Single()));
        // Likes at 4.5: user 2's 10 (own) and 30, user 3's 20 and 30.
        Assert.Equal(new[] { 30, 20 }, set.MovieIds(rec.Recommend(set.Users(1), 10, new RecommendationScope { Neighbors = 2, LikeThreshold = 4.5 }).Single()));
    }

    [Fact]
    public void Recall_ndcg_and_hit_rate_of_the_hand_made_user()
    {
        var set = Set();
        var rec = new FixedSimilarityRecommender(set, Similarity());
        // Only user 1 has test ratings: 50 and 60, both liked. The two nearest give 20, 30, 50, 60.
        var r = RankingEvaluator.Evaluate(rec, EvaluationProtocol.Full, new[] { 2, 3, 4 }, neighbors: 2);
        // K=2: no hit.
        Assert.Equal((0.0, 0.0, 0.0), (r[0].Recall, r[0].Ndcg, r[0].HitRate));
        // K=3: 50 at place 3. Recall 1/2; DCG 1/log2(4) = 0.5; IDCG over min(3, 2) = 2 items = 1 + 1/log2(3).
        var idcg = 1 + 1 / Math.Log2(3);
        Assert.Equal(0.5, r[1].Recall, 12);
        Assert.Equal(0.5 / idcg, r[1].Ndcg, 12);
        Assert.Equal(1.0, r[1].HitRate);
        Assert.Equal(1.0 / 3, r[1].Precision, 12);
        // K=4: 50 and 60 at places 3 and 4. DCG = 1/log2(4) + 1/log2(5).
        Assert.Equal(1.0, r[2].Recall, 12);
        Assert.Equal((0.5 + 1 / Math.Log2(5)) / idcg, r[2].Ndcg, 12);
        Assert.All(r, x => Assert.Equal((1, 2, "Fixed", EvaluationProtocol.Full), (x.Users, x.Relevant, x.Model, x.Protocol)));
    }
}
