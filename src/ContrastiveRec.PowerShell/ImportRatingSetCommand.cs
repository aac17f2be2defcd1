using System.Management.Automation;
using ContrastiveRec.Data;

namespace ContrastiveRec.PowerShell;

/// <summary>Reads any delimited ratings or interaction file with a header into one RatingSet, with a per-user split.</summary>
[Cmdlet(VerbsData.Import, "RatingSet")]
[OutputType(typeof(RatingSet))]
public sealed class ImportRatingSetCommand : InteractionReaderCmdlet
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

    protected override void ProcessRecord()
    {
        var path = ResolvePath(Path);
        var progress = new ProgressRecord(1, $"Import-RatingSet {System.IO.Path.GetFileName(path)}", "Reading ratings");
        var options = ReadOptions(progress);
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
        var feedback = Feedback();
        var set = Run(() => RatingFileReader.Read(path, format, options, feedback), path);
        CompleteProgress(progress);
        WriteVerbose($"Read with {set.Format}; the ratings: {set.Feedback}.");
        WriteObject(set);
    }
}
