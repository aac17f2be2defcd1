using System.Globalization;
using System.Text.Json.Serialization;
using ContrastiveRec.Data;

namespace ContrastiveRec.Pairs;

/// <summary>
/// How positive and negative users are chosen for each training interaction: the study's strategies 1-4
/// (<see cref="FromPreset"/>) or a custom mix. Immutable; every property is checked when set, and
/// <see cref="Validate"/> checks the properties against each other; a setting refused is a
/// <see cref="ContrastiveRecException"/> with the id InvalidPairStrategy.
/// Thresholds are ratings on <see cref="Scale"/> (MovieLens' 0.5-5 until the strategy is applied to a set): applied to
/// a set on another scale (<see cref="On"/>), a preset's thresholds move to the same places on the set's scale (Strategy
/// 4 likes at 8 and dislikes below 6 on 1-10), while a threshold given explicitly stays as given.
/// </summary>
public sealed record PairStrategy
{
    private readonly double _like = Feedback.MovieLensThreshold;
    private readonly double _dislike = Feedback.MovieLensThreshold;
    // Whether a threshold was given (set after construction) rather than a preset's: given ones never move with the scale.
    private readonly bool _likeGiven;
    private readonly bool _dislikeGiven;
    private readonly int? _popularity;
    private readonly int _minLikers = 10;
    private readonly int _minDislikers = 10;
    private readonly NegativeRule _rule = NegativeRule.Disagree;

    public PairStrategy()
    {
    }

    // A preset's own thresholds, which move with the scale.
    private PairStrategy(double like, double dislike) => (_like, _dislike) = (like, dislike);

    // This strategy with its thresholds on another scale.
    private PairStrategy(PairStrategy other, double like, double dislike, RatingScale scale) : this(other)
    {
        (_like, _dislike) = (like, dislike);
        Scale = scale;
    }

    /// <summary>A rating at or above this is a like.</summary>
    public double LikeThreshold
    {
        get => _like;
        init => (_like, _likeGiven) = (CheckThreshold(value, nameof(LikeThreshold)), true);
    }

    /// <summary>A rating below this is a dislike; ratings between the two thresholds are neutral.</summary>
    public double DislikeThreshold
    {
        get => _dislike;
        init => (_dislike, _dislikeGiven) = (CheckThreshold(value, nameof(DislikeThreshold)), true);
    }

    /// <summary>The scale the thresholds are ratings on: null for MovieLens' 0.5 to 5 (a strategy not yet applied to a
    /// set, and every model file from before scales), else the scale of the set it was applied to.</summary>
    public RatingScale? Scale { get; init; }

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
            : throw Invalid(nameof(NegativeRule), "NegativeRule must be Disagree, CoDisliker or Sampled.", "-NegativeRule Disagree, CoDisliker or Sampled");
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
            if (_rule == NegativeRule.Sampled) return null; // not one of the study's
            var scale = Scale ?? RatingScale.MovieLens;
            for (var n = 1; n <= 4; n++)
            {
                var p = FromPreset(n);
                // A preset on another scale has its thresholds at the same places: Strategy 4 on 1-10 likes at 8.
                if (scale.Place(p._like, RatingScale.MovieLens) == _like && scale.Place(p._dislike, RatingScale.MovieLens) == _dislike
                    && p._popularity == _popularity && p.NormalizeRatings == NormalizeRatings)
                    return n;
            }
            return null;
        }
    }

    /// <summary>
    /// This strategy as it applies to <paramref name="set"/>: thresholds on the set's scale (a preset's at the same
    /// places as on MovieLens' 0.5-5, a given one as given), checked against that scale and each other. The same
    /// strategy on the same scale is returned unchanged, so MovieLens thresholds stay exactly as written.
    /// </summary>
    /// <exception cref="ContrastiveRecException">NeedsExplicitRatings: the set is implicit (the strategies need dislikes);
    /// InvalidPairStrategy: a threshold off the set's scale, or the dislike threshold above the like threshold.</exception>
    public PairStrategy On(RatingSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.Feedback.IsImplicit)
        {
            if (_rule != NegativeRule.Sampled) throw NeedsExplicitRatings(set);
            // Every interaction is a like: the thresholds are the set's relevance threshold, whatever they were.
            var all = set.Feedback.RelevanceThreshold;
            return new PairStrategy(this, all, all, set.Feedback.Scale);
        }
        var scale = set.Feedback.Scale;
        var from = Scale ?? RatingScale.MovieLens;
        var resolved = from == scale ? this
            : new PairStrategy(this, _likeGiven ? _like : scale.Place(_like, from), _dislikeGiven ? _dislike : scale.Place(_dislike, from), scale);
        foreach (var (name, value) in new[] { (nameof(LikeThreshold), resolved._like), (nameof(DislikeThreshold), resolved._dislike) })
            if (!scale.Contains(value))
                throw Invalid(name, string.Create(CultureInfo.InvariantCulture, $"{name} {value} is off the ratings' scale, {scale}."),
                    string.Create(CultureInfo.InvariantCulture, $"-{name} a rating from {scale}"));
        return resolved.Validate();
    }

    /// <summary>The refusal of a pair strategy on implicit data, which has likes but no dislikes to pair users by.</summary>
    internal static ContrastiveRecException NeedsExplicitRatings(RatingSet set) =>
        new("NeedsExplicitRatings", RefusalCategory.InvalidOperation,
            $"The study's pair strategies pair users who agree and disagree about a movie, which needs ratings with dislikes; {set} holds implicit interactions (every one a like).",
            "Use the sampled-negative strategy made for implicit data (-Strategy (New-PairStrategy -NegativeRule Sampled)), train -Objective UserMovie (encoders Id, Profile or Graph, -PairWeight 0), or build New-BaselineRecommender -Kind MostPopular, UserKnn, ItemKnn or Ease.",
            set);

    /// <summary>Equal settings, whether a threshold was given or came from a preset (a loaded model's strategy equals
    /// the one it was trained with); no scale means MovieLens'.</summary>
    public bool Equals(PairStrategy? other) =>
        other is not null && _like == other._like && _dislike == other._dislike && _popularity == other._popularity
        && NormalizeRatings == other.NormalizeRatings && _minLikers == other._minLikers && _minDislikers == other._minDislikers
        && _rule == other._rule && (Scale ?? RatingScale.MovieLens) == (other.Scale ?? RatingScale.MovieLens);

    public override int GetHashCode() => HashCode.Combine(_like, _dislike, _popularity, NormalizeRatings, _minLikers, _minDislikers, _rule);

    /// <summary>The strategy for implicit data (clicks, plays, purchases: no dislikes): each interaction's positive is
    /// another user of the item, its negative a user drawn among those who never used it (<see cref="NegativeRule.Sampled"/>).
    /// Movies need <see cref="MinLikers"/> users to be kept; <see cref="MinDislikers"/> does not apply.</summary>
    public static PairStrategy SampledNegatives { get; } = new() { NegativeRule = NegativeRule.Sampled };

    /// <summary>The study's strategies: 1 random pairs at 3.5/3.5; 2 as 1 without movies liked by over 100 users;
    /// 3 as 1 with ranked (mean-centred) pairs; 4 like at 4, dislike below 3, popularity 100, ranked.</summary>
    public static PairStrategy FromPreset(int preset) => preset switch
    {
        1 => new PairStrategy(),
        2 => new PairStrategy { PopularityThreshold = 100 },
        3 => new PairStrategy { NormalizeRatings = true },
        4 => new PairStrategy(4.0, 3.0) { PopularityThreshold = 100, NormalizeRatings = true },
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
        var name = Preset is { } n ? $"Strategy {n}" : _rule == NegativeRule.Sampled ? "Sampled-negative strategy" : "Custom strategy";
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

    // The scale is only known when the strategy meets a set (On checks it there): here a threshold must be a number.
    private static double CheckThreshold(double value, string name) =>
        !double.IsFinite(value)
            ? throw Invalid(name, $"{name} must be a number.", $"-{name} a rating on the data's scale (0.5 to 5 on MovieLens)")
            : value;

    private static int CheckMinimum(int value, string name) =>
        value < 0 ? throw Invalid(name, $"{name} must be 0 or more.", $"-{name} 0 or more") : value;

    /// <summary>The refusal of a setting, named as New-PairStrategy's parameter; <paramref name="give"/> completes "Give New-PairStrategy ...".</summary>
    private static ContrastiveRecException Invalid(string setting, string problem, string give) =>
        new("InvalidPairStrategy", RefusalCategory.InvalidArgument, problem, $"Give New-PairStrategy {give}.", setting);
}
