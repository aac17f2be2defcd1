using ContrastiveRec.Data;

namespace ContrastiveRec.Experiments;

/// <summary>How a <see cref="ParameterSearch"/> runs: method, trials, seed, time budget, and what it maximises.</summary>
public sealed record SearchOptions
{
    public SearchMethod Method { get; init; } = SearchMethod.Grid;

    /// <summary>Settings tried at most; null: the whole grid, or <see cref="ParameterSearch.DefaultRandomTrials"/> draws.</summary>
    public int? Trials { get; init; }

    /// <summary>Seeds the validation part's draw and the Random method's draws; training keeps its own seed.</summary>
    public int Seed { get; init; } = SplitDefaults.Seed;

    /// <summary>No trial starts after this much time, and one running when it passes is stopped and left out; null: none.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Maximised on the validation part (an accuracy measure: more is better).</summary>
    public RankingMetric Metric { get; init; } = RankingMetric.Recall;

    /// <summary>The metric's cut-off.</summary>
    public int K { get; init; } = 20;

    /// <summary>Share of each user's train ratings held out as the validation part (<see cref="RatingSet.TrainPart"/>).</summary>
    public double ValidationFraction { get; init; } = SplitDefaults.TestFraction;
}
