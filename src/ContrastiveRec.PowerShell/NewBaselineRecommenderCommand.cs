using System.Management.Automation;
using ContrastiveRec.Data;
using ContrastiveRec.Experiments;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.PowerShell;

/// <summary>Builds a baseline recommender from the registry on a RatingSet's train part, to compare with the encoder.</summary>
[Cmdlet(VerbsCommon.New, "BaselineRecommender")]
[OutputType(typeof(BaselineRecommender))]
public sealed class NewBaselineRecommenderCommand : ContrastiveRecCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public BaselineKind Kind { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public RatingSet InputObject { get; set; } = null!;

    /// <summary>EASE's L2 regularisation; omitted, chosen on a validation part of the train ratings (BaselineTuning).</summary>
    [Parameter]
    public double? Lambda { get; set; }

    /// <summary>EASE: keep only movies with at least this many train ratings.</summary>
    [Parameter]
    [CoreDefault(typeof(BaselineSettings), nameof(BaselineSettings.EaseMinMovieRatings))]
    [Alias("MinItemRatings")]
    public int? MinMovieRatings { get; set; }

    /// <summary>ItemKnn: most similar movies kept per movie; omitted, the core chooses.</summary>
    [Parameter]
    public int? ItemNeighbors { get; set; }

    /// <summary>The baseline's name in results, tables and charts; unset, the registry's ("EASE", "UserKnn").</summary>
    [Parameter]
    public string? Name { get; set; }

    protected override void BeginProcessing() => ThrowIfInvalidModelName(Name);

    protected override void ProcessRecord()
    {
        var defaults = BaselineSettings.Default;
        var settings = defaults with
        {
            EaseLambda = Lambda ?? defaults.EaseLambda,
            EaseMinMovieRatings = MinMovieRatings ?? defaults.EaseMinMovieRatings,
            ItemKnnNeighbors = ItemNeighbors ?? defaults.ItemKnnNeighbors,
        };
        var progress = new ProgressRecord(3, $"New-BaselineRecommender ({Kind})", "Building");
        void Report(BaselineBuildProgress p)
        {
            progress.StatusDescription = p.Stage;
            progress.PercentComplete = (int)(100 * p.Fraction);
            progress.SecondsRemaining = SecondsLeft(p.Remaining);
            TryWriteProgress(progress);
        }

        // A setting of the kind's default grid that the user left out is chosen on validation; one given is used as given.
        var given = MyInvocation.BoundParameters.Keys.ToArray();
        var baseline = Run(() => BaselineTuning.Build(Kind, InputObject, settings, given, Report, Cancellation, Name), InputObject);
        CompleteProgress(progress);
        if (baseline.ChoiceDetail is { } why) WriteVerbose(why);
        WriteVerbose(baseline.Summary);
        WriteObject(baseline);
    }
}
