namespace ContrastiveRec.Training;

/// <summary>Hyper-parameters of <see cref="EncoderTrainer.Train"/>; a new instance has the study's, and
/// <see cref="Defaults"/> gives each objective's. Immutable, checked when set.</summary>
public sealed record TrainingOptions
{
    private readonly int _epochs = 20;
    private readonly int _batchSize = 512;
    private readonly double _learningRate = 1e-4;
    private readonly double _margin = 1.0;
    private readonly int _inputDim = 1024;
    private readonly int _hiddenDim = 600;
    private readonly int _latentDim = 200;

    public int Epochs { get => _epochs; init => _epochs = Positive(value, nameof(Epochs)); }
    public int BatchSize { get => _batchSize; init => _batchSize = Positive(value, nameof(BatchSize)); }

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate
    {
        get => _learningRate;
        init => _learningRate = double.IsFinite(value) && value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "LearningRate must be a positive number.");
    }

    /// <summary>Triplet loss margin: how much farther the negative must be than the positive.</summary>
    public double Margin
    {
        get => _margin;
        init => _margin = NonNegative(value, nameof(Margin));
    }

    /// <summary>Seeds the weights (torch.manual_seed), the triplet mining and the per-epoch shuffles.</summary>
    public int Seed { get; init; } = 42;
    public int InputDim { get => _inputDim; init => _inputDim = Positive(value, nameof(InputDim)); }
    public int HiddenDim { get => _hiddenDim; init => _hiddenDim = Positive(value, nameof(HiddenDim)); }
    public int LatentDim { get => _latentDim; init => _latentDim = Positive(value, nameof(LatentDim)); }

    /// <summary>Encode each distinct user of a batch once and gather the triplet rows from that (same loss, less work);
    /// false encodes anchors, positives and negatives separately, as the study's code would.</summary>
    public bool DeduplicateUsers { get; init; } = true;

    /// <summary>Update the per-row table lazily, row by row: the id encoder's user table (a step gathers the rows of the
    /// batch's users) or the profile encoder's input table (the rows of the movies in the batch's profiles); backward
    /// yields their gradient only, and Adam (AdamW's decay included) updates those rows and their moments,
    /// bias-corrected by each row's own step count; other rows, and their moments, stay as they were.
    /// UserMovie's movie table is updated the same way when negatives are sampled (catalogues above
    /// MaxFullSoftmaxMovies): a step touches its candidates' vectors and biases only. The MLP keeps the dense Adam.
    /// A step then costs what its batch touches, not the whole tables (on ml-25m's 162,541 users, or the profile
    /// encoder's 59,047 x 1,024 input table, the dense step is most of a step's work). The two differ (untouched
    /// rows' moments do not decay, corrections per row).
    /// Null, the default, decides by size: on when the table has more than <see cref="RowWiseAutomaticAbove"/>
    /// parameters (users, or for the profile encoder movies, x InputDim), so the study's sets (ml-latest-small, ml-1m)
    /// train densely as the study did; the trained model records what was used. The Graph encoder, whose step
    /// propagates over every row, refuses true.</summary>
    public bool? RowWiseUpdates { get; init; }

    /// <summary>Above this many table parameters (rows x InputDim; 16M is about 15,600 rows at 1024 inputs), an
    /// unset <see cref="RowWiseUpdates"/> means row-wise: a dense step over such a table costs more than the batch.</summary>
    public const long RowWiseAutomaticAbove = 16_000_000;

    /// <summary>These options with <see cref="RowWiseUpdates"/> decided for a set of <paramref name="users"/> users and
    /// <paramref name="movies"/> movies: what was given, else on when the id encoder's user table or the profile
    /// encoder's input table exceeds <see cref="RowWiseAutomaticAbove"/> parameters.</summary>
    public TrainingOptions ForSet(int users, int movies) => RowWiseUpdates is not null ? this
        : this with
        {
            RowWiseUpdates = Encoder switch
            {
                EncoderKind.Id => (long)users * InputDim > RowWiseAutomaticAbove,
                EncoderKind.Profile => (long)movies * InputDim > RowWiseAutomaticAbove,
                _ => false,
            },
        };

    /// <summary>On cancellation, return the model as trained so far (marked incomplete) instead of throwing.</summary>
    public bool KeepPartialOnCancel { get; init; }

    public TrainingObjective Objective { get; init; } = TrainingObjective.UserUser;
    public EncoderKind Encoder { get; init; } = EncoderKind.Id;

    private readonly double? _initStd;
    private readonly double _temperature = 0.1;
    private readonly double _pairWeight;
    private readonly double _weightDecay;
    private readonly double _inputDropout = 0.5;
    private readonly double _dislikedWeight = 1;
    private readonly int? _threads;
    private readonly int _maxFullSoftmaxMovies = 50_000;
    private readonly int _sampledNegatives = 8_192;

    /// <summary>Standard deviation of the normal distribution the per-row tables start from: the id and graph
    /// encoders' user vectors and UserMovie's movie vectors. Null keeps each table's own start: torch's N(0, 1) for the
    /// id encoder's users (the study's), N(0, 0.1) for the graph encoder's users and the movies. A user's row is updated
    /// once an epoch (when its batch comes) by about the learning rate a coordinate, so rows of N(0, 1) hardly move in a
    /// large set's first epochs; recommender libraries start such tables small (Cornac's BPR 0.01, LightGCN 0.1).</summary>
    public double? InitStd
    {
        get => _initStd;
        init => _initStd = value is null || (double.IsFinite(value.Value) && value > 0) ? value
            : throw new ArgumentOutOfRangeException(nameof(InitStd), value, "InitStd must be a positive number.");
    }

    /// <summary>UserMovie: the softmax temperature over cosine similarities.</summary>
    public double Temperature
    {
        get => _temperature;
        init => _temperature = double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Temperature), value, "Temperature must be a positive number.");
    }

    /// <summary>UserMovie: weight of the study's triplet loss (from the strategy) added to the user-movie loss; 0 leaves it out.</summary>
    public double PairWeight
    {
        get => _pairWeight;
        init => _pairWeight = NonNegative(value, nameof(PairWeight));
    }

    /// <summary>UserMovie: AdamW's decoupled weight decay (the study's objective trains with plain Adam, without it).</summary>
    public double WeightDecay
    {
        get => _weightDecay;
        init => _weightDecay = NonNegative(value, nameof(WeightDecay));
    }

    /// <summary>Profile encoder: share of a user's rated movies hidden from the input at each step, so it learns to generalise.</summary>
    public double InputDropout
    {
        get => _inputDropout;
        init => _inputDropout = double.IsFinite(value) && value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(InputDropout), value, "InputDropout must be at least 0 and below 1.");
    }

    /// <summary>UserMovie: weight in the loss of a movie the user rated below the set's relevance threshold (3.5 on
    /// MovieLens, the Full protocol's like threshold), against 1 for the movies they liked; 1 counts every rated movie
    /// alike, 0 learns from likes only.</summary>
    public double DislikedWeight
    {
        get => _dislikedWeight;
        init => _dislikedWeight = double.IsFinite(value) && value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(DislikedWeight), value, "DislikedWeight must be between 0 and 1.");
    }

    /// <summary>UserMovie on implicit data: weigh each interaction in the loss by how many times it occurred (the set's
    /// count), as implicit-feedback models weigh confidence; off, every interaction counts once. Ignored on explicit
    /// ratings. Off by default: the bundled data has no repeats to validate it on (docs/results.md).</summary>
    public bool CountWeighting { get; init; }

    /// <summary>libtorch threads for the training (null: as they are, by default one per core), at most the machine's cores
    /// (<see cref="ForThisMachine"/>). A fixed count up to the cores takes the core count out of what a seeded run's bits
    /// depend on; a count above them is lowered to the cores, so that run's bits depend on the cores again. A trained
    /// model records the count it used, the one that gives its bits again elsewhere. Fewer threads suit parallel jobs.</summary>
    public int? Threads
    {
        get => _threads;
        init => _threads = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Threads), value, "Threads must be 1 or more (or null).");
    }

    /// <summary>These options with <see cref="Threads"/> at most <paramref name="cores"/>: threads beyond the cores only
    /// wait for one another (1,024 on 2 cores trained in 34 s instead of 1.5 s).</summary>
    public TrainingOptions ForCores(int cores)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cores);
        return Threads > cores ? this with { Threads = cores } : this;
    }

    /// <summary>The options as they run here: <see cref="ForCores"/> with this machine's cores. Training and the comparison
    /// apply it, and a trained model records the result.</summary>
    public TrainingOptions ForThisMachine() => ForCores(Environment.ProcessorCount);

    private readonly int _layers = 1;
    private readonly double _contrastWeight;
    private readonly double _noiseScale = 0.1;

    /// <summary>Graph encoder: propagation layers over the train user–movie graph (0 trains the tables alone).</summary>
    public int Layers
    {
        get => _layers;
        init => _layers = value is >= 0 and <= 8 ? value : throw new ArgumentOutOfRangeException(nameof(Layers), value, "Layers must be between 0 and 8.");
    }

    /// <summary>Graph encoder: weight of the XSimGCL-style contrastive term between a node's final and first-layer
    /// vectors of a noise-perturbed propagation; 0 leaves it (and the noise) out.</summary>
    public double ContrastWeight
    {
        get => _contrastWeight;
        init => _contrastWeight = NonNegative(value, nameof(ContrastWeight));
    }

    /// <summary>Graph encoder with a contrastive term: length of the random vector added to each propagated layer.</summary>
    public double NoiseScale
    {
        get => _noiseScale;
        init => _noiseScale = NonNegative(value, nameof(NoiseScale));
    }

    /// <summary>Graph encoder: batches above this many users are scored a sub-batch at a time after one propagation
    /// (the same loss, without [batch, candidates] activations). Not part of the model file.</summary>
    internal int GraphLossChunkUsers { get; init; } = 256;

    /// <summary>UserMovie: catalogues up to this size use every movie as a negative; larger ones a sample.</summary>
    public int MaxFullSoftmaxMovies { get => _maxFullSoftmaxMovies; init => _maxFullSoftmaxMovies = Positive(value, nameof(MaxFullSoftmaxMovies)); }

    /// <summary>UserMovie on a large catalogue: negatives sampled per step (by popularity, with the log-frequency correction).</summary>
    public int SampledNegatives { get => _sampledNegatives; init => _sampledNegatives = Positive(value, nameof(SampledNegatives)); }

    /// <summary>
    /// The defaults of an objective and encoder, the one place they are set (the cmdlets apply what the user names
    /// over them). UserUser: the study's, as <c>new TrainingOptions()</c>. UserMovie: chosen on a validation split
    /// carved from the train part of ml-latest-small (see README): batches of 64 users and half weight for disliked
    /// movies; the id encoder at temperature 0.15, lr 2e-3, weight decay 0.01 for 60 epochs, the profile encoder at
    /// temperature 0.1, lr 1e-3 for 50 epochs with half of each profile dropped per step.
    /// </summary>
    /// <exception cref="ContrastiveRecException">EncoderNeedsUserMovie: the Profile or Graph encoder with the UserUser
    /// objective, which cannot train it.</exception>
    public static TrainingOptions Defaults(TrainingObjective objective = TrainingObjective.UserUser, EncoderKind encoder = EncoderKind.Id)
    {
        if (objective == TrainingObjective.UserUser)
        {
            return encoder == EncoderKind.Id
                ? new TrainingOptions()
                : throw EncoderNeedsUserMovie(encoder);
        }
        return encoder switch
        {
            EncoderKind.Graph => new()
            {
                Objective = TrainingObjective.UserMovie,
                Encoder = encoder,
                BatchSize = 64,
                Temperature = 0.15,
                WeightDecay = 0.01,
                LearningRate = 5e-3,
                Epochs = 60,
                DislikedWeight = 0.5,
                Layers = 1,
            },
            _ => new()
            {
                Objective = TrainingObjective.UserMovie,
                Encoder = encoder,
                BatchSize = 64,
                Temperature = encoder == EncoderKind.Id ? 0.15 : 0.1,
                WeightDecay = encoder == EncoderKind.Id ? 0.01 : 0,
                LearningRate = encoder == EncoderKind.Id ? 2e-3 : 1e-3,
                Epochs = encoder == EncoderKind.Id ? 60 : 50,
                InputDropout = 0.5,
                DislikedWeight = 0.5,
            },
        };
    }

    /// <summary>The UserMovie defaults: <see cref="Defaults"/>(UserMovie, <paramref name="encoder"/>).</summary>
    public static TrainingOptions UserMovieDefaults(EncoderKind encoder = EncoderKind.Id) => Defaults(TrainingObjective.UserMovie, encoder);

    // The id predates the profile encoder's row-wise updates; kept so scripts that catch it still do.
    internal static ContrastiveRecException RowWiseNeedsIdEncoder(EncoderKind encoder) =>
        new("RowWiseNeedsIdEncoder", RefusalCategory.InvalidArgument,
            "RowWiseUpdates updates a table row by row: a Graph encoder's step propagates over every row.",
            "Leave out -RowWiseUpdates, or train the Id or Profile encoder (-Encoder Id, -Encoder Profile).", encoder);

    internal static ContrastiveRecException EncoderNeedsUserMovie(EncoderKind encoder) =>
        new("EncoderNeedsUserMovie", RefusalCategory.InvalidArgument, $"The {encoder} encoder learns from movie embeddings, which only the UserMovie objective trains.",
            "Add -Objective UserMovie, or leave -Encoder at Id for the study's objective.", encoder);

    private static double NonNegative(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be 0 or more.");

    /// <summary>"{ Epochs = 20, BatchSize = 512, ... }": every setting, invariant, without the type name (a CSV cell).</summary>
    public override string ToString() => RecordText.Of(PrintMembers);

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be 1 or more.");
}
