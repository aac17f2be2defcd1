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

    /// <summary>Users with at least one relevant test item: the ones evaluated.</summary>
    public required int Users { get; init; }

    /// <summary>Relevant test items over all evaluated users.</summary>
    public required int Relevant { get; init; }

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Model} ({Protocol}) recall@{K} {Recall:P2}, pooled {PooledRecall:P2}, NDCG {Ndcg:P2}, hit rate {HitRate:P2}, precision {Precision:P2} over {Users} users, {Relevant} relevant");
}
