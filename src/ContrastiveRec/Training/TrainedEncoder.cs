using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>A trained encoder and everything needed to explain, reuse or reload it. Owns the encoder's tensors.</summary>
public sealed class TrainedEncoder : IDisposable
{
    /// <summary>First bytes of every model file.</summary>
    public const string Magic = "CREC-MODEL\n";
    public const int FormatVersion = 1;

    private readonly int[] _userIds;
    private readonly Dictionary<int, int> _userIndex;

    internal TrainedEncoder(nn.Module<Tensor, Tensor> encoder, PairStrategy strategy, TrainingOptions options, double[] lossHistory,
        MiningStatistics mining, TimeSpan trainTime, int epochsCompleted, bool isComplete, RatingSet? ratingSet,
        int[] userIds, DataReference? data, MovieTable? movies = null)
    {
        Encoder = encoder;
        Movies = movies;
        Strategy = strategy;
        Options = options;
        LossHistory = lossHistory;
        MiningStatistics = mining;
        TrainTime = trainTime;
        EpochsCompleted = epochsCompleted;
        IsComplete = isComplete;
        RatingSet = ratingSet;
        Data = data;
        _userIds = userIds;
        _userIndex = new Dictionary<int, int>(userIds.Length);
        for (var i = 0; i < userIds.Length; i++) _userIndex[userIds[i]] = i;
    }

    /// <summary>The user tower: a <see cref="UserEncoder"/> (by user id) or a <see cref="ProfileEncoder"/> (by rated movies).</summary>
    public nn.Module<Tensor, Tensor> Encoder { get; }

    /// <summary>Movie embeddings and biases of a UserMovie model, which scores movies directly; null for the study's objective.</summary>
    public MovieTable? Movies { get; }

    public TrainingObjective Objective => Options.Objective;
    public EncoderKind EncoderKind => Options.Encoder;
    public PairStrategy Strategy { get; }
    public TrainingOptions Options { get; }

    /// <summary>Mean triplet loss of each completed epoch.</summary>
    public double[] LossHistory { get; }
    public MiningStatistics MiningStatistics { get; }

    /// <summary>Mining plus training wall time.</summary>
    public TimeSpan TrainTime { get; }
    public int EpochsCompleted { get; }

    /// <summary>False when training was cancelled with KeepPartialOnCancel.</summary>
    public bool IsComplete { get; }

    /// <summary>The ratings it was trained on; null after a load that could not re-read them.</summary>
    public RatingSet? RatingSet { get; }

    /// <summary>Where the ratings came from and how they were split.</summary>
    public DataReference? Data { get; }

    /// <summary>MovieLens user id of each embedding row.</summary>
    public IReadOnlyList<int> UserIds => _userIds;

    /// <summary>The embedding row of a MovieLens user id.</summary>
    public bool TryGetUserIndex(int userId, out int index) => _userIndex.TryGetValue(userId, out index);

    /// <summary>Every user's embedding, one row per dense user index (the order of <see cref="UserIds"/>).</summary>
    public float[][] GetEmbeddings()
    {
        var (flat, dim) = Embeddings();
        var rows = new float[_userIds.Length][];
        for (var u = 0; u < rows.Length; u++) rows[u] = flat.AsSpan(u * dim, dim).ToArray();
        return rows;
    }

    /// <summary>One user's embedding by MovieLens user id; bit for bit the row <see cref="GetEmbeddings"/> gives.</summary>
    public float[] GetEmbedding(int userId)
    {
        if (!_userIndex.TryGetValue(userId, out var u))
            throw new ArgumentOutOfRangeException(nameof(userId), userId, $"User {userId} is not among the model's {_userIds.Length} users.");
        var (flat, dim) = Embeddings();
        return flat.AsSpan(u * dim, dim).ToArray();
    }

    // Encoded once, all users in one batch: a single row through the MLP can round differently from the same row
    // in a batch, and lookups must agree with the matrix. The encoder is not trained after this object exists.
    private (float[] Flat, int Dim)? _embeddings;

    internal (float[] Flat, int Dim) Embeddings()
    {
        if (_embeddings is { } cached) return cached;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Encoder.eval();
        using var held = new HeldScalars();
        var z = Encoder.forward(arange(held.Integer(0), held.Integer(_userIds.Length), held.Integer(1), dtype: ScalarType.Int64));
        var result = (z.data<float>().ToArray(), (int)z.shape[1]);
        _embeddings = result;
        return result;
    }

    /// <summary>
    /// Scores of every movie for the given users (dense indices) of a UserMovie model: cosine / temperature + bias,
    /// [users, movies]. The caller disposes the tensor.
    /// </summary>
    public Tensor ScoreMovies(int[] users)
    {
        if (Movies is null) throw new InvalidOperationException("This model was trained with the UserUser objective; it recommends through neighbours, not movie scores.");
        var (flat, dim) = Embeddings();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var all = NativeTensor.From(flat, _userIds.Length, dim);
        var z = all.index_select(0, tensor(users.Select(u => (long)u).ToArray()));
        return Movies.Score(z, Options.Temperature).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Embeddings of people who were not in training, from their ratings (dense movie index, rating) alone;
    /// only a Profile encoder can do this. The caller disposes the tensor.
    /// </summary>
    public Tensor EmbedProfiles(IReadOnlyList<(long[] Movies, float[] Ratings)> profiles)
    {
        if (Encoder is not ProfileEncoder profile)
            throw new InvalidOperationException("Only a model trained with the Profile encoder can embed users from their ratings; this one knows users by id.");
        using var _ = no_grad();
        return profile.Encode(profiles);
    }

    public void Dispose()
    {
        Encoder.Dispose();
        Movies?.Dispose();
    }

    public override string ToString() =>
        $"TrainedEncoder: {_userIds.Length} users -> {Options.LatentDim}-d, {EpochsCompleted}/{Options.Epochs} epochs{(IsComplete ? "" : " (incomplete)")}, " +
        $"final loss {(LossHistory.Length > 0 ? LossHistory[^1].ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) : "n/a")}, {Strategy}";

    // ---- file format --------------------------------------------------------------------------------------
    // magic | int32 version | int32 json length | json (UTF-8) | int64 weights length | weights (module.save)
    // | SHA-256 of everything before it. The checksum catches truncation and bit rot that module.load would not.

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private sealed record Header(
        string Format, PairStrategy Strategy, TrainingOptions Options, int[] UserIds, double[] LossHistory,
        MiningStatistics MiningStatistics, TimeSpan TrainTime, int EpochsCompleted, bool IsComplete, DataReference? Data,
        DateTimeOffset SavedAt, int MovieCount = 0, long ProfileRows = 0);

    /// <summary>Writes the model to one file, through a temporary file renamed over the target, so a crash never leaves half a file.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var header = new Header("ContrastiveRec model", Strategy, Options, _userIds, LossHistory, MiningStatistics, TrainTime,
            EpochsCompleted, IsComplete, Data, DateTimeOffset.UtcNow, Movies?.Movies ?? 0,
            Encoder is ProfileEncoder p ? p.ProfileRows : 0);
        var json = JsonSerializer.SerializeToUtf8Bytes(header, Json);
        using var weights = new MemoryStream();
        using (var writer = new BinaryWriter(weights, Encoding.UTF8, leaveOpen: true))
        {
            Encoder.save(writer);
            Movies?.save(writer);
        }

        AtomicFile.Write(full, file =>
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            void Write(ReadOnlySpan<byte> bytes)
            {
                file.Write(bytes);
                sha.AppendData(bytes);
            }
            Span<byte> number = stackalloc byte[8];
            Write(Encoding.ASCII.GetBytes(Magic));
            BinaryPrimitives.WriteInt32LittleEndian(number, FormatVersion);
            Write(number[..4]);
            BinaryPrimitives.WriteInt32LittleEndian(number, json.Length);
            Write(number[..4]);
            Write(json);
            BinaryPrimitives.WriteInt64LittleEndian(number, weights.Length);
            Write(number);
            Write(weights.GetBuffer().AsSpan(0, (int)weights.Length));
            file.Write(sha.GetHashAndReset());
        });
    }

    /// <summary>
    /// Reads a model written by <see cref="Save"/>. Without <paramref name="ratings"/>, the recorded source is re-read
    /// with the recorded split when it still exists and still has the model's users; otherwise RatingSet is null.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a ContrastiveRec model, or is truncated or corrupt.</exception>
    public static TrainedEncoder Load(string path, RatingSet? ratings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var bytes = File.ReadAllBytes(full);
        InvalidDataException Bad(string problem) => new($"'{full}' is not a usable ContrastiveRec model file: {problem}");

        var magic = Encoding.ASCII.GetBytes(Magic);
        if (bytes.Length < magic.Length || !bytes.AsSpan(0, magic.Length).SequenceEqual(magic))
            throw Bad("it does not start with the model header (is it another kind of file?).");
        const int hashSize = 32;
        var minimum = magic.Length + 4 + 4 + 8 + hashSize;
        if (bytes.Length < minimum) throw Bad("the file is truncated.");
        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(magic.Length));
        if (version != FormatVersion)
            throw Bad($"format version {version} is not supported (this build reads version {FormatVersion}).");
        var body = bytes.Length - hashSize;
        if (!SHA256.HashData(bytes.AsSpan(0, body)).AsSpan().SequenceEqual(bytes.AsSpan(body)))
            throw Bad("the checksum does not match (the file is truncated or damaged).");

        var at = magic.Length + 4;
        var jsonLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
        at += 4;
        if (jsonLength < 0 || at + (long)jsonLength + 8 > body) throw Bad("the metadata length is out of range.");
        Header header;
        try
        {
            header = JsonSerializer.Deserialize<Header>(bytes.AsSpan(at, jsonLength), Json) ?? throw Bad("the metadata is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{full}' is not a usable ContrastiveRec model file: the metadata is not valid ({e.Message}).", e);
        }
        at += jsonLength;
        var weightsLength = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at));
        at += 8;
        if (weightsLength < 0 || at + weightsLength != body) throw Bad("the weights length does not match the file size.");
        if (header.UserIds is null || header.UserIds.Length == 0 || header.Options is null || header.Strategy is null)
            throw Bad("the metadata lacks the user map, options or strategy.");

        var o = header.Options;
        if (o.Objective == TrainingObjective.UserMovie && header.MovieCount <= 0) throw Bad("the metadata lacks the movie count of a UserMovie model.");
        nn.Module<Tensor, Tensor> encoder = o.Encoder == EncoderKind.Profile
            ? new ProfileEncoder(header.MovieCount, new long[header.UserIds.Length + 1], new long[header.ProfileRows], new float[header.ProfileRows], o.InputDim, o.HiddenDim, o.LatentDim)
            : new UserEncoder(header.UserIds.Length, o.InputDim, o.HiddenDim, o.LatentDim);
        var movies = o.Objective == TrainingObjective.UserMovie ? new MovieTable(header.MovieCount, o.LatentDim) : null;
        try
        {
            using var weights = new MemoryStream(bytes, at, (int)weightsLength, writable: false);
            using var reader = new BinaryReader(weights);
            encoder.load(reader);
            movies?.load(reader);
            if (weights.Position != weights.Length) throw new InvalidDataException("bytes are left over after the weights");
            (encoder as ProfileEncoder)?.SyncProfilesFromBuffers();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            encoder.Dispose();
            movies?.Dispose();
            throw new InvalidDataException($"'{full}' is not a usable ContrastiveRec model file: the weights do not load ({e.Message}).", e);
        }
        encoder.eval();
        movies?.eval();

        if (ratings is not null && !ratings.UserIdsArray.AsSpan().SequenceEqual(header.UserIds))
            throw new ArgumentException($"The ratings ({ratings}) do not have the model's {header.UserIds.Length} users.", nameof(ratings));
        ratings ??= TryReread(header.Data, header.UserIds);
        return new TrainedEncoder(encoder, header.Strategy, o, header.LossHistory ?? Array.Empty<double>(),
            header.MiningStatistics ?? new MiningStatistics(), header.TrainTime, header.EpochsCompleted, header.IsComplete,
            ratings, header.UserIds, header.Data, movies);
    }

    private static RatingSet? TryReread(DataReference? data, int[] userIds)
    {
        if (data is null || data.Derivation is not null || !(File.Exists(data.Source) || Directory.Exists(data.Source))) return null;
        var set = MovieLensReader.Read(data.Source, new MovieLensReadOptions
        {
            SplitMethod = data.SplitMethod,
            TestFraction = data.TestFraction,
            Seed = data.SplitSeed ?? 42,
        });
        // Data edited since training would silently mis-map users; better no ratings than wrong ones.
        return set.UserIdsArray.AsSpan().SequenceEqual(userIds) ? set : null;
    }
}
