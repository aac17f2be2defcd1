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
            var message = $"'{path}' is a folder, not a model file.";
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), "ContrastiveRec.ModelPathIsFolder", ErrorCategory.InvalidArgument, path)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Give the path of a file written by Export-EncoderModel, such as (Get-ChildItem <folder> -Filter *.crec)." },
            });
        }
        if (!File.Exists(path))
        {
            ThrowTerminatingError(new ErrorRecord(new FileNotFoundException($"'{path}' does not exist.", path), "ContrastiveRec.ModelFileNotFound",
                ErrorCategory.ObjectNotFound, path));
        }
        try
        {
            if (AllowOtherData && Ratings is null)
                ThrowTerminatingError(ArgumentError("AllowOtherDataNeedsRatings", "-AllowOtherData applies the model to the ratings given with -Ratings; give them.", path));
            var model = Run(() => TrainedEncoder.Load(path, Ratings, AllowOtherData, Name), path);
            if (model.RatingSet is null)
                WriteWarning($"The ratings the model was trained on could not be re-read: {model.DataProblem}. Pass them with -Ratings to recommend and evaluate.");
            WriteObject(model);
        }
        catch (ModelDataMismatchException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "ContrastiveRec.ModelDataMismatch", ErrorCategory.InvalidData, Ratings)
            {
                ErrorDetails = new ErrorDetails(e.Problem) { RecommendedAction = e.Remedy },
            });
        }
        catch (InvalidDataException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "ContrastiveRec.InvalidModelFile", ErrorCategory.InvalidData, path)
            {
                ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = "Check the path; re-export the model with Export-EncoderModel." },
            });
        }
    }
}
