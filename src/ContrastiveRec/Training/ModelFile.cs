using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using Microsoft.Win32.SafeHandles;
using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>
/// The model file: magic | int32 version | int32 json length | json header (UTF-8) | int64 weights length | weights
/// (module.save of the tower, then the movie table) | SHA-256 of everything before it. The checksum catches
/// truncation and bit rot that module.load would not. Integers are little-endian.
/// </summary>
internal static class ModelFile
{
    /// <summary>First bytes of every model file.</summary>
    public const string Magic = "CREC-MODEL\n";
    public const int FormatVersion = 1;
    private const int HashSize = 32;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The JSON header. Its property names are part of the format. Name is null in files written before models
    /// had names; such a model gets its default name. The users' ids are UserIds (whole numbers, as every file before
    /// text ids) or UserTexts (text ids, in the set's natural order; UserIds is then absent, so an older build refuses
    /// the file as lacking its user map rather than mis-reading it). A file with whole-number ids is written as before.
    /// Validation (what validation inside training saw) is absent from files of models trained without it.</summary>
    internal sealed record Header(
        string Format, PairStrategy Strategy, TrainingOptions Options, int[]? UserIds, double[] LossHistory,
        MiningStatistics MiningStatistics, TimeSpan TrainTime, int EpochsCompleted, bool IsComplete, DataReference? Data,
        DateTimeOffset SavedAt, int MovieCount = 0, long ProfileRows = 0, string? Name = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? UserTexts = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ValidationHistory? Validation = null)
    {
        /// <summary>How many users the model has a row for.</summary>
        public int UserCount() => UserIds?.Length ?? UserTexts?.Length ?? 0;

        /// <summary>The users' ids as a table (null when the file has neither list).</summary>
        public IdTable? Users() => UserIds is { } numbers ? IdTable.OfNumbers(numbers) : UserTexts is { } texts ? IdTable.OfTexts(texts) : null;
    }

    /// <summary>Writes the model through a temporary file renamed over the target, so a crash never leaves half a file.</summary>
    public static void Write(string fullPath, TrainedEncoder model, bool overwrite = true)
    {
        var header = new Header("ContrastiveRec model", model.Strategy, model.Options, model.Users.Numbers, model.LossHistory.ToArray(),
            model.MiningStatistics, model.TrainTime, model.EpochsCompleted, model.IsComplete, model.Data, DateTimeOffset.UtcNow,
            model.Movies?.Movies ?? 0, model.Encoder is ProfileEncoder p ? p.ProfileRows : 0, model.Name, model.Users.Texts, model.Validation);
        var json = JsonSerializer.SerializeToUtf8Bytes(header, Json);
        using var weights = new MemoryStream();
        using (var writer = new BinaryWriter(weights, Encoding.UTF8, leaveOpen: true))
        {
            model.Encoder.save(writer);
            model.Movies?.save(writer);
        }

        AtomicFile.Write(fullPath, file =>
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
        }, overwrite);
    }

    /// <summary>The bytes of the tensors the header's sizes describe (as a double: forged sizes must not overflow).</summary>
    private static double WeightBytes(Header header)
    {
        var o = header.Options;
        double users = header.UserCount(), movies = header.MovieCount;
        double mlp = (double)o.InputDim * o.HiddenDim + o.HiddenDim + (double)o.HiddenDim * o.LatentDim + o.LatentDim;
        var floats = o.Encoder switch
        {
            EncoderKind.Profile => movies * o.InputDim + mlp + 3.0 * header.ProfileRows + 2 * (users + 1),
            EncoderKind.Graph => users * o.LatentDim + movies,
            _ => users * o.InputDim + mlp,
        };
        if (o.Objective == TrainingObjective.UserMovie) floats += movies * o.LatentDim + movies;
        return floats * sizeof(float);
    }

    /// <summary>Reads and checks a model file: its header and its modules, loaded and in eval mode (the caller owns them).
    /// The file is read from its handle, never whole: its first bytes and its sizes are checked against its length before
    /// its body is read, the checksum is computed in chunks, and the weights stream into the tensors, so refusing a file
    /// costs nothing of its size and loading one costs about its tensors.</summary>
    /// <exception cref="ModelFileException">The file is not a ContrastiveRec model, or is truncated or corrupt.</exception>
    public static (Header Header, nn.Module<Tensor, Tensor> Encoder, MovieTable? Movies) Read(string fullPath)
    {
        try
        {
            // Before opening: opening a pipe waits for a writer, so one with none would hang the shell. A pipe or a
            // device has no length, and no model is empty.
            if (new FileInfo(fullPath).Length == 0)
                throw new ModelFileException(fullPath, "it is empty (or not a regular file: a pipe or a device has no length).");
            using var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            var (header, weightsAt, weightsLength) = ReadHeader(file, fullPath);
            return LoadWeights(file.SafeFileHandle, fullPath, header, weightsAt, weightsLength);
        }
        catch (IOException e)
        {
            // A read the system fails (a bad disk, a file cut meanwhile) is refused with the file's name, as the rest are.
            throw new ModelFileException(fullPath, $"it cannot be read ({e.Message}).", e);
        }
    }

    /// <summary>The checked header, and where the weights are. Nothing is allocated by what the file claims before its
    /// sizes fit its length and its checksum matches.</summary>
    private static (Header Header, long WeightsAt, long WeightsLength) ReadHeader(FileStream file, string fullPath)
    {
        ModelFileException Bad(string problem, Exception? inner = null) => new(fullPath, problem, inner);
        var handle = file.SafeFileHandle;
        // A pipe or a device has no length to check the header's sizes against: only a regular file is read.
        const string notAFile = "it is not a regular file (is it a pipe or a device?).";
        if (!file.CanSeek) throw Bad(notAFile);

        var magic = Encoding.ASCII.GetBytes(Magic);
        Span<byte> start = stackalloc byte[magic.Length + 4 + 4];
        var got = ReadAt(handle, start, 0);
        if (got < magic.Length || !start[..magic.Length].SequenceEqual(magic))
            throw Bad("it does not start with the model header (is it another kind of file?).");
        var length = file.Length;
        if (length < got) throw Bad(notAFile); // a device gave more bytes than its length says it holds
        var minimum = magic.Length + 4 + 4 + 8 + HashSize;
        if (length < minimum) throw Bad("the file is truncated.");
        var version = BinaryPrimitives.ReadInt32LittleEndian(start[magic.Length..]);
        if (version != FormatVersion)
            throw Bad($"format version {version} is not supported (this build reads version {FormatVersion}).");
        var body = length - HashSize;

        var at = magic.Length + 4;
        var jsonLength = BinaryPrimitives.ReadInt32LittleEndian(start[at..]);
        at += 4;
        if (jsonLength < 0 || at + (long)jsonLength + 8 > body) throw Bad("the metadata length is out of range.");
        Span<byte> number = stackalloc byte[8];
        ReadExactlyAt(handle, number, at + jsonLength, Bad);
        var weightsLength = BinaryPrimitives.ReadInt64LittleEndian(number);
        var weightsAt = at + jsonLength + 8L;
        // Checked before the body is read: a forged or truncated length costs no reading and no allocation.
        if (weightsLength != body - weightsAt)
            throw Bad(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the weights length does not match the file size: the header gives {weightsLength:N0} bytes of weights, and the file holds {body - weightsAt:N0} (is it truncated, or was the header edited?)."));

        Span<byte> recorded = stackalloc byte[HashSize];
        ReadExactlyAt(handle, recorded, body, Bad);
        if (!HashOf(handle, body).AsSpan().SequenceEqual(recorded))
            throw Bad("the checksum does not match (the file is truncated or damaged).");

        var json = new byte[jsonLength];
        ReadExactlyAt(handle, json, at, Bad);
        Header header;
        try
        {
            header = JsonSerializer.Deserialize<Header>(json, Json) ?? throw Bad("the metadata is empty.");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or ContrastiveRecException)
        {
            // A value the options or the strategy refuse (a size of 0, a negative weight), forged or edited.
            throw Bad($"the metadata is not valid ({e.Message}).", e);
        }
        if (header.UserCount() == 0 || (header.UserIds is not null && header.UserTexts is not null) || header.Options is null || header.Strategy is null)
            throw Bad("the metadata lacks the user map, options or strategy.");

        if (header.Name is not null && ModelName.Problem(header.Name) is { } badName) throw Bad($"the metadata's name is not usable ({badName}).");
        // A user listed twice would make one of its two rows unreachable and the other answer for both.
        if (header.UserIds is { } numbers && new HashSet<int>(numbers).Count != numbers.Length
            || header.UserTexts is { } texts && new HashSet<string>(texts, StringComparer.Ordinal).Count != texts.Length)
            throw Bad("the user map lists a user twice (was the header edited?).");
        var o = header.Options;
        if (o.Objective == TrainingObjective.UserMovie && header.MovieCount <= 0) throw Bad("the metadata lacks the movie count of a UserMovie model.");
        if (header.MovieCount < 0 || header.ProfileRows < 0) throw Bad("the metadata has a negative movie or profile count.");
        // The modules are made from the metadata before the weights are read: sizes that the weights cannot hold
        // (an edited header) would otherwise ask libtorch for any amount of memory.
        var described = WeightBytes(header);
        if (described > weightsLength)
            throw Bad(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the metadata describes {described:N0} bytes of weights, but the file holds {weightsLength:N0} (was the header edited?)."));
        return (header, weightsAt, weightsLength);
    }

    /// <summary>The modules the header describes, their weights streamed from the file's weights part.</summary>
    private static (Header Header, nn.Module<Tensor, Tensor> Encoder, MovieTable? Movies) LoadWeights(
        SafeFileHandle file, string fullPath, Header header, long weightsAt, long weightsLength)
    {
        var o = header.Options;
        nn.Module<Tensor, Tensor> encoder = o.Encoder switch
        {
            EncoderKind.Profile => new ProfileEncoder(header.MovieCount, new long[header.UserCount() + 1], new long[header.ProfileRows], new float[header.ProfileRows], o.InputDim, o.HiddenDim, o.LatentDim)
            {
                Feedback = header.Data?.Feedback ?? Data.Feedback.MovieLens, // files from before scales: MovieLens
            },
            EncoderKind.Graph => new GraphEncoder(header.UserCount(), header.MovieCount, o.LatentDim),
            _ => new UserEncoder(header.UserCount(), o.InputDim, o.HiddenDim, o.LatentDim),
        };
        var movies = o.Objective == TrainingObjective.UserMovie ? new MovieTable(header.MovieCount, o.LatentDim) : null;
        try
        {
            // Bounded to the weights part: a short tensor ends the stream here rather than reading the checksum.
            using var weights = new BufferedStream(new FileRangeStream(file, weightsAt, weightsAt + weightsLength), 1 << 16);
            using var reader = new BinaryReader(weights);
            encoder.load(reader);
            movies?.load(reader);
            if (weights.ReadByte() != -1) throw new InvalidDataException("bytes are left over after the weights");
            // No training makes a NaN or infinite weight (the loop stops on a non-finite loss): such a file was edited,
            // and its users would silently get no recommendations.
            foreach (var parameter in encoder.parameters().Concat(movies?.parameters() ?? []))
            {
                using var finite = isfinite(parameter).all();
                if (!finite.item<bool>())
                    throw new InvalidDataException("a weight is NaN or infinite, which no training makes (was the file edited?)");
            }
            (encoder as ProfileEncoder)?.SyncProfilesFromBuffers();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            encoder.Dispose();
            movies?.Dispose();
            throw new ModelFileException(fullPath, $"the weights do not load ({e.Message}).", e);
        }
        encoder.eval();
        movies?.eval();
        return (header, encoder, movies);
    }

    /// <summary>SHA-256 of the first <paramref name="length"/> bytes, read in chunks.</summary>
    private static byte[] HashOf(SafeFileHandle file, long length)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            for (long at = 0; at < length;)
            {
                var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - at)), at);
                if (read == 0) throw new EndOfStreamException("the file became shorter while it was read");
                sha.AppendData(buffer, 0, read);
                at += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return sha.GetHashAndReset();
    }

    /// <summary>Reads from <paramref name="offset"/> until <paramref name="buffer"/> is full or the file ends; the count read.</summary>
    private static int ReadAt(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        var total = 0;
        for (int read; total < buffer.Length && (read = RandomAccess.Read(file, buffer[total..], offset + total)) > 0;) total += read;
        return total;
    }

    private static void ReadExactlyAt(SafeFileHandle file, Span<byte> buffer, long offset, Func<string, Exception?, ModelFileException> bad)
    {
        if (ReadAt(file, buffer, offset) < buffer.Length) throw bad("the file is truncated.", null);
    }
}
