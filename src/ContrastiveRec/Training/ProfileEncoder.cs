using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>
/// An inductive user encoder: a rating-weighted bag of the user's rated movies (sum of movie vectors, weights
/// rating/5 over sqrt(count)) followed by the study's MLP and L2 normalisation. It needs no user id, so a user who
/// was not in training is encoded from their ratings alone. The training users' profiles are kept as buffers,
/// so a saved model can still encode them.
/// </summary>
public sealed class ProfileEncoder : nn.Module<Tensor, Tensor>
{
    // Field names become state-dict keys: part of the file format.
    private readonly EmbeddingBag bag;
    private readonly Linear hidden;
    private readonly ReLU relu;
    private readonly Linear output;
    private readonly Tensor profile_offsets; // [users + 1] int64
    private readonly Tensor profile_movies;  // [rows] int64
    private readonly Tensor profile_ratings; // [rows] float32
    private long[] _offsets;
    private long[] _movies;
    private float[] _ratings;

    public ProfileEncoder(int movies, long[] offsets, long[] profileMovies, float[] profileRatings,
        int inputDim = 1024, int hiddenDim = 600, int latentDim = 200) : base(nameof(ProfileEncoder))
    {
        Movies = movies;
        InputDim = inputDim;
        HiddenDim = hiddenDim;
        LatentDim = latentDim;
        bag = nn.EmbeddingBag(movies, inputDim, mode: EmbeddingBagMode.Sum);
        hidden = nn.Linear(inputDim, hiddenDim);
        relu = nn.ReLU();
        output = nn.Linear(hiddenDim, latentDim);
        _offsets = offsets;
        _movies = profileMovies;
        _ratings = profileRatings;
        profile_offsets = tensor(offsets);
        profile_movies = tensor(profileMovies);
        profile_ratings = NativeTensor.From(profileRatings, profileRatings.Length);
        RegisterComponents();
    }

    public int Movies { get; }
    public int Users => _offsets.Length - 1;
    public long ProfileRows => _movies.LongLength;
    public int InputDim { get; }
    public int HiddenDim { get; }
    public int LatentDim { get; }

    /// <summary>What the profiles' ratings mean: a rating enters as its share of the scale's top (rating / 5 on
    /// MovieLens, so 1-10 and its halves on 0.5-5 encode alike), an implicit interaction as 1. Set from the training set
    /// and, on load, from the model file's record of it.</summary>
    public Data.Feedback Feedback { get; init; } = Data.Feedback.MovieLens;

    /// <summary>The input table, one row per movie (for <see cref="RowWiseAdam"/>).</summary>
    internal Parameter InputTable => bag.weight!;

    /// <summary>The dense parameters: every one but the input table (the MLP's).</summary>
    internal IEnumerable<Parameter> DenseParameters() => hidden.parameters().Concat(output.parameters());

    /// <summary>Set while <see cref="RowWiseAdam"/> trains the input table: training forwards read the rows of their
    /// profiles' movies through it.</summary>
    internal RowWiseAdam? RowWise { get; set; }

    /// <summary>Share of a profile hidden at random while training; 0 when evaluating.</summary>
    public double InputDropout { get; set; }
    public Random DropoutRandom { get; set; } = new(0);

    /// <summary>Reloads the profile arrays from the buffers after load() replaced them.</summary>
    internal void SyncProfilesFromBuffers()
    {
        _offsets = profile_offsets.data<long>().ToArray();
        _movies = profile_movies.data<long>().ToArray();
        _ratings = profile_ratings.data<float>().ToArray();
    }

    /// <summary>Training users (dense indices, int64) to unit embeddings, from their stored profiles.</summary>
    public override Tensor forward(Tensor users)
    {
        var ids = users.data<long>().ToArray();
        var profiles = new (long[] Movies, float[] Ratings)[ids.Length];
        var drop = training ? InputDropout : 0;
        for (var i = 0; i < ids.Length; i++)
        {
            long from = _offsets[ids[i]], to = _offsets[ids[i] + 1];
            var m = new List<long>((int)(to - from));
            var r = new List<float>((int)(to - from));
            for (var k = from; k < to; k++)
            {
                if (drop > 0 && DropoutRandom.NextDouble() < drop) continue;
                m.Add(_movies[k]);
                r.Add(_ratings[k]);
            }
            if (m.Count == 0 && to > from)
            {
                var k = from + DropoutRandom.Next((int)(to - from));
                m.Add(_movies[k]);
                r.Add(_ratings[k]);
            }
            profiles[i] = (m.ToArray(), r.ToArray());
        }
        return Encode(profiles);
    }

    /// <summary>Encodes any users from (movie index, rating) profiles, e.g. people who were not in training.</summary>
    public Tensor Encode(IReadOnlyList<(long[] Movies, float[] Ratings)> profiles)
    {
        var offsets = new long[profiles.Count];
        var movies = new List<long>();
        var weights = new List<float>();
        var top = (float)Feedback.Scale.Highest;
        for (var i = 0; i < profiles.Count; i++)
        {
            offsets[i] = movies.Count;
            var (m, r) = profiles[i];
            var norm = m.Length == 0 ? 0 : 1 / MathF.Sqrt(m.Length);
            for (var k = 0; k < m.Length; k++)
            {
                movies.Add(m[k]);
                weights.Add(Feedback.IsImplicit ? norm : norm * r[k] / top);
            }
        }
        using var scope = NewDisposeScope();
        var w = NativeTensor.From(weights.ToArray(), weights.Count);
        var h = RowWise is not null && training
            ? GatheredBag(CollectionsMarshal.AsSpan(movies), offsets, w)
            : bag.forward(tensor(movies.ToArray()), tensor(offsets), w);
        var z = output.forward(relu.forward(hidden.forward(h)));
        return nn.functional.normalize(z, p: 2.0, dim: 1).MoveToOuterDisposeScope();
    }

    /// <summary>The bag's weighted sums read from the distinct movies' rows, gathered through <see cref="RowWise"/>, so
    /// backward yields a gradient of those rows only: the same sums as the bag's, in another order of addition.</summary>
    private Tensor GatheredBag(ReadOnlySpan<long> movies, long[] offsets, Tensor weights)
    {
        var slot = new Dictionary<long, long>();
        var distinct = new List<long>();
        var local = new long[movies.Length];
        var owner = new long[movies.Length];
        for (var k = 0; k < movies.Length; k++)
        {
            if (!slot.TryGetValue(movies[k], out var at)) slot[movies[k]] = at = distinct.Count;
            if (at == distinct.Count) distinct.Add(movies[k]);
            local[k] = at;
        }
        for (var i = 0; i < offsets.Length; i++)
            for (var k = offsets[i]; k < (i + 1 < offsets.Length ? offsets[i + 1] : movies.Length); k++) owner[k] = i;
        // The rows outlive this forward's scope: the step reads their gradient after backward.
        var rows = RowWise!.Gather(tensor(distinct.ToArray()))[0].MoveToOuterDisposeScope();
        var terms = rows.index_select(0, tensor(local)).mul(weights.unsqueeze(1));
        using var held = new HeldScalars();
        return zeros(offsets.Length, InputDim).index_add(0, tensor(owner), terms, held[1]);
    }

    /// <summary>The train part of a RatingSet as per-user profiles (dense movie indices and ratings).</summary>
    internal static (long[] Offsets, long[] Movies, float[] Ratings) ProfilesOf(Data.RatingSet set)
    {
        var offsets = new long[set.UserCount + 1];
        var movies = new List<long>(set.TrainCount);
        var ratings = new List<float>(set.TrainCount);
        for (var u = 0; u < set.UserCount; u++)
        {
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
            {
                if (set.Split.IsTestRow[r]) continue;
                movies.Add(set.MovieColumn[r]);
                ratings.Add(set.RatingColumn[r]);
            }
            offsets[u + 1] = movies.Count;
        }
        return (offsets, movies.ToArray(), ratings.ToArray());
    }
}
