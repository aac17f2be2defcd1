using ContrastiveRec.Training;

namespace ContrastiveRec.Experiments;

/// <summary>Where a comparison run is: model <see cref="Model"/> of <see cref="Models"/>, with training progress while training.</summary>
public sealed record ComparisonProgress(int Model, int Models, string Name, TrainingProgress? Training);
