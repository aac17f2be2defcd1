using ContrastiveRec.Training;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>A UserMovie encoder's own recommender: the cosine of user and movie embeddings (over the temperature) plus the
/// movie's bias. With the Profile or Graph encoder it also folds in newcomers: their ratings are embedded like a user's.
/// Its movie table and its users' embeddings compare movies with movies and users with users, by cosine.</summary>
public sealed class UserMovieRecommender : MovieScoringRecommender, IFoldsInNewcomers, ISimilarMovies, ISimilarUsers
{
    // Made on first use: the movie table's unit vectors are the scoring's own; the users' are normalised once.
    private readonly Lazy<UnitRows> _movies, _users;

    public UserMovieRecommender(TrainedEncoder model)
        : base(ModelRatings.Of(model))
    {
        if (model.Movies is null) throw new ArgumentException("The model was trained with the UserUser objective; use the neighbour recommender.", nameof(model));
        Model = model;
        _movies = new Lazy<UnitRows>(() => UnitRows.OfMovies(model), LazyThreadSafetyMode.PublicationOnly);
        _users = new Lazy<UnitRows>(() => UnitRows.OfUsers(model), LazyThreadSafetyMode.PublicationOnly);
    }

    public TrainedEncoder Model { get; }
    /// <summary>The model's name (<see cref="TrainedEncoder.Name"/>).</summary>
    public override string Name => Model.Name;

    private protected override Tensor Scores(int[] users, ProductBlock block) => Model.ScoreMovies(users, block.Rows(users.Length));

    /// <summary>The Profile and Graph encoders embed ratings; the Id encoder knows users by id.</summary>
    public bool CanFoldInNewcomers => Model.CanEmbedNewcomers;

    public Tensor ScoreNewcomers(IReadOnlyList<NewcomerProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        if (!CanFoldInNewcomers) throw new InvalidOperationException($"{Name} knows users only by id; only the Profile and Graph encoders fold in newcomers.");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var z = Model.EmbedProfiles(profiles.Select(p => (p.Movies.Select(m => (long)m).ToArray(), p.Ratings)).ToArray());
        return Model.Movies!.Score(z, Model.Options.Temperature).MoveToOuterDisposeScope();
    }

    /// <summary>Movies by the cosine of their vectors in the movie table (the bias, which carries popularity, left out).</summary>
    public (int[] Movies, float[] Scores)[] SimilarMovies(int[] movies, int count, CancellationToken ct = default) =>
        _movies.Value.Nearest(movies, count, ct);

    /// <summary>Users by the cosine of their embeddings.</summary>
    public (int[] Users, float[] Similarities)[] Neighbors(int[] users, int count, CancellationToken ct = default) =>
        _users.Value.Nearest(users, count, ct);
}
