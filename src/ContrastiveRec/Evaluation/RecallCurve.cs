namespace ContrastiveRec.Evaluation;

/// <summary>
/// Mean recall at every cut-off from 1 to <see cref="MaxK"/>, from one ranking per user: how recall grows down the
/// list. <c>Recall[K - 1]</c> is recall@K, equal to the <see cref="RecallAtK.Recall"/> of the same evaluation to the
/// last digit (the same per-user values, summed in the same order).
/// </summary>
public sealed record RecallCurve
{
    /// <summary>The longest list the report's curve goes to.</summary>
    public const int DefaultMaxK = 100;

    public required string Model { get; init; }
    public required EvaluationProtocol Protocol { get; init; }

    /// <summary>recall@1 .. recall@MaxK, fractions 0..1 (NaN when no user was evaluated).</summary>
    public required IReadOnlyList<double> Recall { get; init; }

    public int MaxK => Recall.Count;

    /// <summary>Users with at least one relevant test item: the ones averaged.</summary>
    public required int Users { get; init; }

    /// <summary>recall@<paramref name="k"/>, 1 &lt;= k &lt;= MaxK.</summary>
    public double At(int k) => k >= 1 && k <= MaxK ? Recall[k - 1]
        : throw new ArgumentOutOfRangeException(nameof(k), k, $"The curve goes from K 1 to {MaxK}.");

    /// <summary>The curve of rankings against relevant sets (same order). A list shorter than K (too few candidates)
    /// keeps the hits it has, as <see cref="RankingEvaluator"/> scores it.</summary>
    internal static RecallCurve Of(string model, EvaluationProtocol protocol, IReadOnlyList<Recommendation.MovieRanking> rankings,
        IReadOnlyList<HashSet<int>> relevant, int maxK)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxK, 1);
        var sums = new double[maxK];
        for (var i = 0; i < rankings.Count; i++)
        {
            var movies = rankings[i].Movies;
            var rel = relevant[i];
            var hits = 0;
            for (var p = 0; p < maxK; p++)
            {
                if (p < movies.Length && rel.Contains(movies[p])) hits++;
                sums[p] += (double)hits / rel.Count;
            }
        }
        var count = rankings.Count;
        return new RecallCurve
        {
            Model = model,
            Protocol = protocol,
            Recall = sums.Select(s => count == 0 ? double.NaN : s / count).ToArray(),
            Users = count,
        };
    }
}
