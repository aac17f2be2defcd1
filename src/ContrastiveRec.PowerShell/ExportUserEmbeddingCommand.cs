using System.Management.Automation;
using ContrastiveRec.Data;
using ContrastiveRec.Recommendation;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>Writes a model's embedding matrix (its users', or with -Movies its movies') to a CSV, Parquet or .npy file
/// that pandas and NumPy read as is.</summary>
[Cmdlet(VerbsData.Export, "UserEmbedding", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportUserEmbeddingCommand : ContrastiveRecCmdlet
{
    /// <summary>A trained encoder. Typed loosely so that a baseline piped in is refused by name, with advice, rather than
    /// by the binder.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object Model { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    /// <summary>For a path whose extension names no format; by default the extension chooses.</summary>
    [Parameter]
    public EmbeddingFileFormat? Format { get; set; }

    /// <summary>The movies' embeddings (UserMovie and Graph models) instead of the users'.</summary>
    [Parameter]
    public SwitchParameter Movies { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var model = Encoder(Model);
        var path = ResolvePath(Path);
        ThrowIfFolder(path, OutputFile.Embedding, "-Path"); // a folder is said as such, before its (lack of) extension
        var format = Run(() => EmbeddingFile.FormatOf(path, Format), path);
        var (rows, dimensions) = Run(() => EmbeddingExport.Shape(model, Movies), model);
        var what = Movies ? "movie" : "user";
        var files = EmbeddingFile.Files(path, format);
        // Every file is asked for before any is written (a .npy's ids too), so -WhatIf lists them all.
        var allowed = files.Select((file, i) => ShouldWrite(file, OutputFile.Embedding, Force,
            i == 0 ? $"Write {rows:N0} {what} embeddings of {dimensions} dimensions ({format})" : $"Write the {what} ids of the .npy's rows")).ToList();
        if (allowed.Contains(false)) return;

        var progress = new ProgressRecord(9, "Export-UserEmbedding", Movies ? $"Reading {rows:N0} movie embeddings" : $"Encoding {rows:N0} users");
        TryWriteProgress(progress);
        var writing = false;
        void Report(EmbeddingExportProgress p)
        {
            var first = !writing;
            writing = true;
            progress.StatusDescription = $"Writing {rows:N0} rows of {dimensions} floats to {System.IO.Path.GetFileName(path)}";
            progress.PercentComplete = (int)(100 * p.Fraction);
            progress.SecondsRemaining = SecondsLeft(p.Remaining);
            TryWriteProgress(progress, now: first);
        }
        // Run maps Ctrl+C (the core stops between blocks of rows, leaving no file) to a stopped pipeline.
        Run(() => WriteFile(path, OutputFile.Embedding, () => EmbeddingExport.Write(model, path, format, Movies, Report, Cancellation)));
        CompleteProgress(progress);
        if (PassThru)
            foreach (var file in files) WriteFileItem(file);
    }

    private TrainedEncoder Encoder(object input)
    {
        var value = input is PSObject ps ? ps.BaseObject : input;
        if (value is TrainedEncoder model) return model;
        var problem = value switch
        {
            BaselineRecommender b => $"{b.Name} is a baseline (New-BaselineRecommender): it ranks movies from the ratings themselves and learns no embeddings to export.",
            IRecommender r => $"{r.Name} is not a trained encoder: it adds up other models' scores and has no embeddings of its own.",
            _ => $"A {value.GetType().Name} is not a model: there are no embeddings to export.",
        };
        ThrowTerminatingError(Refusal("NotAnEncoder", RefusalCategory.InvalidArgument, problem,
            "Give -Model a model from Invoke-EncoderTraining or Import-EncoderModel (the study's strategies, or -Objective UserMovie with any -Encoder): those learn embeddings. Get-Recommendation works with baselines.",
            value is IRecommender named ? named.Name : value));
        return null!; // not reached
    }
}
