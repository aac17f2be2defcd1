using System.Globalization;

namespace ContrastiveRec.Data;

/// <summary>The range a set's ratings are given on: MovieLens' half stars from 0.5 to 5, stars 1 to 10, 0 to 1...</summary>
public sealed record RatingScale
{
    public RatingScale(double lowest, double highest)
    {
        if (!double.IsFinite(lowest) || !double.IsFinite(highest) || lowest > highest)
            throw new ArgumentOutOfRangeException(nameof(lowest), $"A rating scale needs finite ends, the lowest at or below the highest ({lowest}, {highest}).");
        Lowest = lowest;
        Highest = highest;
    }

    /// <summary>The MovieLens scale: half stars from 0.5 to 5 (ml-100k and ml-1m use whole stars within it).</summary>
    public static RatingScale MovieLens { get; } = new(Rating.Lowest, Rating.Highest);

    public double Lowest { get; }
    public double Highest { get; }

    public bool Contains(double value) => value >= Lowest && value <= Highest;

    /// <summary>The value at the same place on this scale as <paramref name="value"/> is on <paramref name="from"/>
    /// (3.5 on 0.5-5 is 7 on 1-10); unchanged on the same scale, so MovieLens thresholds stay exactly as written.</summary>
    public double Place(double value, RatingScale from)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (from == this) return value;
        if (from.Highest == from.Lowest) return Lowest;
        // Multiplied before divided: on scales whose ends are multiples of halves this lands exactly (7, 8, 6 on 1-10).
        return Lowest + (Highest - Lowest) * (value - from.Lowest) / (from.Highest - from.Lowest);
    }

    /// <summary>"0.5 to 5", invariant.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Lowest} to {Highest}");
}

/// <summary>What to do with a (user, item) pair that a set of explicit ratings holds more than once. Implicit data
/// always counts its repeats.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum DuplicatePolicy
{
    /// <summary>Refuse the data, naming both lines (DuplicateRating): a repeat is usually a mistake.</summary>
    Refuse,

    /// <summary>Keep the rating that comes last in the input (the latest opinion), with its timestamp.</summary>
    KeepLast,

    /// <summary>Keep the mean of the ratings, with the latest timestamp.</summary>
    Mean,
}

/// <summary>
/// What a set's ratings mean, as the set holds it (resolved from <see cref="FeedbackOptions"/>): the scale, the
/// relevance threshold (a rating at or above it is a like: relevant in evaluation, a like for the baselines and the
/// UserMovie objective), whether the ratings are implicit interaction counts, and how duplicates were treated.
/// Model files record it; files written before it existed mean <see cref="MovieLens"/>.
/// </summary>
public sealed record Feedback(RatingScale Scale, double RelevanceThreshold, bool IsImplicit = false, DuplicatePolicy Duplicates = DuplicatePolicy.Refuse)
{
    /// <summary>The study's threshold on the MovieLens scale, which other scales place at the same point.</summary>
    public const double MovieLensThreshold = 3.5;

    /// <summary>MovieLens files: 0.5 to 5, likes from 3.5, explicit, duplicates refused.</summary>
    public static Feedback MovieLens { get; } = new(RatingScale.MovieLens, MovieLensThreshold);

    /// <summary>The relevance threshold at the place of MovieLens' 3.5 on <paramref name="scale"/> (7 on 1-10).</summary>
    public static double DefaultThreshold(RatingScale scale) => scale.Place(MovieLensThreshold, RatingScale.MovieLens);

    /// <summary>Whether a rating is a like (relevant): at or above <see cref="RelevanceThreshold"/>.</summary>
    public bool IsRelevant(float rating) => rating >= RelevanceThreshold;

    /// <summary>Whether a newcomer's rating can be taken as this data's: on the scale for explicit ratings, a count of
    /// 1 or more for implicit data (a newcomer may have repeated an item more often than anyone in training).</summary>
    public bool Accepts(float value) => float.IsFinite(value) && (IsImplicit ? value >= 1 : Scale.Contains(value));

    /// <summary>"explicit 0.5 to 5, relevant from 3.5" or "implicit counts 1 to 12, every interaction relevant".</summary>
    public override string ToString() => IsImplicit
        ? $"implicit counts {Scale}, every interaction relevant"
        : string.Create(CultureInfo.InvariantCulture, $"explicit {Scale}, relevant from {RelevanceThreshold:0.###}, duplicates {Duplicates}");
}

/// <summary>
/// What the caller says about the ratings being read (the reader and the builder resolve the rest from the data into
/// the set's <see cref="Feedback"/>). The defaults describe explicit ratings on the data's own range with duplicates
/// refused; MovieLens files are read as <see cref="Feedback.MovieLens"/>.
/// </summary>
public sealed record FeedbackOptions
{
    /// <summary>The scale; null takes the lowest and highest rating found.</summary>
    public RatingScale? Scale { get; init; }

    /// <summary>The relevance threshold; null places it where 3.5 sits on 0.5-5 (<see cref="Feedback.DefaultThreshold"/>).</summary>
    public double? RelevanceThreshold { get; init; }

    /// <summary>The rows are interactions (clicks, plays, purchases), not ratings: any rating is ignored, each
    /// (user, item) becomes one row whose rating is how many times it occurs, and every interaction is relevant.</summary>
    public bool IsImplicit { get; init; }

    /// <summary>What to do with a (user, item) pair given twice in explicit data; implicit data counts them.</summary>
    public DuplicatePolicy Duplicates { get; init; } = DuplicatePolicy.Refuse;

    /// <summary>The options that read data again as <paramref name="feedback"/> says (a model re-reading its ratings).</summary>
    public static FeedbackOptions Of(Feedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        return feedback.IsImplicit ? new() { IsImplicit = true }
            : new() { Scale = feedback.Scale, RelevanceThreshold = feedback.RelevanceThreshold, Duplicates = feedback.Duplicates };
    }

    /// <summary>The set's feedback from these options and the ratings it ended with (counts, for implicit data).</summary>
    internal Feedback Resolve(float lowest, float highest)
    {
        if (IsImplicit) return new Feedback(new RatingScale(1, Math.Max(1, highest)), 1, true, Duplicates);
        var scale = Scale ?? new RatingScale(lowest, highest);
        var threshold = RelevanceThreshold ?? Feedback.DefaultThreshold(scale);
        if (!double.IsFinite(threshold))
            throw new ArgumentOutOfRangeException(nameof(RelevanceThreshold), threshold, "The relevance threshold must be a number.");
        return new Feedback(scale, threshold, false, Duplicates);
    }
}
