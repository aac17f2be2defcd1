namespace ContrastiveRec.Training;

/// <summary>Training was asked of data that gives it nothing to learn from: no triplets mined under the strategy, or no
/// train ratings. Says what was found and what to change.</summary>
public sealed class NothingToLearnException(string problem, string remedy)
    : ContrastiveRecException("NothingToLearn", RefusalCategory.InvalidData, problem, remedy);
