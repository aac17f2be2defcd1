using System.Management.Automation;
using ContrastiveRec.Data;

namespace ContrastiveRec.PowerShell;

/// <summary>Reads any delimited ratings or interaction file with a header into one RatingSet, with a per-user split.</summary>
[Cmdlet(VerbsData.Import, "RatingSet")]
[OutputType(typeof(RatingSet))]
public sealed class ImportRatingSetCommand : ContrastiveRecCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The field separator; found from the header line when not given.</summary>
    [Parameter]
    [ValidateSet(",", "\t", ";", "|", "Comma", "Tab", "Semicolon", "Pipe", IgnoreCase = true)]
    public string? Delimiter { get; set; }

    [Parameter]
    public string? UserColumn { get; set; }

    [Parameter]
    [Alias("MovieColumn")]
    public string? ItemColumn { get; set; }

    [Parameter]
    public string? RatingColumn { get; set; }

    [Parameter]
    public string? TimestampColumn { get; set; }

    /// <summary>A file naming the items: id, title and categories columns, with a header.</summary>
    [Parameter]
    [Alias("MoviePath")]
    public string? ItemPath { get; set; }

    /// <summary>Implicit feedback: read every row as an interaction (repeats counted), even if a column looks like a rating.</summary>
    [Parameter]
    [Alias("NoRating")]
    public SwitchParameter Implicit { get; set; }

    /// <summary>The ratings' scale (lowest, highest); found from the data when not given.</summary>
    [Parameter]
    [ValidateCount(2, 2)]
    public double[]? RatingScale { get; set; }

    /// <summary>A rating at or above it is relevant; by default the place of 3.5 on 0.5-5 on the scale (7 on 1-10).</summary>
    [Parameter]
    [ValidateNotNull]
    public double? RelevanceThreshold { get; set; }

    /// <summary>What to do with a user and item given twice in explicit ratings: Refuse (the default), KeepLast or Mean.</summary>
    [Parameter]
    public DuplicatePolicy? Duplicates { get; set; }

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
        var path = ResolvePath(Path);
        var progress = new ProgressRecord(1, $"Import-RatingSet {System.IO.Path.GetFileName(path)}", "Reading ratings");
        var defaults = new MovieLensReadOptions();
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
        var format = new RatingFileFormat
        {
            Delimiter = Delimiter switch
            {
                null => null,
                _ when Delimiter.Equals("Comma", StringComparison.OrdinalIgnoreCase) => ',',
                _ when Delimiter.Equals("Tab", StringComparison.OrdinalIgnoreCase) => '\t',
                _ when Delimiter.Equals("Semicolon", StringComparison.OrdinalIgnoreCase) => ';',
                _ when Delimiter.Equals("Pipe", StringComparison.OrdinalIgnoreCase) => '|',
                _ => Delimiter[0],
            },
            UserColumn = UserColumn,
            ItemColumn = ItemColumn,
            RatingColumn = RatingColumn,
            TimestampColumn = TimestampColumn,
            NoRating = Implicit,
            ItemPath = ItemPath is null ? null : ResolvePath(ItemPath),
        };
        WriteVerbose($"Reading {path}");
        var feedback = Run(() => FeedbackParameters.Options(RatingScale, RelevanceThreshold, Implicit, Duplicates));
        var set = Run(() => RatingFileReader.Read(path, format, options, feedback), path);
        CompleteProgress(progress);
        WriteVerbose($"Read with {set.Format}; the ratings: {set.Feedback}.");
        WriteObject(set);
    }
}
