using System.Globalization;
using System.Management.Automation;
using ContrastiveRec.Data;
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

    /// <summary>EASE's L2 regularisation.</summary>
    [Parameter]
    public double Lambda { get; set; } = BaselineSettings.Default.EaseLambda;

    /// <summary>EASE: keep only movies with at least this many train ratings.</summary>
    [Parameter]
    public int MinMovieRatings { get; set; } = BaselineSettings.Default.EaseMinMovieRatings;

    /// <summary>ItemKnn: most similar movies kept per movie; omitted, the core chooses.</summary>
    [Parameter]
    public int? ItemNeighbors { get; set; }

    /// <summary>The baseline's name in results, tables and charts; unset, the registry's ("EASE", "UserKnn").</summary>
    [Parameter]
    public string? Name { get; set; }

    protected override void BeginProcessing() => ThrowIfInvalidModelName(Name);

    protected override void ProcessRecord()
    {
        var settings = new BaselineSettings { EaseLambda = Lambda, EaseMinMovieRatings = MinMovieRatings, ItemKnnNeighbors = ItemNeighbors };
        var progress = new ProgressRecord(3, $"New-BaselineRecommender ({Kind})", "Building");
        void Report(BaselineBuildProgress p)
        {
            try
            {
                progress.StatusDescription = p.Stage;
                progress.PercentComplete = (int)(100 * p.Fraction);
                progress.SecondsRemaining = SecondsLeft(p.Remaining);
                WriteProgress(progress);
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C: the host takes no more output; the cancellation token ends the build at its next check.
            }
        }

        var baseline = Run(() => RecommenderRegistry.Build(Kind, InputObject, settings, Report, Cancellation, Name), InputObject);
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        switch (baseline.Inner)
        {
            case EaseRecommender ease:
                var why = ease.CapWasAutomatic
                    ? FormattableString.Invariant($": the most-rated that fit its memory budget of {ease.MemoryBudget / 1e9:0.0} GB")
                    : ease.UsedUserForm ? ", through the users form" : "";
                WriteVerbose(FormattableString.Invariant(
                    $"EASE kept {ease.KeptMovies:N0} of {InputObject.MovieCount:N0} movies ({ease.RatingShareCovered:P1} of train ratings){why}; built in {baseline.BuildTime.TotalSeconds:0.0} s."));
                break;
            case ItemKnnRecommender knn:
                var kept = knn.KeepsAllNeighbors ? "all other" : knn.Neighbors.ToString("N0", CultureInfo.InvariantCulture);
                WriteVerbose(FormattableString.Invariant($"ItemKnn keeps {kept} most similar movies per movie; built in {baseline.BuildTime.TotalSeconds:0.0} s."));
                break;
        }
        WriteObject(baseline);
    }
}
