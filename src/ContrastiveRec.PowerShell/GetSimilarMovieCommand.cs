using System.Management.Automation;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.PowerShell;

/// <summary>The movies most like given movies, by any model that has representations of movies (a UserMovie model's
/// movie table, ItemKnn, EASE), with scores and titles.</summary>
[Cmdlet(VerbsCommon.Get, "SimilarMovie")]
[OutputType(typeof(SimilarMovie))]
public sealed class GetSimilarMovieCommand : ContrastiveRecCmdlet
{
    private readonly SimilarityRequests _requests = new();

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [RecommenderTransformation]
    public IRecommender Model { get; set; } = null!;

    /// <summary>Movies by their own ids (numbers or text: IConvertible, which every id is and no model is). Plain ids bind
    /// from the pipeline, and so do the MovieId properties of piped objects (recommendations, similar movies, movies).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("MovieId", "ItemId")]
    [ArgumentCompleter(typeof(MovieIdCompleter))]
    [ValidateNotNullOrEmpty]
    public IConvertible[] Movie { get; set; } = null!;

    [Parameter]
    [ValidateRange(1, 100_000)]
    [CoreDefault(typeof(Similarity), nameof(Similarity.DefaultTop))]
    public int? Top { get; set; }

    protected override void ProcessRecord()
    {
        Model = Usable(Model);
        if (!_requests.Capable(Model, () => TryRun(() => Similarity.MoviesOf(Model), out _, "CannotFindSimilarMovies"))) return;
        foreach (var id in Movie)
        {
            // Each movie once per model: piped recommendations name a movie once per user they went to.
            if (!TryRun(() => Model.RatingSet.GetMovieIndex(id), out var movie, "UnknownMovie") || !_requests.First(movie)) continue;
            if (TryRun(() => Model.SimilarMovies([Model.RatingSet.MovieIds[movie]], Top ?? Similarity.DefaultTop, Cancellation), out var similar, "MovieNotInModel"))
                WriteObject(similar, enumerateCollection: true);
        }
    }
}
