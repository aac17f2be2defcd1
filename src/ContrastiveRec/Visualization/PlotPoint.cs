namespace ContrastiveRec.Visualization;

/// <summary>A user's place on a 2-D map, and its cluster when it has one.</summary>
public sealed record PlotPoint(double X, double Y, int? Cluster = null);
