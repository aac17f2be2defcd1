using System.Globalization;
using ContrastiveRec.Evaluation;
using ContrastiveRec.Experiments;
using Xunit;

namespace ContrastiveRec.Tests;

public class JoinedListTests
{
    [Fact]
    public void Its_text_is_the_items_joined_by_a_bar_in_the_invariant_culture_whatever_the_thread_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("Crime|Drama", new JoinedList<string>(["Crime", "Drama"]).ToString());
            Assert.Equal("1.5|2.25", new JoinedList<double>([1.5, 2.25]).ToString());
            Assert.Equal("", JoinedList<int>.Empty.ToString());
            Assert.Equal("<1>|<2>", new JoinedList<int>([1, 2], i => $"<{i}>").ToString());
        }
        finally { CultureInfo.CurrentCulture = saved; }
    }

    [Fact]
    public void It_stays_a_list_over_the_array_it_wraps()
    {
        string[] genres = ["Action", "Drama"];
        IReadOnlyList<string> list = new JoinedList<string>(genres);
        Assert.Equal(2, list.Count);
        Assert.Equal("Drama", list[1]);
        Assert.Contains("Action", list);
    }

    [Fact]
    public void A_comparison_row_writes_its_measures_and_results_as_text_whatever_lists_it_was_given()
    {
        var result = new RecallAtK
        {
            Model = "m", Protocol = EvaluationProtocol.Full, K = 10, Recall = 0.123456, PooledRecall = 0.1, Ndcg = 0.2,
            HitRate = 0.3, Precision = 0.04, Users = 5, Relevant = 9,
        };
        var row = new ComparisonRow
        {
            Model = "m", TrainSize = 1, TestSize = 1, TrainSeconds = 1.5, Results = [result],
            Measures = [new ComparisonMeasure(EvaluationProtocol.Full, RankingMetric.Recall, 10, 0.123456, 0), new ComparisonMeasure(EvaluationProtocol.Full, RankingMetric.Ndcg, 10, 0.2, 0.01)],
        };
        Assert.Equal("Full Recall@10 0.1235|Full Ndcg@10 0.2 ±0.01", row.Measures.ToString());
        Assert.Equal("Full recall@10 0.1235", row.Results.ToString());
        Assert.Equal(0.123456, row.Recall(EvaluationProtocol.Full, 10));
    }
}
