namespace ContrastiveRec.Data;

/// <summary>Users held out of training entirely (see <see cref="RatingSet.HoldOutUsers"/>).</summary>
public sealed record UserHoldOut(RatingSet Training, RatingSet Newcomers, double Fraction, int Seed);
