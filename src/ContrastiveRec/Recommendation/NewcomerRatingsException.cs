namespace ContrastiveRec.Recommendation;

/// <summary>A newcomer's ratings that cannot be taken as they are: a rating off the MovieLens scale, or a movie rated
/// twice (which of the two was meant is not ours to guess).</summary>
public sealed class NewcomerRatingsException(object movieId, string problem, string remedy = "Give each movie once, with a rating from 0.5 to 5.")
    : ContrastiveRecException("InvalidNewcomerRating", RefusalCategory.InvalidArgument, problem, remedy, movieId)
{
    /// <summary>The id of the movie whose rating is refused, as given.</summary>
    public object MovieId { get; } = movieId;
}
