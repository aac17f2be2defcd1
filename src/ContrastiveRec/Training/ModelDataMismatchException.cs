namespace ContrastiveRec.Training;

/// <summary>Ratings given to a model are not the data it learned from (another data set, another split, a changed
/// source), or cannot be used by it at all (other users or movies than its rows). Says what differs and what to do.</summary>
public sealed class ModelDataMismatchException(IReadOnlyList<string> differences, string remedy)
    : ContrastiveRecException("ModelDataMismatch", RefusalCategory.InvalidData,
        $"These ratings are not the data the model was trained on: {string.Join("; ", differences)}.", remedy)
{
    public IReadOnlyList<string> Differences { get; } = differences;
}
