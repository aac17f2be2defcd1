using System.Globalization;
using ContrastiveRec.Data;

namespace ContrastiveRec.Training;

/// <summary>Holds validation ratings to where they must come from: the train part of the set trained on, so the
/// model never learns from, nor is tuned on, that set's test part.</summary>
internal static class ValidationCheck
{
    /// <summary>Returns <paramref name="validation"/> when its users and movies are <paramref name="set"/>'s and each of
    /// its ratings (train and test) is one of <paramref name="set"/>'s train ratings.</summary>
    /// <exception cref="ContrastiveRecException">ValidationSetMismatch, saying the first rating or id that differs.</exception>
    public static RatingSet CarvedFrom(RatingSet set, RatingSet validation)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(validation);
        if (ReferenceEquals(set, validation)) throw Mismatch("it is the set trained on itself, whose test part would be read", validation);
        if (!set.Users.SameIds(validation.Users) || !set.Movies.SameIds(validation.Movies))
            throw Mismatch($"it has {validation.UserCount:N0} users and {validation.MovieCount:N0} movies, not the {set.UserCount:N0} users and {set.MovieCount:N0} movies trained on (or not the same ids)", validation);
        var stamp = new int[set.MovieCount]; // user + 1 where the user rated the movie in the train part
        var isTest = set.Split.IsTestRow;
        for (var u = 0; u < set.UserCount; u++)
        {
            for (var r = set.UserOffsets[u]; r < set.UserOffsets[u + 1]; r++)
                if (!isTest[r]) stamp[set.MovieColumn[r]] = u + 1;
            for (var r = validation.UserOffsets[u]; r < validation.UserOffsets[u + 1]; r++)
            {
                var m = validation.MovieColumn[r];
                if (stamp[m] != u + 1)
                    throw Mismatch(string.Create(CultureInfo.InvariantCulture,
                        $"user {set.Users[u]}'s rating of movie {set.Movies[m]} is not among the train ratings of the set trained on"), validation);
            }
        }
        return validation;
    }

    private static ContrastiveRecException Mismatch(string why, RatingSet validation) =>
        new("ValidationSetMismatch", RefusalCategory.InvalidArgument,
            $"The validation set is not carved from the train part of the ratings trained on: {why}.",
            "Make it from the set you train with Split-RatingSet -Validation ($validation = $ratings | Split-RatingSet -Validation), or give -Validation a share such as 0.1.",
            validation);
}
