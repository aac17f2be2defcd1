namespace ContrastiveRec.Visualization;

/// <summary>One bar of a recall chart: a model's (or strategy's) recall@K, as a fraction 0–1.</summary>
public sealed record RecallRow(string Model, int K, double Recall);
