using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Experiments;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;
using Xunit;

namespace ContrastiveRec.Tests.Experiments;

public class ParameterSearchTests
{
    private static SearchSpace Space(SearchModel model, SearchMethod method, params (string Name, object? Value)[] entries) =>
        SearchSpace.Parse(entries.Select(e => new KeyValuePair<string, object?>(e.Name, e.Value)), model, method);

    private static readonly SearchModel Ease = SearchModel.ForBaseline(BaselineKind.Ease);

    private static string Fingerprint(SearchResult result) => string.Join("; ",
        result.Trials.Select(t => FormattableString.Invariant($"{t.Rank} {t.Trial} {t.Parameters} {t.Value:R} {t.Recall:R} {t.Ndcg:R}")));

    /// <summary>
    /// UserKnn's neighbours, with an optimum known by construction: groups of <paramref name="size"/> users, each rating
    /// about half of its own block of movies. Even groups rate theirs 4 and also rate one movie of the next (odd) group's
    /// block 1, which every user of that odd group rates 5: the only similarity between groups. So an even group's user
    /// has size - 1 neighbours who share their taste, and the next nearest come from the odd group, whose 5-star movies
    /// outrank their own 4-star ones. Fewer than size - 1 neighbours see fewer of the block; more bring those movies in.
    /// </summary>
    private static RatingSet Pairs(TestRatings data, int size, int groups = 12, int block = 24)
    {
        var rng = new Random(11);
        var rows = new List<(int, int, double)>();
        for (var g = 0; g < groups; g++)
        for (var i = 0; i < size; i++)
        {
            var user = g * size + i + 1;
            var high = g % 2 == 1;
            for (var j = 0; j < block; j++)
                if ((high && j == 0) || rng.NextDouble() < 0.5) rows.Add((user, g * block + j + 1, high ? 5.0 : 4.0));
            if (!high) rows.Add((user, (g + 1) * block + 1, 1.0));
        }
        return data.Write(rows);
    }

    [Fact]
    public void Finds_the_planted_number_of_neighbours()
    {
        using var data = new TestRatings();
        const int size = 5;
        var set = Pairs(data, size);
        var model = SearchModel.ForBaseline(BaselineKind.UserKnn);
        var space = Space(model, SearchMethod.Grid, ("Neighbors", new object[] { 1, 2, 3, 4, 5, 6, 8 }));
        var result = ParameterSearch.Run(set, model, space, new SearchOptions { K = 10, ValidationFraction = 0.3, Seed = 3 });
        Assert.Equal(SearchStop.Finished, result.Stop);
        Assert.Equal(7, result.Trials.Count);
        Assert.Equal(size - 1, (int)result.Best!.Parameters["Neighbors"]!);
        double At(int k) => result.Trials.Single(t => (int)t.Parameters["Neighbors"]! == k).Value;
        // Strictly: one neighbour fewer sees less of the block, one more brings the other group's movies in.
        Assert.True(At(size - 2) < At(size - 1), $"{At(size - 2)} vs {At(size - 1)}");
        Assert.True(At(size) < At(size - 1), $"{At(size)} vs {At(size - 1)}");
        Assert.Equal(Enumerable.Range(1, 7), result.Trials.Select(t => t.Rank));
        Assert.True(result.Trials.Zip(result.Trials.Skip(1)).All(p => p.First.Value >= p.Second.Value));
    }

    [Fact]
    public void Never_reads_the_test_part()
    {
        using var data = new TestRatings();
        var set = data.WriteGroups(testFraction: 0.2);
        // The same train rows, every test rating turned upside down (a like becomes a dislike and back).
        using var other = new TestRatings();
        var rows = new List<(int, int, double)>();
        for (var u = 0; u < set.UserCount; u++)
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
                rows.Add(((int)set.UserIds[u], (int)set.MovieIds[set.MovieColumn[r]], set.Split.IsTestRow[r] ? 5.5 - set.RatingColumn[r] : set.RatingColumn[r]));
        var poisoned = other.Write(rows).WithTestRows(set.Split.IsTestRow);
        Assert.Equal(set.RatingCount, poisoned.RatingCount);

        var space = Space(Ease, SearchMethod.Grid, ("Lambda", new object[] { 1, 30, 900 }));
        var clean = ParameterSearch.Run(set, Ease, space);
        var dirty = ParameterSearch.Run(poisoned, Ease, space);
        Assert.Equal(Fingerprint(clean), Fingerprint(dirty));
        // The poison is real: the test part of each set measures the same model differently.
        var full = new[] { 10 };
        var onClean = RankingEvaluator.Evaluate(RecommenderRegistry.Build(BaselineKind.Ease, set), EvaluationProtocol.Full, full)[0];
        var onPoisoned = RankingEvaluator.Evaluate(RecommenderRegistry.Build(BaselineKind.Ease, poisoned), EvaluationProtocol.Full, full)[0];
        Assert.NotEqual(onClean.Recall, onPoisoned.Recall);
    }

    [Fact]
    public void Is_reproducible_from_its_seed()
    {
        using var data = new TestRatings();
        var set = data.WriteGroups();
        var space = Space(Ease, SearchMethod.Random, ("Lambda", new Dictionary<string, object?> { ["Min"] = 1.0, ["Max"] = 1000.0 }),
            ("MinMovieRatings", new object[] { 0, 2 }));
        var options = new SearchOptions { Method = SearchMethod.Random, Trials = 4, Seed = 5 };
        var first = ParameterSearch.Run(set, Ease, space, options);
        var again = ParameterSearch.Run(set, Ease, space, options);
        var otherSeed = ParameterSearch.Run(set, Ease, space, options with { Seed = 6 });
        Assert.Equal(4, first.Trials.Count);
        Assert.Equal(Fingerprint(first), Fingerprint(again));
        Assert.NotEqual(Fingerprint(first), Fingerprint(otherSeed));
        foreach (var t in first.Trials)
        {
            var lambda = (double)t.Parameters["Lambda"]!;
            Assert.InRange(lambda, 1, 1000);
            Assert.Equal(lambda, double.Parse(lambda.ToString("G3", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Cancelling_keeps_the_finished_trials_best_first()
    {
        using var data = new TestRatings();
        var set = data.WriteGroups();
        var space = Space(Ease, SearchMethod.Grid, ("Lambda", new object[] { 1, 10, 100, 1000, 10000 }));
        using var stop = new CancellationTokenSource();
        var result = ParameterSearch.Run(set, Ease, space, progress: p => { if (p.Trial == 3 && p.Stage == "Done") stop.Cancel(); }, ct: stop.Token);
        Assert.Equal(SearchStop.Cancelled, result.Stop);
        Assert.Equal(5, result.Planned);
        Assert.Equal([1, 2, 3], result.Trials.Select(t => t.Trial).Order());
        Assert.Equal([1, 2, 3], result.Trials.Select(t => t.Rank));
        Assert.True(result.Trials.Zip(result.Trials.Skip(1)).All(p => p.First.Value >= p.Second.Value));
        // The kept trials are those of a full search.
        var whole = ParameterSearch.Run(set, Ease, space);
        foreach (var t in result.Trials) Assert.Equal(whole.Trials.Single(w => w.Trial == t.Trial).Value, t.Value);
    }

    [Fact]
    public void A_spent_time_budget_starts_no_trial()
    {
        using var data = new TestRatings();
        var set = data.WriteGroups();
        var result = ParameterSearch.Run(set, Ease, Space(Ease, SearchMethod.Grid, ("Lambda", 100)), new SearchOptions { TimeBudget = TimeSpan.Zero });
        Assert.Equal((SearchStop.TimeBudget, 0, 1), (result.Stop, result.Trials.Count, result.Planned));
    }

    [Fact]
    public void A_grid_tries_every_combination_in_name_order()
    {
        var space = Space(Ease, SearchMethod.Grid, ("minmovieratings", new object[] { 0, 3 }), ("Lambda", new object[] { 10, 20.5, 10 }));
        var settings = space.Candidates(SearchMethod.Grid, null, 1).Select(SearchSpace.Describe).ToArray();
        Assert.Equal(["Lambda = 10, MinMovieRatings = 0", "Lambda = 10, MinMovieRatings = 3", "Lambda = 20.5, MinMovieRatings = 0", "Lambda = 20.5, MinMovieRatings = 3"], settings);
        Assert.Equal(4, space.GridSize);
        Assert.Equal(2, space.Candidates(SearchMethod.Grid, 2, 1).Count);
    }

    [Fact]
    public void Refuses_a_space_it_cannot_search()
    {
        Refused.By("EmptySearchSpace", RefusalCategory.InvalidArgument, () => Space(Ease, SearchMethod.Grid));
        Refused.By("EmptySearchSpace", RefusalCategory.InvalidArgument, () => Space(Ease, SearchMethod.Grid, ("Lambda", Array.Empty<object>())));
        var unknown = Refused.By("UnknownSearchParameter", RefusalCategory.InvalidArgument, () => Space(Ease, SearchMethod.Grid, ("Lamda", 100)));
        Assert.Contains("Lambda, MinMovieRatings", unknown.Remedy);
        Refused.By("UnknownSearchParameter", RefusalCategory.InvalidArgument, () => Space(SearchModel.ForBaseline(BaselineKind.MostPopular), SearchMethod.Grid, ("Lambda", 100)));
        Refused.By("InvalidSearchValue", RefusalCategory.InvalidArgument, () => Space(Ease, SearchMethod.Grid, ("Lambda", "a lot")));
        Refused.By("InvalidSearchValue", RefusalCategory.InvalidArgument, () => Space(Ease, SearchMethod.Grid, ("Lambda", -1)));
        Refused.By("InvalidSearchValue", RefusalCategory.InvalidArgument, () => Space(Ease, SearchMethod.Grid, ("MinMovieRatings", 2.5)));
        var training = SearchModel.ForTraining(TrainingOptions.UserMovieDefaults());
        Refused.By("InvalidSearchValue", RefusalCategory.InvalidArgument, () => Space(training, SearchMethod.Grid, ("LearningRate", new Dictionary<string, object?> { ["Min"] = 1e-4, ["Max"] = 1e-2 })));
        Refused.By("InvalidSearchValue", RefusalCategory.InvalidArgument, () => Space(training, SearchMethod.Random, ("LearningRate", new Dictionary<string, object?> { ["Min"] = 1e-2, ["Max"] = 1e-4 })));
        Refused.By("InvalidSearchValue", RefusalCategory.InvalidArgument, () => Space(training, SearchMethod.Grid, ("CountWeighting", 1)));
        Assert.Equal(2, Space(training, SearchMethod.Grid, ("Epochs", new object[] { 1L, 2.0 }), ("CountWeighting", true)).GridSize);
    }

    [Fact]
    public void Searches_training_with_the_encoders_defaults_for_what_it_does_not_name()
    {
        using var data = new TestRatings();
        var set = data.WriteGroups(usersPerGroup: 10, moviesPerBlock: 15);
        var model = SearchModel.ForTraining(TrainingOptions.UserMovieDefaults() with { Threads = 1 });
        var space = Space(model, SearchMethod.Grid, ("Epochs", 1), ("LearningRate", new object[] { 1e-3, 1e-2 }));
        var result = ParameterSearch.Run(set, model, space);
        Assert.Equal(2, result.Trials.Count);
        Assert.All(result.Trials, t => Assert.Equal("UserMovie training (Id encoder)", t.Model));
        Assert.NotEqual(result.Trials[0].Value, result.Trials[1].Value);
        Assert.Equal(Fingerprint(result), Fingerprint(ParameterSearch.Run(set, model, space)));
    }
}
