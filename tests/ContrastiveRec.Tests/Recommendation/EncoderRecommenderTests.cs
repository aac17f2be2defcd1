using ContrastiveRec.Evaluation;
using ContrastiveRec.Pairs;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;
using Xunit;

namespace ContrastiveRec.Tests.Recommendation;

[Collection("Training")]
public class EncoderRecommenderTests : IDisposable
{
    private readonly TestRatings _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly TrainingOptions Quick = new()
    {
        Epochs = 6, BatchSize = 256, LearningRate = 3e-3, InputDim = 64, HiddenDim = 64, LatentDim = 32, Seed = 5,
    };

    [Fact]
    public void Planted_groups_get_their_own_blocks_movies_and_never_their_own_train_movies()
    {
        // Three groups of 30 users; movies 1-40 are group 0's, 41-80 group 1's, 81-120 group 2's (rated 4-5 by the group).
        var set = _files.WriteGroups(testFraction: 0.2);
        using var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(1) with { MinLikers = 5, MinDislikers = 5 }, Quick);
        var rec = new EncoderRecommender(model);
        Assert.Equal("Strategy 1", rec.Name);
        var users = Enumerable.Range(0, set.UserCount).ToArray();
        var all = rec.Recommend(users, 10, rec.DefaultScope, withSuggesters: true);
        var own = 0;
        var total = 0;
        foreach (var r in all)
        {
            var userId = set.UserIds[r.User];
            var trainMovies = set.GetRatings(userId).Where(x => !x.IsTest).Select(x => (int)x.MovieId).ToHashSet();
            var ids = set.MovieIds(r);
            Assert.DoesNotContain(ids, trainMovies.Contains);
            Assert.Equal(ids.Length, ids.Distinct().Count());
            Assert.All(r.SuggestedBy!, s => Assert.DoesNotContain(r.User, s));
            own += ids.Count(m => (m - 1) / 40 == TestRatings.GroupOf(userId));
            total += ids.Length;
        }
        Assert.True(own > 0.9 * total, $"{own} of {total} recommendations from the user's own block");

        // One batch gives what user-by-user calls give.
        var one = rec.Recommend(new[] { 17 }, 10, rec.DefaultScope).Single();
        Assert.Equal(all[17].Movies, one.Movies);

        // Group members like their block's test movies, so the full protocol finds many of them.
        var recall = RankingEvaluator.Evaluate(rec, EvaluationProtocol.Full, new[] { 10, 20 });
        Assert.True(recall[1].Recall > 0.3, recall[1].ToString());
        Assert.True(recall[1].Recall >= recall[0].Recall);
    }

    [Fact]
    public void The_study_protocol_recommends_and_counts_only_kept_movies()
    {
        var set = _files.WriteGroups(testFraction: 0.2);
        // A popularity limit drops the most liked movies, so the kept set is a strict subset.
        var strategy = PairStrategy.FromPreset(2) with { MinLikers = 5, MinDislikers = 5, PopularityThreshold = 16 };
        using var model = EncoderTrainer.Train(set, strategy, Quick with { Epochs = 2 });
        var rec = new EncoderRecommender(model);
        var kept = TripletMiner.KeptMovies(set, strategy);
        Assert.Contains(false, kept.Take(120));
        Assert.Equal(kept, rec.StudyScope.CandidateMovies);
        Assert.Equal(EvaluationProtocol.Full, RankingEvaluator.DefaultProtocol);
        var rankings = rec.Recommend(Enumerable.Range(0, set.UserCount).ToArray(), 50, rec.StudyScope);
        Assert.All(rankings, r => Assert.All(r.Movies, m => Assert.True(kept[m])));
        var (_, relevant) = RankingEvaluator.RelevantItems(set, rec.StudyScope);
        Assert.All(relevant, items => Assert.All(items, m => Assert.True(kept[m])));
        var study = RankingEvaluator.Evaluate(rec, EvaluationProtocol.Study, new[] { 10 }).Single();
        Assert.Equal(relevant.Sum(r => r.Count), study.Relevant);
        Assert.True(study.Relevant < RankingEvaluator.Evaluate(rec, EvaluationProtocol.Full, new[] { 10 }).Single().Relevant);
    }
}
