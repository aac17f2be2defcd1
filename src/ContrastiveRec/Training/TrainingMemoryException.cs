namespace ContrastiveRec.Training;

/// <summary>Training was refused before allocating its tables: the estimate of what it needs exceeds the memory available.</summary>
public sealed class TrainingMemoryException(long neededBytes, long availableBytes, string problem, string remedy, object? target = null)
    : ContrastiveRecException("TrainingMemory", RefusalCategory.ResourceUnavailable, problem, remedy, target)
{
    public long NeededBytes { get; } = neededBytes;
    public long AvailableBytes { get; } = availableBytes;
}
