using System.Globalization;
using System.Text.Json.Serialization;

namespace ContrastiveRec.Pairs;

/// <summary>
/// How positive and negative users are chosen for each training interaction: the study's strategies 1-4
/// (<see cref="FromPreset"/>) or a custom mix. Immutable; every property is checked when set, and
/// <see cref="Validate"/> checks the properties against each other; a setting refused is a
/// <see cref="ContrastiveRecException"/> with the id InvalidPairStrategy.
/// </summary>
public sealed record PairStrategy
{
    public const double MinThreshold = 0.5;
    public const double MaxThreshold = 5.0;

    private readonly double _like = 3.5;
    private readonly double _dislike = 3.5;
    private readonly int? _popularity;
    private readonly int _minLikers = 10;
    private readonly int _minDislikers = 10;
    private readonly NegativeRule _rule = NegativeRule.Disagree;

    /// <summary>A rating at or above this is a like.</summary>
    public double LikeThreshold
    {
        get => _like;
        init => _like = CheckThreshold(value, nameof(LikeThreshold));
    }

    /// <summary>A rating below this is a dislike; ratings between the two thresholds are neutral.</summary>
    public double DislikeThreshold
    {
        get => _dislike;
        init => _dislike = CheckThreshold(value, nameof(DislikeThreshold));
    }

    /// <summary>Movies liked by more than this many train users are dropped; null keeps every movie.</summary>
    public int? PopularityThreshold
    {
        get => _popularity;
        init => _popularity = value is < 0
            ? throw Invalid(nameof(PopularityThreshold), "PopularityThreshold must be 0 or more (or null for no limit).", "-PopularityThreshold 0 or more, or $null for no limit")
            : value;
    }

    /// <summary>Rank candidates by mean-centred rating (the most extreme one wins) instead of drawing at random.</summary>
    public bool NormalizeRatings { get; init; }

    /// <summary>A movie needs at least this many likers in the train part to be kept.</summary>
    public int MinLikers
    {
        get => _minLikers;
        init => _minLikers = CheckMinimum(value, nameof(MinLikers));
    }

    /// <summary>A movie needs at least this many dislikers in the train part to be kept.</summary>
    public int MinDislikers
    {
        get => _minDislikers;
        init => _minDislikers = CheckMinimum(value, nameof(MinDislikers));
    }

    public NegativeRule NegativeRule
    {
        get => _rule;
        init => _rule = Enum.IsDefined(value)
            ? value
            : throw Invalid(nameof(NegativeRule), "NegativeRule must be Disagree or CoDisliker.", "-NegativeRule Disagree or CoDisliker");
    }

    /// <summary>
    /// The study strategy (1-4) whose thresholds, popularity limit and ranking these are, or null for a custom mix.
    /// Derived rather than stored, so a preset changed with <c>with</c> can never keep a stale number.
    /// Minimums and the negative rule are not part of a preset (the study does not give them).
    /// </summary>
    [JsonIgnore]
    public int? Preset
    {
        get
        {
            for (var n = 1; n <= 4; n++)
            {
                var p = FromPreset(n);
                if (p._like == _like && p._dislike == _dislike && p._popularity == _popularity && p.NormalizeRatings == NormalizeRatings)
                    return n;
            }
            return null;
        }
    }

    /// <summary>The study's strategies: 1 random pairs at 3.5/3.5; 2 as 1 without movies liked by over 100 users;
    /// 3 as 1 with ranked (mean-centred) pairs; 4 like at 4, dislike below 3, popularity 100, ranked.</summary>
    public static PairStrategy FromPreset(int preset) => preset switch
    {
        1 => new PairStrategy(),
        2 => new PairStrategy { PopularityThreshold = 100 },
        3 => new PairStrategy { NormalizeRatings = true },
        4 => new PairStrategy { LikeThreshold = 4.0, DislikeThreshold = 3.0, PopularityThreshold = 100, NormalizeRatings = true },
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "Preset must be 1, 2, 3 or 4."),
    };

    /// <summary>Checks what single properties cannot: a dislike threshold above the like threshold would make a rating both.</summary>
    public PairStrategy Validate()
    {
        if (_dislike > _like)
            throw Invalid(nameof(DislikeThreshold),
                $"DislikeThreshold ({_dislike.ToString(CultureInfo.InvariantCulture)}) must not be above LikeThreshold ({_like.ToString(CultureInfo.InvariantCulture)}).",
                "-DislikeThreshold at or below -LikeThreshold");
        return this;
    }

    public bool IsLike(float rating) => rating >= _like;
    public bool IsDislike(float rating) => rating < _dislike;

    public override string ToString()
    {
        var name = Preset is { } n ? $"Strategy {n}" : "Custom strategy";
        return string.Create(CultureInfo.InvariantCulture,
            $"{name}: {Summary()}, min {_minLikers} likers/{_minDislikers} dislikers, negative {_rule}");
    }

    /// <summary>The settings a preset fixes, as a phrase ("like >= 3.5, dislike < 3.5, no popularity limit, random"): the
    /// one-line meaning of a preset number in lists such as tab completion. A method, so the model file does not store it.</summary>
    public string Summary()
    {
        var popularity = _popularity is { } p ? $"liked by <= {p}" : "no popularity limit";
        var pick = NormalizeRatings ? "ranked by centred rating" : "random";
        return string.Create(CultureInfo.InvariantCulture, $"like >= {_like}, dislike < {_dislike}, {popularity}, {pick}");
    }

    private static double CheckThreshold(double value, string name) =>
        double.IsNaN(value) || value < MinThreshold || value > MaxThreshold
            ? throw Invalid(name, string.Create(CultureInfo.InvariantCulture, $"{name} must be between {MinThreshold} and {MaxThreshold} (the MovieLens scale)."),
                string.Create(CultureInfo.InvariantCulture, $"-{name} a rating from {MinThreshold} to {MaxThreshold}"))
            : value;

    private static int CheckMinimum(int value, string name) =>
        value < 0 ? throw Invalid(name, $"{name} must be 0 or more.", $"-{name} 0 or more") : value;

    /// <summary>The refusal of a setting, named as New-PairStrategy's parameter; <paramref name="give"/> completes "Give New-PairStrategy ...".</summary>
    private static ContrastiveRecException Invalid(string setting, string problem, string give) =>
        new("InvalidPairStrategy", RefusalCategory.InvalidArgument, problem, $"Give New-PairStrategy {give}.", setting);
}
