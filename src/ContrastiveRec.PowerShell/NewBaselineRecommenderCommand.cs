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

    protected override void ProcessRecord() => WriteObject(Run(() => BaselineRecommender.Create(Kind, InputObject)));
}
