namespace ContrastiveRec.Evaluation;

/// <summary>One user's ranking quality at one cut-off K (Measure-RecallAtK -PerUser): what a paired test compares. The
/// means of these over the evaluated users are <see cref="RecallAtK"/>'s figures, exactly.</summary>
public sealed record UserRecallAtK
{
    public required string Model { get; init; }
    public required EvaluationProtocol Protocol { get; init; }
    public required int K { get; init; }

    /// <summary>The user's id, as the data names it (a number or text).</summary>
    public required object User { get; init; }

    /// <summary>The user's relevant test movies.</summary>
    public required int Relevant { get; init; }

    /// <summary>Relevant movies among the top K.</summary>
    public required int Hits { get; init; }

    /// <summary>Hits / relevant movies.</summary>
    public required double Recall { get; init; }

    /// <summary>DCG / IDCG, binary relevance, IDCG over min(K, relevant) movies.</summary>
    public required double Ndcg { get; init; }

    /// <summary>Hits / K.</summary>
    public required double Precision { get; init; }

    /// <summary>The sum of the precision at each hit's rank, over min(K, relevant): its mean over users is MAP.</summary>
    public required double AveragePrecision { get; init; }

    /// <summary>1 / the rank of the first hit, 0 without one: its mean over users is MRR.</summary>
    public required double ReciprocalRank { get; init; }

    /// <summary>Mean train popularity (users who rated it) of the movies recommended (NaN when none was).</summary>
    public required double MeanPopularity { get; init; }

    /// <summary>Mean percentile of those movies' popularity in the catalogue, 0..1.</summary>
    public required double PopularityPercentile { get; init; }

    /// <summary>Mean self-information of those movies, in bits: -log2 of the share of train users who rated each.</summary>
    public required double Novelty { get; init; }

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Model} ({Protocol}) user {User} recall@{K} {Recall:P2} ({Hits} of {Relevant}), NDCG {Ndcg:P2}, AP {AveragePrecision:P2}, RR {ReciprocalRank:0.000}");
}
