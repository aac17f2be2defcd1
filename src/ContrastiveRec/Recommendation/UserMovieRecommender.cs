using System.Diagnostics;
using ContrastiveRec.Data;
using ContrastiveRec.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>A UserMovie encoder's own recommender: the cosine of user and movie embeddings (over the temperature) plus the movie's bias.</summary>
public sealed class UserMovieRecommender : MovieScoringRecommender
{
    public UserMovieRecommender(TrainedEncoder model)
        : base(model?.RatingSet ?? throw new ArgumentException(
            "The model has no ratings (it was loaded without its data set); load it with Import-EncoderModel -Ratings.", nameof(model)))
    {
        if (model.Movies is null) throw new ArgumentException("The model was trained with the UserUser objective; use the neighbour recommender.", nameof(model));
        Model = model;
    }

    public TrainedEncoder Model { get; }
    public override string Name => NameOf(Model);

    public static string NameOf(TrainedEncoder model) =>
        $"UserMovie ({model.EncoderKind}{(model.Options.PairWeight > 0 ? $", pairs x{model.Options.PairWeight:0.##}" : "")})";

    protected override Tensor Scores(int[] users) => Model.ScoreMovies(users);
}
