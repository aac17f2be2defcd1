namespace ContrastiveRec.Training;

/// <summary>Training was refused before allocating its tables: the estimate of what it needs exceeds the memory available.</summary>
public sealed class TrainingMemoryException(long neededBytes, long availableBytes, string message) : Exception(message)
{
    public long NeededBytes { get; } = neededBytes;
    public long AvailableBytes { get; } = availableBytes;
}
