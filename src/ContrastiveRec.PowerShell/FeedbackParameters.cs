using ContrastiveRec.Data;

namespace ContrastiveRec.PowerShell;

/// <summary>The feedback parameters that Import-RatingSet and ConvertTo-RatingSet share, as the core's options.</summary>
internal static class FeedbackParameters
{
    public const string ScaleHelp = "The lowest and highest rating, as two numbers (-RatingScale 1, 10)";

    /// <exception cref="ContrastiveRecException">InvalidRatingScale: the scale is not two finite numbers, lowest first.</exception>
    public static FeedbackOptions Options(double[]? scale, double? threshold, bool isImplicit, DuplicatePolicy? duplicates)
    {
        RatingScale? range = null;
        if (scale is not null)
        {
            if (scale.Length != 2 || !double.IsFinite(scale[0]) || !double.IsFinite(scale[1]) || scale[0] >= scale[1])
                throw new ContrastiveRecException("InvalidRatingScale", RefusalCategory.InvalidArgument,
                    $"-RatingScale {string.Join(", ", scale)} is not a scale: it takes the lowest and the highest rating, lowest first.",
                    "Give two numbers, such as -RatingScale 1, 10 or -RatingScale 0, 1.", scale);
            range = new RatingScale(scale[0], scale[1]);
        }
        if (threshold is { } t && range is not null && !range.Contains(t))
            throw new ContrastiveRecException("InvalidRatingScale", RefusalCategory.InvalidArgument,
                FormattableString.Invariant($"-RelevanceThreshold {t} is off the scale {range}."),
                "Give a threshold within -RatingScale (a rating at or above it is relevant).", t);
        return new FeedbackOptions
        {
            Scale = range,
            RelevanceThreshold = threshold,
            IsImplicit = isImplicit,
            Duplicates = duplicates ?? DuplicatePolicy.Refuse,
        };
    }
}
