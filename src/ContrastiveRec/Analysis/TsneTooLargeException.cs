namespace ContrastiveRec.Analysis;

/// <summary>A t-SNE run whose estimated memory is more than the machine has free: refused before allocating.</summary>
public sealed class TsneTooLargeException(string problem, string remedy, int points, long requiredBytes, long availableBytes)
    : ContrastiveRecException("TooManyPoints", RefusalCategory.LimitsExceeded, problem, remedy, points)
{
    public long RequiredBytes { get; } = requiredBytes;
    public long AvailableBytes { get; } = availableBytes;
}
