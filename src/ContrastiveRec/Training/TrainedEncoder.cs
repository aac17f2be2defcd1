using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>A trained encoder and everything needed to explain, reuse or reload it. Owns the encoder's tensors.</summary>
public sealed class TrainedEncoder : IDisposable
{
    /// <summary>First bytes of every model file.</summary>
    public const string Magic = ModelFile.Magic;
    public const int FormatVersion = ModelFile.FormatVersion;

    private readonly IdTable _userIds;

    internal TrainedEncoder(nn.Module<Tensor, Tensor> encoder, PairStrategy strategy, TrainingOptions options, double[] lossHistory,
        MiningStatistics mining, TimeSpan trainTime, int epochsCompleted, bool isComplete, RatingSet? ratingSet,
        IdTable userIds, DataReference? data, MovieTable? movies = null, string? name = null)
    {
        Name = name ?? DefaultName(strategy, options);
        Encoder = encoder;
        Movies = movies;
        Strategy = strategy;
        Options = options;
        LossHistory = new JoinedList<double>(lossHistory);
        MiningStatistics = mining;
        TrainTime = trainTime;
        EpochsCompleted = epochsCompleted;
        IsComplete = isComplete;
        RatingSet = ratingSet;
        Data = data;
        _userIds = userIds;
    }

    /// <summary>The model as it stands during training, for an <see cref="IEpochValidator"/>: its users' unit vectors
    /// <paramref name="users"/> [users, d] and, for UserMovie, its movies' <paramref name="movieUnits"/> are what scoring
    /// reads (a Graph encoder's propagated tables, without touching its own); the modules stay the training's.
    /// Takes the two tensors; disposing the view disposes them, not the modules.</summary>
    internal static TrainedEncoder During(nn.Module<Tensor, Tensor> encoder, MovieTable? movies, PairStrategy strategy, TrainingOptions options,
        RatingSet set, Tensor users, Tensor? movieUnits)
    {
        var view = new TrainedEncoder(encoder, strategy, options, [], new MiningStatistics(), TimeSpan.Zero, 0, false, set, set.Users, null, movies)
        {
            _ownsModules = false,
        };
        view._embeddings = (users.data<float>().ToArray(), (int)users.shape[1]);
        if (movieUnits is null) users.Dispose();
        else view._scoring = (users, movieUnits);
        return view;
    }

    // False for a view during training (During), whose modules training still owns.
    private bool _ownsModules = true;

    /// <summary>The model's name in results, tables, charts and recommendations: given at training or import, else
    /// <see cref="DefaultName"/> ("Strategy 4", "UserMovie (Profile)"). Saved in the model file.</summary>
    public string Name { get; internal set; }

    /// <summary>The name a model gets when none is given: its strategy for the study's objective ("Strategy 4",
    /// "Custom strategy"), its encoder for UserMovie ("UserMovie (Profile)", "UserMovie (Id, pairs x0.1)").</summary>
    public static string DefaultName(PairStrategy strategy, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Objective == TrainingObjective.UserMovie)
            return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"UserMovie ({options.Encoder}{(options.PairWeight > 0 ? $", pairs x{options.PairWeight:0.##}" : "")})");
        return strategy.Preset is { } n ? $"Strategy {n}" : "Custom strategy";
    }

    // The tensors are internal, not public properties: PowerShell's ConvertTo-Json and Format-List walk every public
    // property, and a module's tensors are megabytes of internals (reading them also trips libtorch's grad warnings).

    /// <summary>The user tower: a <see cref="UserEncoder"/> (by user id), a <see cref="ProfileEncoder"/> (by rated movies) or a
    /// <see cref="GraphEncoder"/> (propagated vectors by user id).</summary>
    internal nn.Module<Tensor, Tensor> Encoder { get; }

    /// <summary>Movie embeddings and biases of a UserMovie model, which scores movies directly; null for the study's objective.</summary>
    internal MovieTable? Movies { get; }

    /// <summary>The user tower, for work with TorchSharp directly (see <see cref="Encoder"/>); the model owns it.</summary>
    public nn.Module<Tensor, Tensor> GetEncoder() => Encoder;

    /// <summary>The movie table of a UserMovie model (null for UserUser), for work with TorchSharp directly; the model owns it.</summary>
    public MovieTable? GetMovieTable() => Movies;

    /// <summary>Movies the model has a row for (UserMovie); 0 for the study's objective, which has no movie table.</summary>
    public int MovieCount => Movies?.Movies ?? 0;

    public TrainingObjective Objective => Options.Objective;
    public EncoderKind EncoderKind => Options.Encoder;
    public PairStrategy Strategy { get; }
    public TrainingOptions Options { get; }

    // What the recommenders need of the strategy, asked of the model: Recommendation then needs no Pairs.

    /// <summary>The rating from which its strategy counts a movie as liked.</summary>
    internal double LikeThreshold => Strategy.LikeThreshold;

    /// <summary>One flag per movie of <see cref="RatingSet"/> (which must be there): whether its strategy's filter kept
    /// the movie for mining, so the study's protocol recommends it.</summary>
    internal bool[] KeptMovies() => TripletMiner.KeptMovies(RatingSet!, Strategy);

    /// <summary>Mean loss of each completed epoch: over the triplets (UserUser), over the batches (UserMovie). Its text
    /// (a CSV cell) is the losses joined by '|'.</summary>
    public IReadOnlyList<double> LossHistory { get; }
    public MiningStatistics MiningStatistics { get; }

    /// <summary>Mining plus training wall time.</summary>
    public TimeSpan TrainTime { get; }
    public int EpochsCompleted { get; }

    /// <summary>False when training was cancelled with KeepPartialOnCancel.</summary>
    public bool IsComplete { get; }

    /// <summary>What validation inside training saw (Invoke-EncoderTraining -Validation): each validation's score, the
    /// best epoch, whether training stopped early (the weights are then the best epoch's); null without validation.</summary>
    public ValidationHistory? Validation { get; internal init; }

    /// <summary>The ratings it was trained on; null after a load that could not re-read them.</summary>
    public RatingSet? RatingSet { get; }

    /// <summary>Where the ratings came from and how they were split.</summary>
    public DataReference? Data { get; }

    /// <summary>What the ratings it learned from meant (scale, relevance threshold, implicit), as its file records it;
    /// MovieLens' for files from before scales were recorded.</summary>
    public Feedback Feedback => Data?.Feedback ?? RatingSet?.Feedback ?? Feedback.MovieLens;

    /// <summary>Users the model has an embedding for.</summary>
    public int UserCount => _userIds.Count;

    /// <summary>The user id of each embedding row, boxed ints or text (a method, not a property, so a summary of the
    /// model does not list every id).</summary>
    public IReadOnlyList<object> GetUserIds() => new JoinedList<object>(_userIds);
    internal IdTable Users => _userIds;

    /// <summary>The embedding row of a user id, given as a number or as text.</summary>
    public bool TryGetUserIndex(object userId, out int index) => _userIds.TryGetIndex(userId, out index);

    /// <summary>Every user's embedding, one row per dense user index (the order of <see cref="UserIds"/>).</summary>
    public float[][] GetEmbeddings()
    {
        var (flat, dim) = Embeddings();
        var rows = new float[_userIds.Count][];
        for (var u = 0; u < rows.Length; u++) rows[u] = flat.AsSpan(u * dim, dim).ToArray();
        return rows;
    }

    /// <summary>One user's embedding by user id (a number or text); bit for bit the row <see cref="GetEmbeddings"/> gives.</summary>
    /// <exception cref="ContrastiveRecException">UnknownUser: the model was not trained on that user.</exception>
    public float[] GetEmbedding(object userId)
    {
        if (!_userIds.TryGetIndex(userId, out var u))
            throw new ContrastiveRecException("UnknownUser", RefusalCategory.ObjectNotFound, $"User {userId} is not among the model's {_userIds.Count} users.",
                "Give the id of a user the model was trained on, as the data names it (the model's GetUserIds()).", userId);
        var (flat, dim) = Embeddings();
        return flat.AsSpan(u * dim, dim).ToArray();
    }

    // Encoded once, all users in one batch: a single row through the MLP can round differently from the same row
    // in a batch, and lookups must agree with the matrix. The encoder is not trained after this object exists.
    private (float[] Flat, int Dim)? _embeddings;

    internal (float[] Flat, int Dim) Embeddings()
    {
        return NativeBoundary.Guard("encoding the users", () =>
        {
            if (_embeddings is { } cached) return cached;
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            Encoder.eval();
            using var held = new HeldScalars();
            var z = Encoder.forward(arange(held.Integer(0), held.Integer(_userIds.Count), held.Integer(1), dtype: ScalarType.Int64));
            var result = (z.data<float>().ToArray(), (int)z.shape[1]);
            _embeddings = result;
            return result;
        });
    }

    /// <summary>
    /// Scores of every movie for the given users (dense indices) of a UserMovie model: cosine / temperature + bias,
    /// [users, movies]. The caller disposes the tensor.
    /// </summary>
    public Tensor ScoreMovies(int[] users)
    {
        return NativeBoundary.Guard("scoring movies", () =>
        {
            if (Movies is null) throw new InvalidOperationException("This model was trained with the UserUser objective; it recommends through neighbours, not movie scores.");
            var scores = empty(users.Length, Movies.Movies, ScalarType.Float32);
            ScoreMovies(users, scores);
            return scores;
        });
    }

    /// <summary><see cref="ScoreMovies(int[])"/> written into <paramref name="into"/> [users.Length, movies].</summary>
    internal Tensor ScoreMovies(int[] users, Tensor into)
    {
        if (Movies is null) throw new InvalidOperationException("This model was trained with the UserUser objective; it recommends through neighbours, not movie scores.");
        var (table, units) = ScoringTables();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var z = table.index_select(0, tensor(users.Select(u => (long)u).ToArray()));
        return Movies.ScoreInto(z, units, Options.Temperature, into);
    }

    /// <summary>Every movie's unit vector [movies, latent] of a UserMovie model, made once and kept with the model (the
    /// tensor scoring reads; not to be disposed by the caller).</summary>
    internal Tensor MovieUnits()
    {
        if (Movies is null) throw new InvalidOperationException("This model was trained with the UserUser objective; it has no movie table.");
        return ScoringTables().MovieUnits;
    }

    /// <summary>Makes what answering needs, once: every user's embedding and, for UserMovie, the scoring tables. Training
    /// and loading call it, so a model's first recommendation is as fast as its next (on 162k users the embeddings take
    /// seconds; answers then take milliseconds).</summary>
    internal TrainedEncoder PrepareAnswers()
    {
        NativeBoundary.Guard("preparing the model's embeddings", () =>
        {
            if (Movies is not null) ScoringTables();
            else Embeddings();
        });
        return this;
    }

    /// <summary>True once what answering needs is made (see <see cref="PrepareAnswers"/>).</summary>
    internal bool AnswersPrepared => Movies is not null ? _scoring is not null : _embeddings is not null;

    // Every user's embedding and every movie's unit vector as tensors, made once: remaking them per call cost one
    // user's recommendations ~0.4 s on 162k users and 59k movies. Outside any dispose scope: they live with the model.
    private (Tensor Users, Tensor MovieUnits)? _scoring;
    private readonly object _scoringGate = new();

    private (Tensor Users, Tensor MovieUnits) ScoringTables()
    {
        lock (_scoringGate)
        {
            if (_scoring is { } made) return made;
            var (flat, dim) = Embeddings();
            using (NewDisposeScope())
            {
                using var _ = no_grad();
                var users = NativeTensor.From(flat, _userIds.Count, dim).DetachFromDisposeScope();
                var units = Movies!.UnitVectors().contiguous().DetachFromDisposeScope();
                _scoring = (users, units);
            }
            return _scoring.Value;
        }
    }

    /// <summary>
    /// Embeddings of people who were not in training, from their ratings (dense movie index, rating) alone:
    /// a Profile encoder encodes them, a Graph encoder takes one propagation step from their movies. The caller disposes the tensor.
    /// </summary>
    public Tensor EmbedProfiles(IReadOnlyList<(long[] Movies, float[] Ratings)> profiles)
    {
        return NativeBoundary.Guard("embedding newcomers from their ratings", () =>
        {
            using var _ = no_grad();
            return Encoder switch
            {
                ProfileEncoder profile => profile.Encode(profiles),
                GraphEncoder graph => graph.EmbedNewcomers(profiles.Select(p => p.Movies).ToArray(), Movies!),
                _ => throw new InvalidOperationException("Only a model trained with the Profile or Graph encoder can embed users from their ratings; this one knows users by id."),
            };
        });
    }

    /// <summary>True when <see cref="EmbedProfiles"/> can embed people who were not in training.</summary>
    public bool CanEmbedNewcomers => Encoder is ProfileEncoder or GraphEncoder;

    public void Dispose()
    {
        if (_scoring is { } scoring)
        {
            scoring.Users.Dispose();
            scoring.MovieUnits.Dispose();
        }
        if (!_ownsModules) return;
        Encoder.Dispose();
        Movies?.Dispose();
    }

    public override string ToString() =>
        $"{Name}: {_userIds.Count} users -> {Options.LatentDim}-d, {EpochsCompleted}/{Options.Epochs} epochs{(IsComplete ? "" : " (incomplete)")}, " +
        $"final loss {(LossHistory.Count > 0 ? LossHistory[^1].ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) : "n/a")}, {Strategy}";

    /// <summary>Writes the model to one file (see <see cref="ModelFile"/>), through a temporary file renamed over the
    /// target, so a crash never leaves half a file. Without <paramref name="overwrite"/> an existing file is never
    /// replaced, not even one another process wrote while this one was writing.</summary>
    /// <exception cref="TargetExistsException">Not to overwrite, and the file exists (or appeared meanwhile).</exception>
    public void Save(string path, bool overwrite = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ModelFile.Write(Path.GetFullPath(path), this, overwrite);
    }

    /// <summary>Why <see cref="RatingSet"/> is null after a load: the recorded source is gone, was derived, or changed.</summary>
    public string? DataProblem { get; internal init; }

    /// <summary>
    /// Reads a model written by <see cref="Save"/>. Given <paramref name="ratings"/>, they must be the data the model
    /// was trained on (its recorded fingerprint: source, sizes, split, train ratings), unless
    /// <paramref name="allowOtherData"/> says the model is applied to other ratings on purpose; even then they must have
    /// the model's users and movies, which it knows by position. Without ratings, the recorded source is re-read with the
    /// recorded split when it still exists and is still the same data; otherwise RatingSet is null and
    /// <see cref="DataProblem"/> says why. The policy lives in <see cref="ModelLoader"/>, beside the file format.
    /// </summary>
    /// <exception cref="ModelFileException">The file is not a ContrastiveRec model, or is truncated or corrupt.</exception>
    /// <exception cref="ModelDataMismatchException">The ratings are not the model's data, or not usable by it.</exception>
    /// <param name="name">The model's name from now on, instead of the one the file records.</param>
    /// <exception cref="ArgumentException">The name is empty, too long or has control characters.</exception>
    public static TrainedEncoder Load(string path, RatingSet? ratings = null, bool allowOtherData = false, string? name = null) =>
        ModelLoader.Load(path, ratings, allowOtherData, name);
}
