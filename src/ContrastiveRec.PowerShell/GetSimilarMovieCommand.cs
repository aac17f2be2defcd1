using System.Management.Automation;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.PowerShell;

/// <summary>The movies most like given movies, by any model that has representations of movies (a UserMovie model's
/// movie table, ItemKnn, EASE), with scores and titles.</summary>
[Cmdlet(VerbsCommon.Get, "SimilarMovie")]
[OutputType(typeof(SimilarMovie))]
public sealed class GetSimilarMovieCommand : SimilarityCmdlet
{
    /// <summary>Movies by their own ids (numbers or text: IConvertible, which every id is and no model is). Plain ids bind
    /// from the pipeline, and so do the MovieId properties of piped objects (recommendations, similar movies, movies).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("MovieId", "ItemId")]
    [ArgumentCompleter(typeof(MovieIdCompleter))]
    [ValidateNotNullOrEmpty]
    public IConvertible[] Movie { get; set; } = null!;

    private protected override IConvertible[] Ids => Movie;

    private protected override (Action<IRecommender>, string) Capability => (m => Similarity.MoviesOf(m), "CannotFindSimilarMovies");

    private protected override (Func<IRecommender, object, int>, string) Lookup => ((m, id) => m.RatingSet.GetMovieIndex(id), "UnknownMovie");

    private protected override string[] PerIdRefusals => ["MovieNotInModel"];

    private protected override IReadOnlyList<object> Similar(IRecommender model, int index, int top) =>
        model.SimilarMovies([model.RatingSet.MovieIds[index]], top, Cancellation);
}
