namespace ContrastiveRec.Evaluation;

/// <summary>Ranking quality at one cut-off K. Fractions are 0..1; NaN (missing, shown as n/a) when no user could be evaluated.</summary>
public sealed record RecallAtK
{
    public required string Model { get; init; }
    public required EvaluationProtocol Protocol { get; init; }
    public required int K { get; init; }

    /// <summary>Mean over evaluated users of hits / relevant items.</summary>
    public required double Recall { get; init; }

    /// <summary>All hits over all relevant items (users with many relevant items weigh more).</summary>
    public required double PooledRecall { get; init; }

    /// <summary>Mean over users of DCG / IDCG, binary relevance, IDCG over min(K, relevant) items.</summary>
    public required double Ndcg { get; init; }

    /// <summary>Share of users with at least one hit.</summary>
    public required double HitRate { get; init; }

    /// <summary>Mean over users of hits / K (a shorter list is not given a smaller denominator).</summary>
    public required double Precision { get; init; }

    /// <summary>Mean over users of average precision (the precision at each hit's rank, summed over min(K, relevant)).</summary>
    public double Map { get; init; } = double.NaN;

    /// <summary>Mean over users of 1 / the rank of the first hit (0 without a hit).</summary>
    public double Mrr { get; init; } = double.NaN;

    /// <summary>Catalogue coverage: the share of the candidate movies that reach some evaluated user's top K. A model
    /// that recommends the same popular movies to everyone has a recall to show and a coverage near 0.</summary>
    public double Coverage { get; init; } = double.NaN;

    /// <summary>Mean over users of the mean train popularity (users who rated it) of their recommended movies.</summary>
    public double MeanPopularity { get; init; } = double.NaN;

    /// <summary>Mean over users of the mean popularity percentile of their recommended movies in the catalogue, 0..1
    /// (0.99: recommendations come from the most popular 1 %).</summary>
    public double PopularityPercentile { get; init; } = double.NaN;

    /// <summary>Mean over users of the mean self-information of their recommended movies, in bits (-log2 of the share
    /// of train users who rated each): higher is less obvious.</summary>
    public double Novelty { get; init; } = double.NaN;

    /// <summary>Users with at least one relevant test item: the ones evaluated.</summary>
    public required int Users { get; init; }

    /// <summary>Relevant test items over all evaluated users.</summary>
    public required int Relevant { get; init; }

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Model} ({Protocol}) recall@{K} {Recall:P2}, pooled {PooledRecall:P2}, NDCG {Ndcg:P2}, MAP {Map:P2}, MRR {Mrr:0.000}, hit rate {HitRate:P2}, precision {Precision:P2}, coverage {Coverage:P2}, novelty {Novelty:0.00} bits over {Users} users, {Relevant} relevant");
}
