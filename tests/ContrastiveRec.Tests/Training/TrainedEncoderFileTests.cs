using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;
using Xunit;

namespace ContrastiveRec.Tests.Training;

[Collection("Training")]
public class TrainedEncoderFileTests : IDisposable
{
    private readonly TestRatings _files = new();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "crec-model-" + Guid.NewGuid().ToString("N"));

    public TrainedEncoderFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        _files.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static readonly TrainingOptions Quick = new()
    {
        Epochs = 2, BatchSize = 256, LearningRate = 3e-3, InputDim = 32, HiddenDim = 48, LatentDim = 16, Seed = 9,
    };

    private static readonly PairStrategy Strategy = PairStrategy.FromPreset(3) with { MinLikers = 5, MinDislikers = 5, NegativeRule = NegativeRule.CoDisliker };

    private TrainedEncoder TrainSmall() => EncoderTrainer.Train(_files.WriteGroups(testFraction: 0.1), Strategy, Quick);

    [Theory]
    [InlineData(TrainingObjective.UserUser)]
    [InlineData(TrainingObjective.UserMovie)]
    public void Training_and_loading_make_what_answers_need_so_the_first_answer_waits_for_nothing(TrainingObjective objective)
    {
        var set = _files.WriteGroups(testFraction: 0.1);
        using var model = EncoderTrainer.Train(set, Strategy, Quick with { Objective = objective });
        Assert.True(model.AnswersPrepared);
        var path = Path.Combine(_dir, $"{objective}.crec");
        model.Save(path);
        using var loaded = TrainedEncoder.Load(path, set);
        Assert.True(loaded.AnswersPrepared);
        // What was made is what the model answers with: the same scores as the trained model's.
        if (objective == TrainingObjective.UserMovie)
        {
            using var a = model.ScoreMovies([0, 1, 2]);
            using var b = loaded.ScoreMovies([0, 1, 2]);
            Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
        }
        else Assert.Equal(model.Embeddings().Flat, loaded.Embeddings().Flat);
    }

    [Fact]
    public void Round_trip_keeps_embeddings_metadata_and_the_data_reference()
    {
        using var model = TrainSmall();
        var path = Path.Combine(_dir, "model.crec");
        model.Save(path);
        model.Save(path); // overwriting is fine
        Assert.Equal(new[] { "model.crec" }, Directory.GetFiles(_dir).Select(Path.GetFileName)); // no temp file left

        using var loaded = TrainedEncoder.Load(path);
        Assert.Equal(EncoderTrainerTests.Flat(model), EncoderTrainerTests.Flat(loaded));
        Assert.Equal(model.Strategy, loaded.Strategy);
        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.LossHistory, loaded.LossHistory);
        Assert.Equal(model.MiningStatistics, loaded.MiningStatistics);
        Assert.Equal(model.TrainTime, loaded.TrainTime);
        Assert.Equal(model.EpochsCompleted, loaded.EpochsCompleted);
        Assert.Equal(model.IsComplete, loaded.IsComplete);
        Assert.Equal(model.GetUserIds(), loaded.GetUserIds());
        Assert.Equal(model.Data, loaded.Data);

        // The ratings were re-read from the recorded source with the recorded split.
        Assert.NotNull(loaded.RatingSet);
        Assert.Equal(model.RatingSet!.Source, loaded.RatingSet!.Source);
        Assert.Equal(0.1, loaded.RatingSet.Split.TestFraction);
        Assert.Equal(Enumerable.Range(0, model.RatingSet.RatingCount).Select(model.RatingSet.Split.IsTest),
            Enumerable.Range(0, loaded.RatingSet.RatingCount).Select(loaded.RatingSet.Split.IsTest));

        // Given ratings are used as they are; without the source the set stays null.
        using var given = TrainedEncoder.Load(path, model.RatingSet);
        Assert.Same(model.RatingSet, given.RatingSet);
        _files.Dispose();
        using var orphan = TrainedEncoder.Load(path);
        Assert.Null(orphan.RatingSet);
        Assert.Equal(EncoderTrainerTests.Flat(model), EncoderTrainerTests.Flat(orphan));
        // Without ratings it cannot recommend: refused by name, saying why and which cmdlet mends it.
        var without = ContrastiveRec.Tests.Refused.By("ModelWithoutRatings", RefusalCategory.InvalidOperation, () => RecommenderRegistry.ForEncoder(orphan));
        Assert.Same(orphan, without.Target);
        Assert.Contains(orphan.DataProblem!, without.Problem);
        Assert.Contains("Import-EncoderModel", without.Remedy);
    }

    [Fact]
    public void The_file_is_magic_version_header_weights_and_checksum()
    {
        // The layout files already saved depend on: magic | int32 1 | int32 n | n bytes of JSON | int64 w |
        // w bytes of the encoder's module.save | SHA-256 of all before.
        using var model = TrainSmall();
        var path = Path.Combine(_dir, "model.crec");
        model.Save(path);
        var bytes = File.ReadAllBytes(path);
        var magic = Encoding.ASCII.GetBytes(TrainedEncoder.Magic);
        Assert.Equal(magic, bytes[..magic.Length]);
        var at = magic.Length;
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at)));
        var jsonLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
        at += 8;
        using (var json = JsonDocument.Parse(bytes.AsMemory(at, jsonLength)))
        {
            Assert.Equal("ContrastiveRec model", json.RootElement.GetProperty("Format").GetString());
            Assert.Equal(model.GetUserIds(), json.RootElement.GetProperty("UserIds").EnumerateArray().Select(e => (object)e.GetInt32()));
            // Whole-number ids are written as every earlier version wrote them, so older builds read these files too.
            Assert.False(json.RootElement.TryGetProperty("UserTexts", out _));
            Assert.Equal(model.Options.Epochs, json.RootElement.GetProperty("Options").GetProperty("Epochs").GetInt32());
        }
        at += jsonLength;
        var weightsLength = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at));
        at += 8;
        using var weights = new MemoryStream();
        using (var writer = new BinaryWriter(weights, Encoding.UTF8, leaveOpen: true)) model.Encoder.save(writer);
        Assert.Equal(weights.ToArray(), bytes[at..(at + (int)weightsLength)]);
        at += (int)weightsLength;
        Assert.Equal(SHA256.HashData(bytes.AsSpan(0, at)), bytes[at..]);
    }

    [Fact]
    public void Damaged_truncated_or_foreign_files_are_refused_by_name()
    {
        using var model = TrainSmall();
        var path = Path.Combine(_dir, "model.crec");
        model.Save(path);
        var bytes = File.ReadAllBytes(path);

        void Refused(string name, byte[] content, string why)
        {
            var p = Path.Combine(_dir, name);
            File.WriteAllBytes(p, content);
            var e = Assert.IsType<ModelFileException>(ContrastiveRec.Tests.Refused.By("InvalidModelFile", RefusalCategory.InvalidData, () => TrainedEncoder.Load(p)));
            Assert.Contains(p, e.Problem);
            Assert.Contains(why, e.Problem);
            Assert.Equal(p, e.FilePath);
        }

        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length - 1000] ^= 0x40; // inside the weights
        Refused("flipped.crec", flipped, "checksum");
        Refused("truncated.crec", bytes[..(bytes.Length / 2)], "truncated"); // its sizes no longer fit: refused before the checksum
        Refused("tiny.crec", bytes[..14], "truncated");
        Refused("foreign.crec", "userId,movieId,rating,timestamp\n1,1,4.0,1\n"u8.ToArray(), "header");
        Refused("empty.crec", Array.Empty<byte>(), "it is empty");
    }

    [Fact]
    public void A_header_whose_weights_length_does_not_fit_the_file_is_refused_before_the_body_is_read()
    {
        using var model = TrainSmall();
        var path = Path.Combine(_dir, "model.crec");
        model.Save(path);
        var saved = File.ReadAllBytes(path);
        var at = Encoding.ASCII.GetByteCount(TrainedEncoder.Magic) + 4;
        at += 4 + BinaryPrimitives.ReadInt32LittleEndian(saved.AsSpan(at));
        var weights = BinaryPrimitives.ReadInt64LittleEndian(saved.AsSpan(at));
        foreach (var forged in new[] { weights + 1_000_000_000, long.MaxValue, -1 })
        {
            var bytes = (byte[])saved.Clone();
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), forged);
            File.WriteAllBytes(path, bytes);
            // The checksum is left as it was: had the body been read first, the refusal would name the checksum.
            var e = Refused.By("InvalidModelFile", RefusalCategory.InvalidData, () => TrainedEncoder.Load(path));
            Assert.Contains("the weights length does not match the file size", e.Problem);
            Assert.DoesNotContain("checksum", e.Problem);
        }
    }

    [Fact]
    public void Files_over_2_GB_endless_files_and_pipes_are_refused_by_name_without_being_read_whole()
    {
        var magic = Encoding.ASCII.GetBytes(TrainedEncoder.Magic);
        const long Huge = 2_500_000_000; // past what one array can hold
        string Sparse(string name, byte[] head)
        {
            var p = Path.Combine(_dir, name);
            using var file = new FileStream(p, FileMode.CreateNew);
            file.Write(head);
            file.SetLength(Huge); // sparse: no disk space, no time
            return p;
        }
        byte[] Head(long weightsLength)
        {
            var head = new byte[magic.Length + 4 + 4 + 2 + 8];
            magic.CopyTo(head, 0);
            BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(magic.Length), TrainedEncoder.FormatVersion);
            BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(magic.Length + 4), 2);
            "{}"u8.CopyTo(head.AsSpan(magic.Length + 8));
            BinaryPrimitives.WriteInt64LittleEndian(head.AsSpan(magic.Length + 10), weightsLength);
            return head;
        }
        string Problem(string p)
        {
            try
            {
                return Refused.By("InvalidModelFile", RefusalCategory.InvalidData, () => TrainedEncoder.Load(p)).Problem;
            }
            finally
            {
                if (p.StartsWith(_dir, StringComparison.Ordinal)) File.Delete(p);
            }
        }

        // A model's start with a forged weights length: refused by its sizes, before reading the rest.
        Assert.Contains("the weights length does not match the file size", Problem(Sparse("forged.crec", Head(12_345))));
        // Not a model at all: refused by its first bytes.
        Assert.Contains("does not start with the model header", Problem(Sparse("zeros.crec", [])));
        // A device has no length: refused before it is opened.
        if (File.Exists("/dev/zero")) Assert.Contains("not a regular file", Problem("/dev/zero"));

        // A pipe has no length either, and opening one waits for a writer: with none, only a refusal before opening
        // keeps the shell from hanging.
        if (!OperatingSystem.IsLinux()) return;
        var fifo = Path.Combine(_dir, "pipe.crec");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();
        var load = Task.Run(() => Problem(fifo));
        Assert.True(load.Wait(TimeSpan.FromSeconds(30)), "loading a pipe with no writer hung");
        Assert.Contains("not a regular file", load.Result);
    }

    [Theory]
    [InlineData("\"InputDim\": 32", "\"InputDim\": 1000000000", "describes")]
    [InlineData("\"LatentDim\": 16", "\"LatentDim\": 0", "not valid")]
    [InlineData("\"Epochs\": 2", "\"Epochs\": -5", "not valid")]
    [InlineData("\"Name\": \"Strategy 3\"", "\"Name\": \"two\\nlines\"", "name is not usable")]
    [InlineData("\"Name\": \"Strategy 3\"", "\"Name\": \"  \"", "name is not usable")]
    public void A_forged_header_with_a_valid_checksum_is_refused_by_name(string field, string forged, string why)
    {
        using var model = TrainSmall();
        var path = Path.Combine(_dir, "model.crec");
        model.Save(path);
        var forgedPath = Path.Combine(_dir, "forged.crec");
        File.WriteAllBytes(forgedPath, RewriteHeader(File.ReadAllBytes(path), json =>
        {
            Assert.Contains(field, json);
            return json.Replace(field, forged);
        }));
        var e = Assert.Throws<ModelFileException>(() => TrainedEncoder.Load(forgedPath));
        Assert.Contains(why, e.Problem);
        Assert.Contains(forgedPath, e.Problem);
    }

    [Fact]
    public void A_file_edited_to_hold_a_NaN_or_infinite_weight_or_a_user_twice_is_refused_though_its_checksum_matches()
    {
        using var model = TrainSmall();
        var path = Path.Combine(_dir, "good.crec");
        model.Save(path);
        var bytes = File.ReadAllBytes(path);
        foreach (var bad in new[] { float.NaN, float.PositiveInfinity })
        {
            // The last float of the weights (just before the checksum) replaced, and the checksum recomputed.
            var edited = (byte[])bytes.Clone();
            var at = edited.Length - 32 - sizeof(float);
            BinaryPrimitives.WriteSingleLittleEndian(edited.AsSpan(at), bad);
            SHA256.HashData(edited.AsSpan(0, edited.Length - 32)).CopyTo(edited, edited.Length - 32);
            var forged = Path.Combine(_dir, $"forged-{bad}.crec");
            File.WriteAllBytes(forged, edited);
            var e = Assert.Throws<ModelFileException>(() => TrainedEncoder.Load(forged));
            Assert.Contains("NaN or infinite", e.Problem);
        }
        var twice = Path.Combine(_dir, "twice.crec");
        File.WriteAllBytes(twice, RewriteHeader(bytes, json =>
        {
            var header = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            var ids = header["UserIds"]!.AsArray();
            ids[1] = ids[0]!.GetValue<int>();
            return header.ToJsonString();
        }));
        Assert.Contains("lists a user twice", Assert.Throws<ModelFileException>(() => TrainedEncoder.Load(twice)).Problem);
        using var loaded = TrainedEncoder.Load(path); // the file as saved still loads
        Assert.Equal(model.GetEmbeddings(), loaded.GetEmbeddings());
    }

    [Fact]
    public void Two_writers_of_the_same_new_paths_without_overwrite_never_replace_each_other()
    {
        using var model = TrainSmall();
        var paths = Enumerable.Range(0, 20).Select(i => Path.Combine(_dir, "race", $"m{i}.crec")).ToArray();
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<(string Path, bool Written)>();
        using var start = new Barrier(2);
        void Writer()
        {
            start.SignalAndWait();
            foreach (var path in paths)
            {
                try
                {
                    model.Save(path, overwrite: false);
                    outcomes.Add((path, true));
                }
                catch (TargetExistsException)
                {
                    outcomes.Add((path, false));
                }
            }
        }
        var threads = new[] { new Thread(Writer), new Thread(Writer) };
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        foreach (var path in paths)
        {
            // One writer made each file; the other was told, and nothing replaced the first file.
            Assert.Equal(new[] { false, true }, outcomes.Where(o => o.Path == path).Select(o => o.Written).Order());
            using var loaded = TrainedEncoder.Load(path);
        }
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "race"), "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }));
        // With overwrite (-Force) the file is replaced as before.
        model.Save(paths[0]);
    }

    /// <summary>The file with its JSON header edited, rebuilt as a forger would: the new header's length, the same
    /// weights, a fresh checksum.</summary>
    internal static byte[] RewriteHeader(byte[] bytes, Func<string, string> edit)
    {
        var at = Encoding.ASCII.GetByteCount(TrainedEncoder.Magic);
        var jsonLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
        var edited = Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(bytes, at + 8, jsonLength)));
        using var file = new MemoryStream();
        file.Write(bytes, 0, at + 4);
        var number = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(number, edited.Length);
        file.Write(number);
        file.Write(edited);
        var rest = at + 8 + jsonLength;
        file.Write(bytes, rest, bytes.Length - 32 - rest);
        file.Write(SHA256.HashData(file.ToArray()));
        return file.ToArray();
    }

    [Fact]
    public void The_name_is_saved_and_loaded_and_an_import_can_rename()
    {
        const string name = "Strategy 3 – 2 epochs, \"quick\"";
        using var model = EncoderTrainer.Train(_files.WriteGroups(testFraction: 0.1), Strategy, Quick, name: name);
        Assert.Equal(name, model.Name);
        var path = Path.Combine(_dir, "named.crec");
        model.Save(path);
        using (var loaded = TrainedEncoder.Load(path)) Assert.Equal(name, loaded.Name);
        using (var renamed = TrainedEncoder.Load(path, name: "b")) Assert.Equal("b", renamed.Name);
        Assert.Throws<ArgumentException>(() => TrainedEncoder.Load(path, name: "tab\there"));
    }

    [Fact]
    public void A_file_from_before_names_loads_with_the_default_name()
    {
        using var model = EncoderTrainer.Train(_files.WriteGroups(testFraction: 0.1), Strategy, Quick, name: "will be dropped");
        var path = Path.Combine(_dir, "named.crec");
        model.Save(path);
        var old = Path.Combine(_dir, "old.crec");
        File.WriteAllBytes(old, RewriteHeader(File.ReadAllBytes(path), json =>
        {
            // The header as earlier versions wrote it: no Name property at all.
            var header = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            Assert.True(header.Remove("Name"));
            return header.ToJsonString();
        }));
        using var loaded = TrainedEncoder.Load(old);
        Assert.Equal("Strategy 3", loaded.Name);
        Assert.Equal(TrainedEncoder.DefaultName(model.Strategy, model.Options), loaded.Name);
        Assert.Equal(model.GetEmbeddings(), loaded.GetEmbeddings());
    }

    [Fact]
    public void Another_data_set_is_refused_even_on_purpose_when_its_users_are_not_the_models()
    {
        using var model = TrainSmall();
        var path = Path.Combine(_dir, "model.crec");
        model.Save(path);
        using var other = new TestRatings();
        var set = other.WriteGroups(usersPerGroup: 10);
        var e = Assert.IsType<ModelDataMismatchException>(ContrastiveRec.Tests.Refused.By("ModelDataMismatch", RefusalCategory.InvalidData, () => TrainedEncoder.Load(path, set)));
        Assert.StartsWith("another data set", Assert.Single(e.Differences));
        Assert.Contains("-AllowOtherData", e.Remedy);
        var onPurpose = Assert.Throws<ModelDataMismatchException>(() => TrainedEncoder.Load(path, set, allowOtherData: true));
        Assert.Contains("90 users", Assert.Single(onPurpose.Differences));
    }

    [Fact]
    public void Another_split_of_the_same_ratings_is_refused_unless_meant_and_then_used_as_given()
    {
        using var model = TrainSmall(); // test share 0.1, seed 42
        var path = Path.Combine(_dir, "model.crec");
        model.Save(path);
        var resplit = model.RatingSet!.WithSplit(SplitMethod.Random, 0.2, 42);
        var e = Assert.Throws<ModelDataMismatchException>(() => TrainedEncoder.Load(path, resplit));
        var difference = Assert.Single(e.Differences);
        Assert.StartsWith("another split", difference);
        Assert.Contains("10%", difference);
        Assert.Contains("20%", difference);
        using var meant = TrainedEncoder.Load(path, resplit, allowOtherData: true);
        Assert.Same(resplit, meant.RatingSet);
        using var same = TrainedEncoder.Load(path, model.RatingSet.WithSplit(SplitMethod.Random, 0.1, 42));
        Assert.Equal(model.GetEmbeddings(), same.GetEmbeddings());
    }

    [Theory]
    [InlineData(SplitMethod.Random, 7)]   // a seed other than the split's default: the recorded one is used
    [InlineData(SplitMethod.Temporal, 7)] // records no seed: the split's default stands in, and draws nothing
    public void A_model_re_reads_its_source_with_the_split_it_recorded(SplitMethod method, int seed)
    {
        var set = _files.WriteGroups(testFraction: 0.1).WithSplit(method, 0.15, seed);
        using var model = EncoderTrainer.Train(set, Strategy, Quick with { Epochs = 1 });
        var path = Path.Combine(_dir, "model.crec");
        model.Save(path);
        using var loaded = TrainedEncoder.Load(path);
        Assert.True(loaded.RatingSet is not null, loaded.DataProblem);
        Assert.Equal((method, 0.15, method == SplitMethod.Random ? seed : null), (loaded.RatingSet.Split.Method, loaded.RatingSet.Split.TestFraction, loaded.RatingSet.Split.Seed));
        Assert.Equal(Enumerable.Range(0, set.RatingCount).Select(set.Split.IsTest),
            Enumerable.Range(0, loaded.RatingSet.RatingCount).Select(loaded.RatingSet.Split.IsTest));
    }

    [Fact]
    public void A_source_edited_since_training_is_not_re_read_and_is_named_when_given()
    {
        using var model = TrainSmall();
        var path = Path.Combine(_dir, "model.crec");
        model.Save(path);
        // The same users, movies and row count, one rating changed.
        var file = Path.Combine(_files.Folder, "ratings.csv");
        var lines = File.ReadAllLines(file);
        var fields = lines[1].Split(',');
        fields[2] = fields[2] == "0.5" ? "1.0" : "0.5";
        lines[1] = string.Join(',', fields);
        File.WriteAllLines(file, lines);

        using var reloaded = TrainedEncoder.Load(path);
        Assert.Null(reloaded.RatingSet);
        Assert.Contains("has changed since the model was trained", reloaded.DataProblem);
        var edited = MovieLensReader.Read(_files.Folder, new MovieLensReadOptions { TestFraction = 0.1, Seed = 42 });
        var e = Assert.Throws<ModelDataMismatchException>(() => TrainedEncoder.Load(path, edited));
        Assert.StartsWith("the ratings changed since the model was trained", Assert.Single(e.Differences));
    }

    [Fact]
    public void A_source_that_is_there_but_no_longer_reads_loads_the_model_without_ratings_and_says_why()
    {
        using var model = TrainSmall();
        var path = Path.Combine(_dir, "model.crec");
        model.Save(path);
        var ratings = Path.Combine(_files.Folder, "ratings.csv");
        var lines = File.ReadAllLines(ratings);
        void LoadsWithout(string problem)
        {
            using var loaded = TrainedEncoder.Load(path);
            Assert.Null(loaded.RatingSet);
            Assert.StartsWith($"'{_files.Folder}' is there but cannot be read (", loaded.DataProblem);
            Assert.Contains(problem, loaded.DataProblem);
            Assert.DoesNotContain("-Path", loaded.DataProblem); // the reader's remedy names a parameter Import-EncoderModel lacks
            Assert.Equal(EncoderTrainerTests.Flat(model), EncoderTrainerTests.Flat(loaded));
        }

        File.AppendAllText(ratings, "garbage,row\n");
        LoadsWithout($"ratings.csv:{lines.Length + 1}: Expected 4 fields");
        File.WriteAllText(ratings, "");
        LoadsWithout("The ratings file is empty.");
        File.Delete(ratings);
        LoadsWithout("The folder holds no MovieLens ratings file.");
    }

    [Fact]
    public void A_user_movie_model_refuses_another_catalogue_by_name_instead_of_failing_in_libtorch()
    {
        var set = _files.WriteGroups(testFraction: 0.1);
        using var model = EncoderTrainer.Train(set, Strategy, TrainingOptions.UserMovieDefaults() with { Epochs = 1, LatentDim = 8 });
        var path = Path.Combine(_dir, "usermovie.crec");
        model.Save(path);
        // The same users, a catalogue with one movie more: shape-incompatible, so refused even on purpose.
        using var other = new TestRatings();
        var rows = new List<(int, int, double)>();
        for (var u = 0; u < set.UserCount; u++)
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
                rows.Add(((int)set.UserIds[u], (int)set.MovieIds[set.MovieColumn[r]], set.RatingColumn[r]));
        rows.Add(((int)set.UserIds[0], 100_000, 4.0));
        var wider = other.Write(rows, testFraction: 0.1);
        var e = Assert.Throws<ModelDataMismatchException>(() => TrainedEncoder.Load(path, wider, allowOtherData: true));
        Assert.Contains($"{set.MovieCount:N0} movies", Assert.Single(e.Differences));
    }
}
