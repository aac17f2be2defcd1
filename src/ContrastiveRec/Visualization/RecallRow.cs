namespace ContrastiveRec.Visualization;

/// <summary>One bar of a recall chart: a model's (or strategy's) recall@K, as a fraction 0–1; <paramref name="StdDev"/>,
/// when above 0, the spread of a mean over seeds, drawn as an error bar of one standard deviation either side.</summary>
public sealed record RecallRow(string Model, int K, double Recall, double StdDev = 0);
