using System.Globalization;
using ContrastiveRec.Data;

namespace ContrastiveRec.Training;

/// <summary>
/// What a training run holds, estimated from the set's sizes and the options before anything big is allocated:
/// each table's weights with Adam's two moments, and for a dense step its gradient and one temporary as large
/// (a row-wise table has neither: its gradient and temporaries are the batch's rows); UserMovie's profile arrays,
/// the Profile encoder's stored profiles, the Graph encoder's adjacency and propagated layers, and a full softmax's
/// [batch, movies] activations; with validation inside training, the copy of the best epoch's weights.
/// </summary>
internal static class TrainingMemory
{
    private const long Float = sizeof(float);

    /// <param name="keepsBest">Early stopping keeps a copy of the best epoch's weights: one more copy of each table.</param>
    public static long EstimateBytes(int users, int movies, long trainRatings, TrainingOptions options, bool keepsBest = false)
    {
        var o = options.ForSet(users, movies);
        var rowWise = o.RowWiseUpdates == true;
        var userMovie = o.Objective == TrainingObjective.UserMovie;
        var profile = o.Encoder == EncoderKind.Profile;
        var best = keepsBest ? 1 : 0;
        long Table(long rows, long width, bool rowWise) => rows * width * Float * ((rowWise ? 3 : 5) + best);
        long bytes;
        if (o.Encoder == EncoderKind.Graph)
        {
            // No MLP: the user vectors, the adjacency by rows, and a step's propagated layers, views and gradients.
            var nodes = users + movies;
            bytes = Table(users, o.LatentDim, rowWise: false) + GraphPropagation.AdjacencyBytes(nodes, trainRatings)
                + 10L * nodes * o.LatentDim * Float;
        }
        else
        {
            bytes = Table(1, (long)o.InputDim * o.HiddenDim + o.HiddenDim + (long)o.HiddenDim * o.LatentDim + o.LatentDim, rowWise: false);
            bytes += profile
                ? Table(movies, o.InputDim, rowWise) + trainRatings * (sizeof(long) + sizeof(float)) // the encoder's profile buffers
                : Table(users, o.InputDim, rowWise);
        }
        // A validation's view: every user's and movie's vector, as a tensor and as the array scoring reads.
        if (keepsBest) bytes += 2L * (users + movies) * o.LatentDim * Float;
        if (userMovie)
        {
            var sampled = movies > o.MaxFullSoftmaxMovies;
            bytes += Table(movies, o.LatentDim + 1, rowWise && sampled);
            bytes += trainRatings * (sizeof(long) + sizeof(float)); // the profiles the objective reads
            // A step's scores, their softmax and gradients, and the unit vectors it reads.
            var columns = sampled ? o.SampledNegatives : movies;
            bytes += 4 * o.BatchSize * (long)columns * Float + 4 * (long)columns * o.LatentDim * Float;
        }
        return bytes;
    }

    /// <summary>Refuses, with <see cref="TrainingMemoryException"/>, a run whose estimate exceeds the memory available now.</summary>
    public static void EnsureFits(RatingSet set, TrainingOptions options, bool keepsBest = false)
    {
        var needed = EstimateBytes(set.UserCount, set.MovieCount, set.TrainCount, options, keepsBest);
        var available = AvailableBytes();
        if (needed <= available) return;
        // Row-wise updates are the Id and Profile encoders': they are advised where they would lower the estimate.
        var (remedy, parts) = options.Encoder == EncoderKind.Graph
            ? ("Lower -LatentSize, or use -Encoder Id", "tables, Adam's moments, the graph and its propagated layers")
            : options.RowWiseUpdates == true
                ? ("Lower -EmbeddingSize", "tables and Adam's moments")
                : ("Add -RowWiseUpdates, or lower -EmbeddingSize", "tables, Adam's moments and dense gradients");
        throw new TrainingMemoryException(needed, available, string.Create(CultureInfo.InvariantCulture,
            $"Training {options.Objective} ({options.Encoder} encoder) on {set.UserCount:N0} users and {set.MovieCount:N0} movies needs about {needed / 1e9:0.0} GB ({parts}), but {available / 1e9:0.0} GB is available."),
            $"{remedy}, or free memory.", set);
    }

    /// <summary>The kernel's MemAvailable where there is one, else what the runtime reports as available.</summary>
    internal static long AvailableBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                    return long.Parse(line["MemAvailable:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }
}
