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
    [CoreDefault(typeof(MovieLensReadOptions), nameof(MovieLensReadOptions.TestFraction))]
    public double? TestFraction { get; set; }

    [Parameter]
    [CoreDefault(typeof(MovieLensReadOptions), nameof(MovieLensReadOptions.Seed))]
    public int? Seed { get; set; }

    [Parameter]
    [CoreDefault(typeof(MovieLensReadOptions), nameof(MovieLensReadOptions.SplitMethod))]
    public SplitMethod? SplitMethod { get; set; }

    protected override void ProcessRecord()
    {
        var path = Path is null ? BundledDataPath : ResolvePath(Path);
        var activity = $"Import-MovieLens {System.IO.Path.GetFileName(path)}";
        var defaults = new MovieLensReadOptions();
        var progress = new ProgressRecord(1, activity, "Reading ratings");
        var options = new MovieLensReadOptions
        {
            TestFraction = TestFraction ?? defaults.TestFraction,
            Seed = Seed ?? defaults.Seed,
            SplitMethod = SplitMethod ?? defaults.SplitMethod,
            CancellationToken = Cancellation,
            Warning = WriteWarning,
            Progress = (done, total) =>
            {
                progress.PercentComplete = (int)(100 * done / Math.Max(1, total));
                TryWriteProgress(progress);
            },
        };
        WriteVerbose($"Reading {path}");
        var set = Run(() => MovieLensReader.Read(path, options), path);
        CompleteProgress(progress);
        WriteObject(set);
    }

    /// <summary>The ml-latest-small set shipped with the module.</summary>
    public static string BundledDataPath => System.IO.Path.Combine(ModuleFolder, "data", "ml-latest-small");
}
