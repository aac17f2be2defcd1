using ContrastiveRec.Pairs;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Tests.Training;
using ContrastiveRec.Training;
using Xunit;
using static TorchSharp.torch;

namespace ContrastiveRec.Tests.Recommendation;

public class UserMovieEnsembleTests
{
    private static TrainingOptions Quick(EncoderKind kind) => TrainingOptions.UserMovieDefaults(kind) with { Epochs = 3, BatchSize = 16 };

    [Fact]
    public void Ranks_by_the_sum_of_its_members_scores_and_folds_in_newcomers_when_all_can()
    {
        using var data = new TestRatings();
        var set = data.Write(UserMovieTests.ImplicitGroups());
        using var id = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), Quick(EncoderKind.Id));
        using var graph = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), Quick(EncoderKind.Graph));
        var ensemble = new UserMovieEnsembleRecommender([id, graph]);
        Assert.Equal("Ensemble of UserMovie (Id) and UserMovie (Graph)", ensemble.Name);

        var users = Enumerable.Range(0, set.UserCount).ToArray();
        using var scope = NewDisposeScope();
        var sum = id.ScoreMovies(users).add(graph.ScoreMovies(users)).data<float>().ToArray();
        var ranked = ensemble.Recommend(users, 5, RecommendationScope.Full);
        for (var u = 0; u < users.Length; u++)
        {
            var seen = new HashSet<int>();
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++) if (!set.Split.IsTestRow[r]) seen.Add(set.MovieColumn[r]);
            var expected = Enumerable.Range(0, set.MovieCount).Where(m => !seen.Contains(m))
                .OrderByDescending(m => sum[u * set.MovieCount + m]).ThenBy(m => m).Take(5).ToArray();
            Assert.Equal(expected, ranked[u].Movies);
        }

        // The Id encoder knows users only by id, so this ensemble cannot fold in newcomers; Graph with Graph can.
        Assert.False(ensemble.CanFoldInNewcomers);
        using var graph2 = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), Quick(EncoderKind.Graph) with { Seed = 7 });
        var graphs = new UserMovieEnsembleRecommender([graph, graph2]);
        Assert.True(graphs.CanFoldInNewcomers);
        var z1 = graph.EmbedProfiles([([0, 1, 2], [5f, 4f, 4.5f])]);
        var z2 = graph2.EmbedProfiles([([0, 1, 2], [5f, 4f, 4.5f])]);
        var expectedNewcomer = graph.Movies!.Score(z1, graph.Options.Temperature).add(graph2.Movies!.Score(z2, graph2.Options.Temperature));
        Assert.Equal(expectedNewcomer.data<float>().ToArray(), graphs.ScoreNewcomers([new NewcomerProfile([0, 1, 2], [5f, 4f, 4.5f])]).data<float>().ToArray());
    }

    [Fact]
    public void Needs_two_user_movie_models_of_the_same_ratings()
    {
        using var data = new TestRatings();
        var set = data.Write(UserMovieTests.ImplicitGroups());
        var other = data.Write(UserMovieTests.ImplicitGroups(firstUser: 1000));
        using var a = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), Quick(EncoderKind.Id) with { Epochs = 1 });
        using var b = EncoderTrainer.Train(other, PairStrategy.FromPreset(1), Quick(EncoderKind.Id) with { Epochs = 1 });
        Assert.Throws<ArgumentException>(() => new UserMovieEnsembleRecommender([a]));
        Assert.Throws<ArgumentException>(() => new UserMovieEnsembleRecommender([a, b]));
    }
}
