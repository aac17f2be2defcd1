using ContrastiveRec.Training;
using static TorchSharp.torch;

namespace ContrastiveRec.Recommendation;

/// <summary>
/// Several UserMovie models trained on the same ratings (e.g. the Id and Graph encoders), scored as one: the sum of
/// their scores. Each model's scores are the logits of its softmax over movies, so the sum ranks movies as the
/// product of the models' distributions would (a product of experts): a movie ranks high only where all agree.
/// </summary>
public sealed class UserMovieEnsembleRecommender : MovieScoringRecommender, IFoldsInNewcomers
{
    private readonly UserMovieRecommender[] _members;

    public UserMovieEnsembleRecommender(IReadOnlyList<TrainedEncoder> models)
        : base(Members(models)[0].RatingSet)
    {
        _members = Members(models);
        foreach (var m in _members.Skip(1))
            if (!ReferenceEquals(m.RatingSet, RatingSet) && !m.RatingSet.Users.SameIds(RatingSet.Users))
                throw new ArgumentException($"{m.Name} was trained on other ratings than {_members[0].Name}: an ensemble needs one set.", nameof(models));
        Name = "Ensemble of " + string.Join(" and ", _members.Select(m => m.Name));
    }

    private static UserMovieRecommender[] Members(IReadOnlyList<TrainedEncoder> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count < 2) throw new ArgumentException("An ensemble needs two models or more.", nameof(models));
        return models.Select(m => new UserMovieRecommender(m)).ToArray();
    }

    public override string Name { get; }

    public IReadOnlyList<TrainedEncoder> Models => _members.Select(m => m.Model).ToArray();

    private protected override Tensor Scores(int[] users, ProductBlock block)
    {
        var sum = _members[0].Model.ScoreMovies(users, block.Rows(users.Length));
        using var held = new HeldScalars();
        using var other = empty_like(sum);
        foreach (var m in _members.Skip(1)) sum.add_(m.Model.ScoreMovies(users, other), held[1]);
        return sum;
    }

    /// <summary>Only when every member can embed newcomers.</summary>
    public bool CanFoldInNewcomers => _members.All(m => m.CanFoldInNewcomers);

    public Tensor ScoreNewcomers(IReadOnlyList<NewcomerProfile> profiles)
    {
        if (!CanFoldInNewcomers) throw new InvalidOperationException($"{Name}: not every member folds in newcomers.");
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var sum = _members[0].ScoreNewcomers(profiles);
        foreach (var m in _members.Skip(1)) sum = sum.add(m.ScoreNewcomers(profiles), held[1]);
        return sum.MoveToOuterDisposeScope();
    }
}
