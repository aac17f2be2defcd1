using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace ContrastiveRec.Data;

/// <summary>
/// What identifies the ratings a model learned from: where they came from, their sizes, how they were split, and a
/// SHA-256 of the train part's (user id, movie id, rating) rows. A model records it; data given to the model later is
/// compared with it, so a model is never silently applied to another data set, another split or a changed file.
/// </summary>
public sealed record DataFingerprint(
    string Source, MovieLensLayout Layout, int Users, int Movies, int Ratings, int TrainRatings,
    SplitMethod SplitMethod, double TestFraction, int? SplitSeed, string? Derivation, string TrainHash, string MovieIdsHash)
{
    public static DataFingerprint Of(RatingSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new(set.Source, set.Layout, set.UserCount, set.MovieCount, set.RatingCount, set.TrainCount,
            set.Split.Method, set.Split.TestFraction, set.Split.Seed, set.Derivation, TrainHashOf(set), MovieIdsHashOf(set));
    }

    /// <summary>"{ Source = ..., Users = 610, ... }", invariant, without the type name (a CSV cell).</summary>
    public override string ToString() => RecordText.Of(PrintMembers);

    /// <summary>SHA-256 (hex) of the catalogue's movie ids in order: a model's movie rows follow them.</summary>
    internal static string MovieIdsHashOf(RatingSet set)
    {
        if (set.Movies.Numbers is not { } numbers) return Convert.ToHexString(SHA256.HashData(TextIdBytes(set.Movies, "movie")));
        var bytes = new byte[set.MovieCount * sizeof(int)];
        for (var m = 0; m < set.MovieCount; m++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(m * sizeof(int)), numbers[m]);
        return Convert.ToHexString(SHA256.HashData(bytes));
    }

    // Text ids are hashed as a marker of their role then each id's UTF-8 length and bytes, so no text set hashes like a numeric
    // one and no two text sets run together ("ab","c" against "a","bc").
    private static byte[] TextIdBytes(IdTable ids, string role)
    {
        using var bytes = new MemoryStream();
        using var writer = new BinaryWriter(bytes, System.Text.Encoding.UTF8);
        writer.Write($"text {role} ids");
        for (var i = 0; i < ids.Count; i++) writer.Write(ids.TextAt(i));
        writer.Flush();
        return bytes.ToArray();
    }

    /// <summary>SHA-256 (hex) of the train rows in order: user id, movie id (int32) and rating (float32), little-endian.
    /// Text ids enter as their dense indices, after the hash of the id texts (so the rows still name the ids).</summary>
    internal static string TrainHashOf(RatingSet set)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (set.Users.IsText) sha.AppendData(TextIdBytes(set.Users, "user"));
        if (set.Movies.IsText) sha.AppendData(TextIdBytes(set.Movies, "movie"));
        var userIds = set.Users.Numbers;
        var movieIds = set.Movies.Numbers;
        var buffer = new byte[12 * 4096];
        var used = 0;
        for (var u = 0; u < set.UserCount; u++)
        {
            var user = userIds is null ? u : userIds[u];
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
            {
                if (set.Split.IsTestRow[r]) continue;
                var row = buffer.AsSpan(used, 12);
                BinaryPrimitives.WriteInt32LittleEndian(row, user);
                BinaryPrimitives.WriteInt32LittleEndian(row[4..], movieIds is null ? set.MovieColumn[r] : movieIds[set.MovieColumn[r]]);
                BinaryPrimitives.WriteSingleLittleEndian(row[8..], set.RatingColumn[r]);
                used += 12;
                if (used == buffer.Length)
                {
                    sha.AppendData(buffer);
                    used = 0;
                }
            }
        }
        sha.AppendData(buffer.AsSpan(0, used));
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    /// <summary>
    /// How <paramref name="other"/> (data given to a model) differs from these (the data it learned from), one sentence
    /// per kind of difference: another data set, another split, or the same settings with other train ratings (the
    /// source changed). Empty when they are the same data.
    /// </summary>
    public IReadOnlyList<string> Differences(DataFingerprint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var found = new List<string>();
        if (Users != other.Users || Movies != other.Movies || Ratings != other.Ratings || Layout != other.Layout)
        {
            found.Add(Invariant($"another data set: the model learned from {Describe(this)}; these ratings are {Describe(other)}"));
            return found;
        }
        if (SplitMethod != other.SplitMethod || TestFraction != other.TestFraction || SplitSeed != other.SplitSeed || Derivation != other.Derivation)
            found.Add(Invariant($"another split: the model learned from the train part of {SplitOf(this)}; these ratings are split {SplitOf(other)}, so their test part holds ratings the model learned from, or misses some it never saw"));
        else if (TrainHash != other.TrainHash)
            found.Add("the ratings changed since the model was trained: the same users, movies and split settings, but other train ratings (was the source edited?)");
        return found;
    }

    private static string Describe(DataFingerprint f) =>
        Invariant($"{f.Users:N0} users, {f.Movies:N0} movies and {f.Ratings:N0} ratings ({f.Layout} layout, {f.Source})");

    private static string SplitOf(DataFingerprint f)
    {
        var split = f.SplitMethod == SplitMethod.Random
            ? Invariant($"a random {f.TestFraction:0.##%} per user, seed {f.SplitSeed}")
            : Invariant($"the latest {f.TestFraction:0.##%} per user");
        return f.Derivation is null ? split : $"{split} ({f.Derivation})";
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
