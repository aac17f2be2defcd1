using System.Management.Automation;
using ContrastiveRec.Data;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>Loads a trained encoder saved by Export-EncoderModel.</summary>
[Cmdlet(VerbsData.Import, "EncoderModel")]
[OutputType(typeof(TrainedEncoder))]
public sealed class ImportEncoderModelCommand : ContrastiveRecCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    /// <summary>The ratings the model was trained on; without it the recorded source is re-read when it exists.</summary>
    [Parameter]
    public RatingSet? Ratings { get; set; }

    /// <summary>Apply the model to -Ratings although they are not the data it was trained on.</summary>
    [Parameter]
    public SwitchParameter AllowOtherData { get; set; }

    /// <summary>The model's name from now on, instead of the one saved in the file.</summary>
    [Parameter]
    public string? Name { get; set; }

    protected override void BeginProcessing() => ThrowIfInvalidModelName(Name);

    protected override void ProcessRecord()
    {
        var path = ResolvePath(Path);
        if (Directory.Exists(path))
        {
            ThrowTerminatingError(Refusal("ModelPathIsFolder", RefusalCategory.InvalidArgument, $"'{path}' is a folder, not a model file.",
                "Give the path of a file written by Export-EncoderModel, such as (Get-ChildItem <folder> -Filter *.crec).", path));
        }
        if (!File.Exists(path))
        {
            ThrowTerminatingError(Refusal("ModelFileNotFound", RefusalCategory.ObjectNotFound, $"'{path}' does not exist.",
                "Check the path; Export-EncoderModel writes model files.", path, new FileNotFoundException($"'{path}' does not exist.", path)));
        }
        if (AllowOtherData && Ratings is null)
        {
            ThrowTerminatingError(Refusal("AllowOtherDataNeedsRatings", RefusalCategory.InvalidArgument,
                "-AllowOtherData applies the model to the ratings given with -Ratings, and none were given.", "Give -Ratings, or leave out -AllowOtherData.", path));
        }
        var model = Run(() => TrainedEncoder.Load(path, Ratings, AllowOtherData, Name), path);
        if (model.RatingSet is null)
            WriteWarning($"The ratings the model was trained on could not be re-read: {model.DataProblem}. Pass them with -Ratings to recommend and evaluate.");
        WriteObject(model);
    }
}
