using System.Management.Automation;
using ContrastiveRec.Data;

namespace ContrastiveRec.PowerShell;

/// <summary>The cmdlets that make a RatingSet (Import-MovieLens, Import-RatingSet, ConvertTo-RatingSet): the per-user
/// train/test split they apply, with the core's defaults.</summary>
public abstract class RatingSetReaderCmdlet : ContrastiveRecCmdlet
{
    [Parameter]
    [ValidateRange(0.0, 0.99)]
    [CoreDefault(typeof(MovieLensReadOptions), nameof(MovieLensReadOptions.TestFraction))]
    public double? TestFraction { get; set; }

    [Parameter]
    [CoreDefault(typeof(MovieLensReadOptions), nameof(MovieLensReadOptions.Seed))]
    public int? Seed { get; set; }

    [Parameter]
    [CoreDefault(typeof(MovieLensReadOptions), nameof(MovieLensReadOptions.SplitMethod))]
    public SplitMethod? SplitMethod { get; set; }

    /// <summary>The read options of a file: the split given or the core's, cancellation, warnings, and progress
    /// written to <paramref name="progress"/>.</summary>
    protected MovieLensReadOptions ReadOptions(ProgressRecord progress)
    {
        var defaults = new MovieLensReadOptions();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        return new MovieLensReadOptions
        {
            TestFraction = TestFraction ?? defaults.TestFraction,
            Seed = Seed ?? defaults.Seed,
            SplitMethod = SplitMethod ?? defaults.SplitMethod,
            CancellationToken = Cancellation,
            Warning = WriteWarning,
            Progress = (done, total) =>
            {
                var fraction = (double)done / Math.Max(1, total);
                progress.PercentComplete = (int)(100 * fraction);
                if (ProgressEstimate.Remaining(clock.Elapsed, fraction) is { } left) progress.SecondsRemaining = (int)Math.Ceiling(left.TotalSeconds);
                TryWriteProgress(progress);
            },
        };
    }
}

/// <summary>The readers of data other than MovieLens (Import-RatingSet, ConvertTo-RatingSet): what the ratings mean.</summary>
public abstract class InteractionReaderCmdlet : RatingSetReaderCmdlet
{
    /// <summary>Implicit feedback: every row or object is an interaction (repeats counted), even with a rating.</summary>
    [Parameter]
    [Alias("NoRating")]
    public SwitchParameter Implicit { get; set; }

    /// <summary>The ratings' scale (lowest, highest); found from the data when not given.</summary>
    [Parameter]
    [ValidateCount(2, 2)]
    public double[]? RatingScale { get; set; }

    /// <summary>A rating at or above it is relevant; by default the place of 3.5 on 0.5-5 on the scale (7 on 1-10).</summary>
    [Parameter]
    [ValidateNotNull]
    public double? RelevanceThreshold { get; set; }

    /// <summary>What to do with a user and item given twice in explicit ratings: Refuse (the default), KeepLast or Mean.</summary>
    [Parameter]
    public DuplicatePolicy? Duplicates { get; set; }

    /// <summary>The feedback parameters as the core's options (InvalidRatingScale for a scale or threshold that is not one).</summary>
    protected FeedbackOptions Feedback() => Run(() => FeedbackParameters.Options(RatingScale, RelevanceThreshold, Implicit, Duplicates));
}
