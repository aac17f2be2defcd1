using ContrastiveRec.Data;

namespace ContrastiveRec.Training;

/// <summary>The ratings a trained model recommends and reports from, refused by name when it was loaded without them
/// (its recorded source moved, changed or was derived).</summary>
internal static class ModelRatings
{
    /// <exception cref="ContrastiveRecException">ModelWithoutRatings: <see cref="TrainedEncoder.RatingSet"/> is null.</exception>
    public static RatingSet Of(TrainedEncoder model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.RatingSet ?? throw new ContrastiveRecException("ModelWithoutRatings", RefusalCategory.InvalidOperation,
            $"{model.Name} has no ratings to work with: {model.DataProblem ?? "it was made without them"}.",
            "Import it again with the ratings it was trained on: Import-EncoderModel <path> -Ratings <those ratings>.", model);
    }
}
