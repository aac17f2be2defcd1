using System.Management.Automation;
using ContrastiveRec.Data;

namespace ContrastiveRec.PowerShell;

/// <summary>Reads a MovieLens release into one RatingSet with the study's per-user train/test split.</summary>
[Cmdlet(VerbsData.Import, "MovieLens")]
[OutputType(typeof(RatingSet))]
public sealed class ImportMovieLensCommand : ContrastiveRecCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter]
    [ValidateRange(0.0, 0.99)]
    public double TestFraction { get; set; } = 0.05;

    [Parameter]
    public int Seed { get; set; } = 42;

    [Parameter]
    public SplitMethod SplitMethod { get; set; } = SplitMethod.Random;

    protected override void ProcessRecord()
    {
        var path = Path is null ? BundledDataPath : ResolvePath(Path);
        var activity = $"Import-MovieLens {System.IO.Path.GetFileName(path)}";
        var options = new MovieLensReadOptions
        {
            TestFraction = TestFraction,
            Seed = Seed,
            SplitMethod = SplitMethod,
            CancellationToken = Cancellation,
            Warning = WriteWarning,
            Progress = (done, total) => WriteProgress(new ProgressRecord(1, activity, "Reading ratings")
            {
                PercentComplete = (int)(100 * done / Math.Max(1, total)),
            }),
        };
        WriteVerbose($"Reading {path}");
        var set = Run(() => MovieLensReader.Read(path, options), path);
        WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
        WriteObject(set);
    }

    /// <summary>The ml-latest-small set shipped with the module.</summary>
    public static string BundledDataPath => System.IO.Path.Combine(ModuleFolder, "data", "ml-latest-small");
}
