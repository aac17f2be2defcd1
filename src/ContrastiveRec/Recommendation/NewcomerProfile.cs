namespace ContrastiveRec.Recommendation;

/// <summary>What a person not in the training data tells a model: the movies they rated (dense movie indices) and how.</summary>
public sealed record NewcomerProfile(int[] Movies, float[] Ratings);
