using System.Management.Automation;
using ContrastiveRec.Data;
using ContrastiveRec.Recommendation;

namespace ContrastiveRec.PowerShell;

/// <summary>Builds a baseline recommender on a RatingSet's train part, to compare with the encoder.</summary>
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
    [ValidateRange(1e-6, 1e9)]
    public double Lambda { get; set; } = 100;

    /// <summary>EASE: keep only movies with at least this many train ratings (for catalogues too large for a dense matrix).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MinMovieRatings { get; set; } = 1;

    protected override void ProcessRecord()
    {
        try
        {
            WriteObject(Run(() => BaselineRecommender.Create(Kind, InputObject, Lambda, MinMovieRatings)));
        }
        catch (ArgumentException e) when (Kind == BaselineKind.Ease)
        {
            ThrowTerminatingError(new ErrorRecord(e, "ContrastiveRec.EaseTooLarge", ErrorCategory.LimitsExceeded, InputObject)
            {
                ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = "Raise -MinMovieRatings until the kept movies (or the users) fit the limit." },
            });
        }
    }
}
