namespace ContrastiveRec.Visualization;

/// <summary>Size and words of a chart.</summary>
public sealed record ChartOptions
{
    private readonly int _width = 800;
    private readonly int _height = 600;

    public string? Title { get; init; }
    public int Width { get => _width; init => _width = Pixels(value, nameof(Width)); }
    public int Height { get => _height; init => _height = Pixels(value, nameof(Height)); }
    /// <summary>Axis labels; null gives the chart's own ("t-SNE 1" / "t-SNE 2", "K" / "recall@K (%)").</summary>
    public string? XLabel { get; init; }
    public string? YLabel { get; init; }

    private static int Pixels(int value, string name) => value is >= 100 and <= 10_000 ? value
        : throw new ArgumentOutOfRangeException(name, value, $"{name} must be 100 to 10,000 pixels.");
}
