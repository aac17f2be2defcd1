using System.Globalization;
using ContrastiveRec.Data;
using ContrastiveRec.Training;

namespace ContrastiveRec.Experiments;

/// <summary>
/// What a comparison ran with, as its report's settings block shows it: the data and its split, the study's training
/// options (the strategies'), the UserMovie rows' epochs, learning rates, seeds and weights, the neighbours, the threads
/// and the date. <see cref="Of"/> reads them from the set and the options the run was given.
/// </summary>
public sealed record ComparisonSettings
{
    /// <summary>The data set's name (the last part of its source path: "ml-latest-small").</summary>
    public required string Source { get; init; }
    public required int Users { get; init; }
    public required int Movies { get; init; }
    public required int TrainRatings { get; init; }
    public required int TestRatings { get; init; }
    public required Feedback Feedback { get; init; }
    public required SplitMethod SplitMethod { get; init; }
    public required double TestFraction { get; init; }
    /// <summary>The random split's seed; null for a temporal split.</summary>
    public int? SplitSeed { get; init; }
    /// <summary>The study's training options, which the strategies train with, on the run's thread count.</summary>
    public required TrainingOptions Training { get; init; }
    public required ComparisonOptions Comparison { get; init; }
    public required DateTimeOffset Date { get; init; }

    /// <summary>The settings of a comparison of <paramref name="set"/>: <paramref name="training"/> as the run uses it
    /// (threads at most the cores).</summary>
    public static ComparisonSettings Of(RatingSet set, TrainingOptions training, ComparisonOptions comparison, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(comparison);
        return new ComparisonSettings
        {
            Source = Path.GetFileName(set.Source.TrimEnd('/', '\\')),
            Users = set.UserCount, Movies = set.MovieCount, TrainRatings = set.TrainCount, TestRatings = set.TestCount,
            Feedback = set.Feedback, SplitMethod = set.Split.Method, TestFraction = set.Split.TestFraction, SplitSeed = set.Split.Seed,
            Training = training.ForThisMachine(), Comparison = comparison, Date = date,
        };
    }

    /// <summary>The UserMovie rows' encoders and the options each trains with (its validated defaults, the run's epochs).</summary>
    public IEnumerable<(EncoderKind Encoder, TrainingOptions Options)> UserMovieRuns() =>
        new[] { EncoderKind.Id, EncoderKind.Profile, EncoderKind.Graph }.Select(e =>
        {
            var d = TrainingOptions.UserMovieDefaults(e);
            return (e, d with { Epochs = Comparison.UserMovieEpochs ?? d.Epochs });
        });

    /// <summary>The block's groups, each a list of (setting, value), in the order the page shows them.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<(string Name, string Value)> Items)> Groups()
    {
        var c = CultureInfo.InvariantCulture;
        string N(double v) => v.ToString("0.#####", c);
        var t = Training;
        var seeds = Comparison.Seeds;
        var groups = new List<(string, IReadOnlyList<(string, string)>)>
        {
            ("Data", [
                ("source", Source),
                ("users", Users.ToString("N0", c)),
                ("movies", Movies.ToString("N0", c)),
                ("ratings (train / test)", $"{TrainRatings.ToString("N0", c)} / {TestRatings.ToString("N0", c)}"),
                ("feedback", Feedback.ToString()),
            ]),
            ("Split", [
                ("method", SplitMethod.ToString()),
                ("test fraction", TestFraction.ToString("0.##%", c)),
                ("seed", SplitSeed?.ToString(c) ?? "none (latest ratings)"),
            ]),
            ("Strategies 1-4 (triplet loss)", [
                ("epochs", t.Epochs.ToString(c)),
                ("batch size", t.BatchSize.ToString(c)),
                ("learning rate", N(t.LearningRate)),
                ("margin", N(t.Margin)),
                ("seed", t.Seed.ToString(c)),
                ("embedding size", t.LatentDim.ToString(c)),
            ]),
        };
        if (Comparison.BeyondStudy)
        {
            var runs = UserMovieRuns().ToList();
            groups.Add(("UserMovie rows", [
                ("epochs", string.Join(", ", runs.Select(r => $"{r.Encoder} {r.Options.Epochs.ToString(c)}"))),
                ("learning rate", string.Join(", ", runs.Select(r => $"{r.Encoder} {N(r.Options.LearningRate)}"))),
                ("batch size", string.Join(", ", runs.Select(r => $"{r.Encoder} {r.Options.BatchSize.ToString(c)}"))),
                ("seeds", seeds == 1 ? t.Seed.ToString(c) : $"{seeds} ({t.Seed.ToString(c)} to {(t.Seed + seeds - 1).ToString(c)}), rows are means"),
                ("pair weight (+ Strategy 1 pairs)", N(Comparison.PairWeight)),
                ("contrast weight (+ contrastive term)", N(Comparison.ContrastWeight)),
            ]));
        }
        groups.Add(("Run", [
            ("neighbours (UserKnn, Study protocol)", Comparison.Neighbors.ToString(c)),
            ("clusters per map", Comparison.Clusters.ToString(c)),
            ("threads", t.Threads?.ToString(c) ?? $"all cores ({Environment.ProcessorCount.ToString(c)})"),
            ("date", Date.ToString("yyyy-MM-dd HH:mm zzz", c)),
        ]));
        return groups;
    }
}
