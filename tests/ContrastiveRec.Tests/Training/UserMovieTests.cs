using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using ContrastiveRec.Training;
using Xunit;
using static TorchSharp.torch;

namespace ContrastiveRec.Tests.Training;

public class UserMovieTests
{
    internal const int Groups = 3, UsersPerGroup = 20, MoviesPerBlock = 30;

    /// <summary>Implicit taste groups: group g rates most movies of block g and few of the others, so which
    /// movies a user rates (not how) tells their group.</summary>
    internal static IEnumerable<(int User, int Movie, double Rating)> ImplicitGroups(int seed = 3, int firstUser = 1, int usersPerGroup = UsersPerGroup)
    {
        var rng = new Random(seed);
        for (var g = 0; g < Groups; g++)
        for (var i = 0; i < usersPerGroup; i++)
        {
            var user = firstUser + g * usersPerGroup + i;
            for (var b = 0; b < Groups; b++)
            for (var j = 0; j < MoviesPerBlock; j++)
            {
                if (rng.NextDouble() >= (b == g ? 0.5 : 0.04)) continue;
                yield return (user, b * MoviesPerBlock + j + 1, b == g ? 4.5 : 2.0);
            }
        }
    }

    private static int BlockOf(RatingSet set, int movieIndex) => ((int)set.MovieIds[movieIndex] - 1) / MoviesPerBlock;

    // Id vectors memorise their users' sets when trained long; the profile encoder generalises and takes longer.
    private static TrainingOptions Quick(EncoderKind kind) => TrainingOptions.UserMovieDefaults(kind) with
    {
        Epochs = kind == EncoderKind.Profile ? 40 : 15, BatchSize = 16,
    };

    /// <summary>Share of each user's top-10 unseen movies that come from their own group's block.</summary>
    private static double OwnBlockShare(RatingSet set, Tensor scores, Func<int, int> groupOfRow, Func<int, HashSet<int>> seenOfRow)
    {
        var s = scores.data<float>().ToArray();
        int rows = (int)scores.shape[0], movies = (int)scores.shape[1];
        double share = 0;
        for (var r = 0; r < rows; r++)
        {
            var seen = seenOfRow(r);
            var top = Enumerable.Range(0, movies).Where(m => !seen.Contains(m)).OrderByDescending(m => s[r * movies + m]).Take(10);
            share += top.Count(m => BlockOf(set, m) == groupOfRow(r)) / 10.0;
        }
        return share / rows;
    }

    private static HashSet<int> TrainMovies(RatingSet set, int u)
    {
        var seen = new HashSet<int>();
        for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++) if (!set.Split.IsTestRow[r]) seen.Add(set.MovieColumn[r]);
        return seen;
    }

    [Theory]
    [InlineData(EncoderKind.Id, false)]
    [InlineData(EncoderKind.Profile, false)]
    [InlineData(EncoderKind.Graph, false)]
    [InlineData(EncoderKind.Id, true)] // sampled negatives with the log-frequency correction
    public void Ranks_a_users_own_group_movies_first(EncoderKind kind, bool sampled)
    {
        using var data = new TestRatings();
        var set = data.Write(ImplicitGroups());
        var options = Quick(kind);
        if (sampled) options = options with { MaxFullSoftmaxMovies = 50, SampledNegatives = 40 };
        using var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), options);
        Assert.Equal(TrainingObjective.UserMovie, model.Objective);
        Assert.True(model.LossHistory[^1] < model.LossHistory[0] * 0.9, $"loss {model.LossHistory[0]} -> {model.LossHistory[^1]}");
        using var scores = model.ScoreMovies(Enumerable.Range(0, set.UserCount).ToArray());
        var share = OwnBlockShare(set, scores, r => TestRatings.GroupOf(set.UserIds[r], UsersPerGroup), r => TrainMovies(set, r));
        Assert.True(share > 0.8, $"only {share:P0} of the top-10 come from the user's own block");
    }

    [Fact]
    public void DislikedWeight_decides_how_far_movies_rated_low_are_pulled_towards_their_users()
    {
        // Group users rate their own block high and a few others' movies low (2.0). Counted alike, the low-rated
        // movies are pulled towards their raters as much as the liked ones; at weight 0 only likes pull.
        using var data = new TestRatings();
        var set = data.Write(ImplicitGroups());
        double Margin(double weight)
        {
            using var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), Quick(EncoderKind.Id) with { DislikedWeight = weight });
            using var scores = model.ScoreMovies(Enumerable.Range(0, set.UserCount).ToArray());
            var s = scores.data<float>().ToArray();
            int movies = set.MovieCount;
            double own = 0, other = 0;
            int nOwn = 0, nOther = 0;
            for (var u = 0; u < set.UserCount; u++)
            {
                var group = TestRatings.GroupOf(set.UserIds[u], UsersPerGroup);
                foreach (var m in TrainMovies(set, u))
                    if (BlockOf(set, m) == group) { own += s[u * movies + m]; nOwn++; }
                    else { other += s[u * movies + m]; nOther++; }
            }
            return own / nOwn - other / nOther; // how much higher a user's liked movies score than their disliked ones
        }
        var alike = Margin(1);
        var likesOnly = Margin(0);
        var half = Margin(0.5);
        Assert.True(likesOnly > half && half > alike, $"score margin of liked over disliked train movies: weight 0 {likesOnly:0.00}, 0.5 {half:0.00}, 1 {alike:0.00}");
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { DislikedWeight = 1.5 });
    }

    [Theory]
    [InlineData(EncoderKind.Profile)]
    [InlineData(EncoderKind.Graph)]
    public void Recommends_a_new_users_group_movies_from_a_handful_of_ratings(EncoderKind kind)
    {
        using var data = new TestRatings();
        var set = data.Write(ImplicitGroups());
        using var model = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), Quick(kind));
        // Newcomers, one per group, never seen in training: five ratings each from their group's block.
        var rng = new Random(11);
        var profiles = new List<(long[], float[])>();
        var seen = new List<HashSet<int>>();
        for (var g = 0; g < Groups; g++)
        {
            var movies = Enumerable.Range(g * MoviesPerBlock + 1, MoviesPerBlock).OrderBy(_ => rng.Next()).Take(5)
                .Select(id => { Assert.True(set.TryGetMovieIndex(id, out var i)); return (long)i; }).ToArray();
            profiles.Add((movies, Enumerable.Repeat(4.5f, 5).ToArray()));
            seen.Add(movies.Select(m => (int)m).ToHashSet());
        }
        using var z = model.EmbedProfiles(profiles);
        using var scores = model.Movies!.Score(z, model.Options.Temperature);
        var share = OwnBlockShare(set, scores, r => r, r => seen[r]);
        Assert.True(share > 0.8, $"only {share:P0} of a newcomer's top-10 come from their group's block");
    }

    [Fact]
    public void Only_a_profile_or_graph_model_embeds_newcomers_and_only_a_user_movie_model_scores_movies()
    {
        using var data = new TestRatings();
        var set = data.Write(ImplicitGroups());
        using var id = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), Quick(EncoderKind.Id) with { Epochs = 1 });
        Assert.Throws<InvalidOperationException>(() => id.EmbedProfiles(new[] { (new long[] { 0 }, new[] { 4f }) }));
        using var study = EncoderTrainer.Train(set, new PairStrategy { MinLikers = 1, MinDislikers = 1 }, new TrainingOptions { Epochs = 1, InputDim = 8, HiddenDim = 8, LatentDim = 4 });
        Assert.Null(study.Movies);
        Assert.Throws<InvalidOperationException>(() => study.ScoreMovies(new[] { 0 }));
    }

    [Theory]
    [InlineData(EncoderKind.Id)]
    [InlineData(EncoderKind.Profile)]
    [InlineData(EncoderKind.Graph)]
    public void Is_deterministic_and_survives_a_save_and_load(EncoderKind kind)
    {
        using var data = new TestRatings();
        var set = data.Write(ImplicitGroups());
        // The Graph run includes the contrastive term, whose noise must be seeded too.
        var options = Quick(kind) with { Epochs = 3, ContrastWeight = kind == EncoderKind.Graph ? 0.5 : 0 };
        using var a = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), options);
        using var b = EncoderTrainer.Train(set, PairStrategy.FromPreset(1), options);
        var users = Enumerable.Range(0, set.UserCount).ToArray();
        using var sa = a.ScoreMovies(users);
        using var sb = b.ScoreMovies(users);
        Assert.Equal(sa.data<float>().ToArray(), sb.data<float>().ToArray());

        var path = Path.Combine(data.Folder, "model.crec");
        a.Save(path);
        using var loaded = TrainedEncoder.Load(path, set);
        Assert.Equal(kind, loaded.EncoderKind);
        Assert.Equal(TrainingObjective.UserMovie, loaded.Objective);
        using var sl = loaded.ScoreMovies(users);
        Assert.Equal(sa.data<float>().ToArray(), sl.data<float>().ToArray());
        Assert.Equal(a.GetEmbeddings(), loaded.GetEmbeddings());
    }

    [Fact]
    public void Adds_the_study_triplet_loss_with_a_pair_weight()
    {
        using var data = new TestRatings();
        var set = data.Write(ImplicitGroups());
        var strategy = new PairStrategy { MinLikers = 2, MinDislikers = 1 };
        using var without = EncoderTrainer.Train(set, strategy, Quick(EncoderKind.Id) with { Epochs = 2 });
        using var with = EncoderTrainer.Train(set, strategy, Quick(EncoderKind.Id) with { Epochs = 2, PairWeight = 1 });
        Assert.True(with.MiningStatistics.Triplets > 0);
        // The triplet term adds a non-negative loss, and changes what is learned.
        Assert.NotEqual(without.LossHistory[0], with.LossHistory[0]);
        Assert.NotEqual(without.GetEmbedding(1), with.GetEmbedding(1));
    }
}
