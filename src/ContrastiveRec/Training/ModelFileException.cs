namespace ContrastiveRec.Training;

/// <summary>A file that is not a usable model: not a ContrastiveRec model at all, truncated, damaged, or with metadata
/// the library refuses (an edited header).</summary>
public sealed class ModelFileException(string filePath, string problem, Exception? inner = null)
    : ContrastiveRecException("InvalidModelFile", RefusalCategory.InvalidData,
        $"'{filePath}' is not a usable ContrastiveRec model file: {problem}",
        "Check the path; re-export the model with Export-EncoderModel.", filePath, inner)
{
    public string FilePath { get; } = filePath;
}
