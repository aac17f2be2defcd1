using ContrastiveRec.Analysis;

namespace ContrastiveRec.Experiments;

/// <summary>A strategy's figure in the study's layout: its users' t-SNE map by cluster and each cluster's top movies.</summary>
public sealed record StrategyFigure(string Name, byte[] MapPng, IReadOnlyList<ClusterTopMovie> TopMovies, double KlDivergence);
