using System.Management.Automation;
using ContrastiveRec.Data;

namespace ContrastiveRec.PowerShell;

/// <summary>Reads a MovieLens release into one RatingSet with the study's per-user train/test split.</summary>
[Cmdlet(VerbsData.Import, "MovieLens")]
[OutputType(typeof(RatingSet))]
public sealed class ImportMovieLensCommand : RatingSetReaderCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    protected override void ProcessRecord()
    {
        var path = Path is null ? BundledDataPath : ResolvePath(Path);
        var activity = $"Import-MovieLens {System.IO.Path.GetFileName(path)}";
        var progress = new ProgressRecord(1, activity, "Reading ratings");
        var options = ReadOptions(progress);
        WriteVerbose($"Reading {path}");
        var set = Run(() => MovieLensReader.Read(path, options), path);
        CompleteProgress(progress);
        WriteObject(set);
    }

    /// <summary>The ml-latest-small set shipped with the module.</summary>
    public static string BundledDataPath => System.IO.Path.Combine(ModuleFolder, "data", "ml-latest-small");
}
