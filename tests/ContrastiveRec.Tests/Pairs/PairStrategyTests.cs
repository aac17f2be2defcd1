using ContrastiveRec.Data;
using ContrastiveRec.Pairs;
using Xunit;

namespace ContrastiveRec.Tests.Pairs;

public class PairStrategyTests
{
    [Fact]
    public void Presets_carry_the_study_settings()
    {
        var s1 = PairStrategy.FromPreset(1);
        Assert.Equal((3.5, 3.5, (int?)null, false), (s1.LikeThreshold, s1.DislikeThreshold, s1.PopularityThreshold, s1.NormalizeRatings));
        var s2 = PairStrategy.FromPreset(2);
        Assert.Equal((3.5, 3.5, (int?)100, false), (s2.LikeThreshold, s2.DislikeThreshold, s2.PopularityThreshold, s2.NormalizeRatings));
        var s3 = PairStrategy.FromPreset(3);
        Assert.Equal((3.5, 3.5, (int?)null, true), (s3.LikeThreshold, s3.DislikeThreshold, s3.PopularityThreshold, s3.NormalizeRatings));
        var s4 = PairStrategy.FromPreset(4);
        Assert.Equal((4.0, 3.0, (int?)100, true), (s4.LikeThreshold, s4.DislikeThreshold, s4.PopularityThreshold, s4.NormalizeRatings));
        for (var n = 1; n <= 4; n++)
        {
            var s = PairStrategy.FromPreset(n);
            Assert.Equal(n, s.Preset);
            Assert.Equal((10, 10, NegativeRule.Disagree), (s.MinLikers, s.MinDislikers, s.NegativeRule));
            Assert.StartsWith($"Strategy {n}:", s.ToString());
        }
    }

    [Fact]
    public void Preset_number_follows_the_settings()
    {
        Assert.Null((PairStrategy.FromPreset(1) with { LikeThreshold = 4.5 }).Preset);
        Assert.Equal(2, (PairStrategy.FromPreset(1) with { PopularityThreshold = 100 }).Preset);
        // Minimums and the negative rule are not part of a preset.
        Assert.Equal(3, (PairStrategy.FromPreset(3) with { MinLikers = 2, NegativeRule = NegativeRule.CoDisliker }).Preset);
        Assert.StartsWith("Custom strategy:", new PairStrategy { LikeThreshold = 4.5 }.ToString());
        Assert.Equal(PairStrategy.FromPreset(4), PairStrategy.FromPreset(4));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public void Unknown_preset_is_rejected(int n)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PairStrategy.FromPreset(n));
        Assert.Equal("preset", e.ParamName);
    }

    [Fact]
    public void Bad_values_name_their_parameter()
    {
        // Each refusal names its setting (the target) and the New-PairStrategy parameter to change.
        void Refuses(string setting, Func<object?> make)
        {
            var e = Refused.By("InvalidPairStrategy", RefusalCategory.InvalidArgument, make);
            Assert.Equal(setting, e.Target);
            Assert.StartsWith(setting, e.Problem);
            Assert.StartsWith($"Give New-PairStrategy -{setting} ", e.Remedy);
        }
        // A threshold is checked against the scale of the set the strategy meets (here MovieLens' 0.5 to 5).
        var movieLens = ColumnSets.Of("ml", [1], [1], [4f], null, new FeedbackOptions { Scale = RatingScale.MovieLens });
        Refuses("LikeThreshold", () => new PairStrategy { LikeThreshold = 5.5 }.On(movieLens));
        Refuses("LikeThreshold", () => new PairStrategy { LikeThreshold = double.NaN });
        Refuses("DislikeThreshold", () => new PairStrategy { DislikeThreshold = 0.4 }.On(movieLens));
        Refuses("PopularityThreshold", () => new PairStrategy { PopularityThreshold = -1 });
        Refuses("MinLikers", () => new PairStrategy { MinLikers = -1 });
        Refuses("MinDislikers", () => new PairStrategy { MinDislikers = -1 });
        Refuses("NegativeRule", () => new PairStrategy { NegativeRule = (NegativeRule)7 });

        var crossed = new PairStrategy { LikeThreshold = 3, DislikeThreshold = 4 };
        Refuses("DislikeThreshold", crossed.Validate);
        Assert.Contains("must not be above LikeThreshold", Assert.Throws<ContrastiveRecException>(crossed.Validate).Problem);
        new PairStrategy { LikeThreshold = 0.5, DislikeThreshold = 0.5, PopularityThreshold = 0, MinLikers = 0, MinDislikers = 0 }.Validate();
    }
}
