using System.Management.Automation;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>Saves a trained encoder to one file, written to a temporary name and renamed.</summary>
[Cmdlet(VerbsData.Export, "EncoderModel", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportEncoderModelCommand : ContrastiveRecCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public TrainedEncoder Model { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var path = ResolvePath(Path);
        if (!ShouldWrite(path, OutputFile.Model, Force, "Write encoder model")) return;
        WriteFile(path, OutputFile.Model, () => Model.Save(path, overwrite: Force));
        if (PassThru) WriteFileItem(path);
    }
}
