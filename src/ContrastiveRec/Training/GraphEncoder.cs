using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ContrastiveRec.Training;

/// <summary>
/// A LightGCN-style user encoder (He et al. 2020): a vector per user, trained with the movies' vectors after they
/// have been propagated together over the train user–movie graph (<see cref="GraphPropagation"/>), the layers
/// averaged. Once trained, the table holds every user's propagated vector and the model's <see cref="MovieTable"/>
/// the movies', so a saved model needs no graph: <see cref="forward"/> gives the unit vectors. People who were not
/// in training are one propagation step from the movies they rated (<see cref="EmbedNewcomers"/>).
/// </summary>
public sealed class GraphEncoder : nn.Module<Tensor, Tensor>
{
    // Field names become state-dict keys: part of the file format.
    private readonly Embedding embedding;
    private readonly Tensor movie_degrees; // [movies] float32: each movie's ratings in the train graph

    public GraphEncoder(int users, int movies, int latentDim) : base(nameof(GraphEncoder))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(users);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(movies);
        Users = users;
        Movies = movies;
        LatentDim = latentDim;
        embedding = nn.Embedding(users, latentDim);
        using (no_grad()) embedding.weight!.normal_(0, 0.1);
        movie_degrees = zeros(movies);
        RegisterComponents();
    }

    public int Users { get; }
    public int Movies { get; }
    public int LatentDim { get; }

    /// <summary>The users' vectors: the input of propagation while training, the propagated vectors after.</summary>
    internal Parameter EmbeddingTable => embedding.weight!;

    /// <summary>While training: this step's propagated user vectors [users, d], which <see cref="forward"/> reads.</summary>
    internal Tensor? StepUsers { get; set; }

    /// <summary>Dense user indices (int64 [n]) to unit vectors [n, d].</summary>
    public override Tensor forward(Tensor users)
    {
        var rows = training && StepUsers is not null ? StepUsers.index_select(0, users) : embedding.forward(users);
        return nn.functional.normalize(rows, p: 2.0, dim: 1);
    }

    /// <summary>Ends training: the propagated vectors become the tables (users here, movies in <paramref name="movies"/>),
    /// and the movies' degrees are kept for newcomers.</summary>
    internal void Freeze(GraphPropagation graph, MovieTable movies, int layers)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var nodes = cat([embedding.weight!, movies.EmbeddingTable], 0);
        var mean = graph.Propagate(nodes, layers);
        embedding.weight!.copy_(mean.narrow(0, 0, Users));
        movies.EmbeddingTable.copy_(mean.narrow(0, Users, Movies));
        var degrees = new float[Movies];
        for (var m = 0; m < Movies; m++) degrees[m] = graph.MovieDegree(m);
        movie_degrees.copy_(NativeTensor.From(degrees, Movies));
        StepUsers = null;
    }

    /// <summary>
    /// Unit vectors of people outside the graph, one LightGCN step from the propagated vectors of the movies they rated:
    /// Σ e_m / √(|N(u)| · deg m), a movie no one rated in training counted at degree 1. Ratings' values do not enter,
    /// as the graph's edges carry none.
    /// </summary>
    public Tensor EmbedNewcomers(IReadOnlyList<long[]> ratedMovies, MovieTable movies)
    {
        ArgumentNullException.ThrowIfNull(ratedMovies);
        ArgumentNullException.ThrowIfNull(movies);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var degrees = movie_degrees.data<float>().ToArray();
        var rows = new List<long>();
        var flat = new List<long>();
        var weights = new List<float>();
        for (var i = 0; i < ratedMovies.Count; i++)
            foreach (var m in ratedMovies[i])
            {
                rows.Add(i);
                flat.Add(m);
                weights.Add((float)(1 / Math.Sqrt((double)ratedMovies[i].Length * Math.Max(1f, degrees[m]))));
            }
        var messages = movies.EmbeddingTable.index_select(0, tensor(flat.ToArray())).mul(NativeTensor.From(weights.ToArray(), weights.Count, 1));
        using var held = new HeldScalars();
        var z = zeros(ratedMovies.Count, LatentDim).index_add_(0, tensor(rows.ToArray()), messages, held[1]);
        return nn.functional.normalize(z, p: 2.0, dim: 1).MoveToOuterDisposeScope();
    }
}
