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

    /// <summary>EASE: keep only movies with at least this many train ratings (for catalogues too large for a dense matrix).</summary>
    [Parameter]
    public int MinMovieRatings { get; set; } = BaselineSettings.Default.EaseMinMovieRatings;

    protected override void ProcessRecord()
    {
        var settings = new BaselineSettings { EaseLambda = Lambda, EaseMinMovieRatings = MinMovieRatings };
        try
        {
            WriteObject(Run(() => RecommenderRegistry.Build(Kind, InputObject, settings)));
        }
        catch (ArgumentOutOfRangeException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "ContrastiveRec.InvalidBaselineSetting", ErrorCategory.InvalidArgument, e.ActualValue));
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
