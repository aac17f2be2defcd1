namespace ContrastiveRec.Analysis;

/// <summary>A t-SNE run whose estimated memory is more than the machine has free: refused before allocating.</summary>
public sealed class TsneTooLargeException(string message, long requiredBytes, long availableBytes) : ArgumentException(message)
{
    public long RequiredBytes { get; } = requiredBytes;
    public long AvailableBytes { get; } = availableBytes;
}
