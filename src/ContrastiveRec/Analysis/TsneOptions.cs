namespace ContrastiveRec.Analysis;

/// <summary>Settings of <see cref="Tsne.Embed"/>; the defaults are van der Maaten's and scikit-learn's. Checked when set.</summary>
public sealed record TsneOptions
{
    /// <summary>
    /// <see cref="TsneMethod.Auto"/> runs exact t-SNE up to this many points (its n × n matrices take 1 GB at 5,000)
    /// and Barnes-Hut above; exact results on small sets stay those of earlier versions.
    /// </summary>
    public const int MaxExactPoints = 5000;

    /// <summary>The perplexity when none is given: van der Maaten's and scikit-learn's 30, lowered on fewer than 91 points
    /// (<see cref="PerplexityFor"/>).</summary>
    public const double DefaultPerplexity = 30;

    private readonly double? _perplexity;
    private readonly int _iterations = 1000;
    private readonly double? _learningRate = 200;
    private readonly double _earlyExaggeration = 12;
    private readonly int _exaggerationIterations = 250;
    private readonly double? _maxStepNorm = 5;
    private readonly double _theta = 0.5;
    private readonly long? _memoryLimitBytes;

    /// <summary>The effective number of neighbours each point's conditional distribution is calibrated to; null: the
    /// default, lowered to what the points can carry. A given perplexity the points cannot carry is refused (<see cref="PerplexityFor"/>).</summary>
    public double? Perplexity
    {
        get => _perplexity;
        init => _perplexity = value is null || (double.IsFinite(value.Value) && value.Value > 0) ? value
            : throw new ArgumentOutOfRangeException(nameof(Perplexity), value, "Perplexity must be a positive number (or null for the default).");
    }

    /// <summary>
    /// The largest perplexity <paramref name="n"/> points can carry: each point's neighbourhood is calibrated over its
    /// 3 × perplexity nearest others (bhtsne refuses N − 1 &lt; 3 × perplexity). A perplexity of 1, the nearest
    /// neighbour alone, even two or three points carry.
    /// </summary>
    public static double MaxPerplexity(int n) => Math.Max(1.0, (n - 1) / 3.0);

    /// <summary>
    /// The perplexity a run of <paramref name="n"/> points uses, decided here for both methods. A perplexity the user gave
    /// is kept, or refused when the points cannot carry it, since a silently smaller one is not the map asked for. The
    /// default is lowered to fit, as openTSNE does, so that an ordinary call on a small set still draws its map.
    /// </summary>
    /// <exception cref="TsnePerplexityException">The given perplexity is above <see cref="MaxPerplexity"/>.</exception>
    public TsnePerplexity PerplexityFor(int n)
    {
        var max = MaxPerplexity(n);
        if (Perplexity is { } given)
            return given <= max ? new TsnePerplexity(given, Lowered: false) : throw new TsnePerplexityException(n, given, max);
        return DefaultPerplexity <= max ? new TsnePerplexity(DefaultPerplexity, Lowered: false) : new TsnePerplexity(max, Lowered: true);
    }

    public int Iterations
    {
        get => _iterations;
        init => _iterations = value > 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(Iterations), value, "Iterations must be 1 or more.");
    }

    /// <summary>Gradient step size; null means automatic, max(n / 12, 50) (Belkina et al. 2019: n over the exaggeration).</summary>
    public double? LearningRate
    {
        get => _learningRate;
        init => _learningRate = value is null || (double.IsFinite(value.Value) && value.Value > 0) ? value
            : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "LearningRate must be a positive number (or null for automatic).");
    }

    /// <summary>Factor on P during the first <see cref="ExaggerationIterations"/>: pulls clusters together early.</summary>
    public double EarlyExaggeration
    {
        get => _earlyExaggeration;
        init => _earlyExaggeration = double.IsFinite(value) && value >= 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(EarlyExaggeration), value, "EarlyExaggeration must be 1 or more.");
    }

    /// <summary>Iterations with exaggeration and momentum 0.5; momentum is 0.8 after them.</summary>
    public int ExaggerationIterations
    {
        get => _exaggerationIterations;
        init => _exaggerationIterations = value >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(ExaggerationIterations), value, "ExaggerationIterations must be 0 or more.");
    }

    /// <summary>Longest step a point may take in one iteration (openTSNE's max_step_norm); null for no limit.</summary>
    public double? MaxStepNorm
    {
        get => _maxStepNorm;
        init => _maxStepNorm = value is null || (double.IsFinite(value.Value) && value.Value > 0) ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxStepNorm), value, "MaxStepNorm must be a positive number (or null for no limit).");
    }

    public TsneInitialization Initialization { get; init; } = TsneInitialization.Pca;

    public TsneMethod Method { get; init; } = TsneMethod.Auto;

    /// <summary>Barnes-Hut accuracy: a quadtree cell stands for its points when side / distance is below this (0 is exact).</summary>
    public double Theta
    {
        get => _theta;
        init => _theta = double.IsFinite(value) && value >= 0 && value <= 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(Theta), value, "Theta must be between 0 and 1.");
    }

    /// <summary>Bytes the run may use; null means the memory the operating system reports available now.</summary>
    public long? MemoryLimitBytes
    {
        get => _memoryLimitBytes;
        init => _memoryLimitBytes = value is null || value.Value > 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(MemoryLimitBytes), value, "MemoryLimitBytes must be positive (or null for what is available).");
    }

    /// <summary>The method a run of <paramref name="n"/> points uses.</summary>
    public TsneMethod MethodFor(int n) => Method switch
    {
        TsneMethod.Auto => n <= MaxExactPoints ? TsneMethod.Exact : TsneMethod.BarnesHut,
        var m => m,
    };

    /// <summary>Seeds the random initialisation; PCA initialisation uses no randomness.</summary>
    public int Seed { get; init; } = 42;

    public double LearningRateFor(int n) => LearningRate ?? Math.Max(n / 12.0, 50);
}
