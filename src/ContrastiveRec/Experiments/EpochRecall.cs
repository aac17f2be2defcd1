using System.Globalization;
using ContrastiveRec.Data;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;

namespace ContrastiveRec.Experiments;

/// <summary>
/// Validation inside training (<see cref="TrainingValidation"/>): a model's recall@K on validation ratings, measured as
/// Measure-RecallAtK measures it (the Full protocol, the model's own recommender, the one evaluator), over a fixed,
/// seeded sample of the users who have a relevant validation rating when there are more than <see cref="DefaultUsers"/>:
/// on ml-25m a pass then ranks 2,000 users, not 162,541.
/// </summary>
public sealed class EpochRecall : IEpochValidator
{
    /// <summary>The cut-off validated at.</summary>
    public const int DefaultK = 20;

    /// <summary>At most this many users are scored per validation (a seeded sample of them).</summary>
    public const int DefaultUsers = 2_000;

    /// <summary>Users ranked at once: the token is checked between blocks, so Ctrl+C stops a validation within about a
    /// second even on ml-25m's catalogue.</summary>
    internal static int UsersPerBlock = 256;

    private readonly int[] _sample; // dense users, ascending

    /// <summary>Validates on <paramref name="validation"/>'s test part (Split-RatingSet -Validation, or
    /// <see cref="RatingSet.TrainPart"/>), at cut-off <paramref name="k"/>, over at most <paramref name="users"/> users
    /// drawn with <paramref name="seed"/>.</summary>
    public EpochRecall(RatingSet validation, int k = DefaultK, int users = DefaultUsers, int seed = SplitDefaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(users);
        var (candidates, _) = RankingEvaluator.RelevantItems(validation, RecommendationScope.For(validation));
        if (candidates.Length == 0)
            throw new ContrastiveRecException("NothingToValidate", RefusalCategory.InvalidData,
                "The validation part holds no rating at or above the relevance threshold, so no recall can be measured on it.",
                "Give -Validation a larger share, or a validation set with liked ratings in its test part.", validation);
        if (candidates.Length > users)
        {
            new Random(seed).Shuffle(candidates);
            candidates = candidates[..users];
            Array.Sort(candidates);
        }
        _sample = candidates;
        Ratings = validation;
        K = k;
    }

    /// <summary>A validator on a share <paramref name="fraction"/> of each user's train ratings of <paramref name="set"/>,
    /// carved as Split-RatingSet -Validation -TestFraction carves it (its default seed and method).</summary>
    /// <exception cref="ContrastiveRecException">ValidationFractionOutOfRange: not above 0 and below 1.</exception>
    public static EpochRecall Carve(RatingSet set, double fraction, int k = DefaultK, int users = DefaultUsers)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (double.IsNaN(fraction) || fraction <= 0 || fraction >= 1) throw FractionOutOfRange(fraction);
        return new EpochRecall(set.TrainPart(fraction, SplitDefaults.Seed), k, users);
    }

    /// <summary>The refusal of a validation share that is not above 0 and below 1 (or not a number).</summary>
    public static ContrastiveRecException FractionOutOfRange(object value) =>
        new("ValidationFractionOutOfRange", RefusalCategory.InvalidArgument,
            string.Create(CultureInfo.InvariantCulture, $"-Validation takes a share of the train ratings above 0 and below 1, or a RatingSet; {value} is neither."),
            "Give -Validation a share such as 0.1, or a set made by Split-RatingSet -Validation.", value);

    public int K { get; }
    public string Metric => $"Recall@{K}";
    public RatingSet Ratings { get; }
    public int Users => _sample.Length;

    /// <summary>The users scored (dense indices of <see cref="Ratings"/>, ascending).</summary>
    internal IReadOnlyList<int> Sample => _sample;

    public double Score(TrainedEncoder model, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        var recommender = RecommenderRegistry.ForEncoder(model);
        return RankingEvaluator.EvaluateSample(recommender, [K], _sample, UsersPerBlock, ct)[0].Recall;
    }
}
