namespace ContrastiveRec.Recommendation;

/// <summary>One user's recommendations, best first; may hold fewer movies than asked for.</summary>
public sealed class MovieRanking
{
    internal MovieRanking(int user, int[] movies, float[] scores, int[][]? suggestedBy)
    {
        User = user;
        Movies = movies;
        Scores = scores;
        SuggestedBy = suggestedBy;
    }

    /// <summary>Dense user index.</summary>
    public int User { get; }

    /// <summary>Dense movie indices, best first.</summary>
    public int[] Movies { get; }

    /// <summary>The recommender's score of each movie (its meaning depends on the recommender).</summary>
    public float[] Scores { get; }

    /// <summary>For neighbour-based recommenders asked for them: the dense indices of the neighbours who liked each movie, nearest first.</summary>
    public int[][]? SuggestedBy { get; }

    public int Count => Movies.Length;
}
