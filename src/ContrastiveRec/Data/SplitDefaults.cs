namespace ContrastiveRec.Data;

/// <summary>The per-user train/test split's settings when none are given: the study's. Reading a release
/// (<see cref="MovieLensReadOptions"/>), splitting again and holding users out take them from here.</summary>
public static class SplitDefaults
{
    /// <summary>Share of each user's ratings held out as test: the study's 5 %.</summary>
    public const double TestFraction = 0.05;

    /// <summary>Seeds the draw of each user's test ratings (and of held-out users).</summary>
    public const int Seed = 42;

    public const SplitMethod Method = SplitMethod.Random;

    /// <summary>Share of each newcomer's ratings left to find when whole users are held out (<see cref="RatingSet.HoldOutUsers"/>);
    /// the rest are what they tell the model.</summary>
    public const double NewcomerTestFraction = 0.2;
}
