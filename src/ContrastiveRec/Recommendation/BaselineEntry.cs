using System.Diagnostics;
using ContrastiveRec.Data;

namespace ContrastiveRec.Recommendation;

/// <summary>One baseline of the <see cref="RecommenderRegistry"/>: its name, what it does, whether the study compared with
/// it, and how it is built.</summary>
public sealed class BaselineEntry
{
    private readonly Func<RatingSet, BaselineSettings, Action<BaselineBuildProgress>?, CancellationToken, IRecommender> _build;

    private BaselineEntry(BaselineKind kind, string name, string description, bool inStudy, Type model, Func<RatingSet, BaselineSettings, Action<BaselineBuildProgress>?, CancellationToken, IRecommender> build)
    {
        Kind = kind;
        Name = name;
        Description = description;
        InStudy = inStudy;
        FoldsInNewcomers = model.IsAssignableTo(typeof(IFoldsInNewcomers));
        FindsSimilarMovies = model.IsAssignableTo(typeof(ISimilarMovies));
        FindsSimilarUsers = model.IsAssignableTo(typeof(ISimilarUsers));
        _build = build;
    }

    // Every baseline describes itself (IDescribesItself), so views and -Verbose need not know its type.
    internal static BaselineEntry Of<TModel>(BaselineKind kind, string name, string description, bool inStudy, Func<RatingSet, BaselineSettings, Action<BaselineBuildProgress>?, CancellationToken, TModel> build)
        where TModel : IRecommender, IDescribesItself =>
        new(kind, name, description, inStudy, typeof(TModel), (set, settings, progress, ct) => build(set, settings, progress, ct));

    public BaselineKind Kind { get; }

    /// <summary>The model's name in results and tables.</summary>
    public string Name { get; }

    /// <summary>One line on what it recommends.</summary>
    public string Description { get; }

    /// <summary>The study compared the encoders with it (the others join the comparison beyond the study).</summary>
    public bool InStudy { get; }

    /// <summary>It recommends to people it was not built on, from their ratings alone (<see cref="NewcomerRecommender"/>).</summary>
    public bool FoldsInNewcomers { get; }

    /// <summary>It compares movies with movies (<see cref="ISimilarMovies"/>: Get-SimilarMovie).</summary>
    public bool FindsSimilarMovies { get; }

    /// <summary>It compares users with users (<see cref="ISimilarUsers"/>: Get-SimilarUser).</summary>
    public bool FindsSimilarUsers { get; }

    /// <summary>Builds the baseline on <paramref name="set"/>'s train part, timing the build. The item-item baselines report
    /// <paramref name="progress"/> on the calling thread and stop at <paramref name="ct"/>; the others build at once.
    /// <paramref name="name"/> names it in results (else <see cref="Name"/>).</summary>
    /// <exception cref="ArgumentException">The name is empty, too long or has control characters.</exception>
    public BaselineRecommender Build(RatingSet set, BaselineSettings? settings = null, Action<BaselineBuildProgress>? progress = null, CancellationToken ct = default,
        string? name = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (name is not null) ModelName.Check(name, nameof(name));
        var clock = Stopwatch.StartNew();
        var model = _build(set, settings ?? BaselineSettings.Default, progress, ct);
        return new BaselineRecommender(this, model, clock.Elapsed, name);
    }

    public override string ToString() => $"{Kind}: {Description}";
}
