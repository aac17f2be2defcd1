using System.Globalization;
using System.Management.Automation;
using ContrastiveRec.Analysis;
using ContrastiveRec.Training;

namespace ContrastiveRec.PowerShell;

/// <summary>Lays users' embeddings out on a 2-D map with t-SNE (exact up to 5,000 users, Barnes-Hut above, or as -Method says).</summary>
[Cmdlet(VerbsData.ConvertTo, "Tsne", DefaultParameterSetName = EmbeddingSet)]
[OutputType(typeof(UserPoint))]
public sealed class ConvertToTsneCommand : ContrastiveRecCmdlet
{
    private const string EmbeddingSet = "Embedding";
    private const string ModelSet = "Model";
    private readonly List<UserEmbedding> _embeddings = [];

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = EmbeddingSet)]
    [AllowEmptyCollection]
    public UserEmbedding[] Embedding { get; set; } = null!;

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ModelSet)]
    public TrainedEncoder Model { get; set; } = null!;

    [Parameter]
    [ValidateRange(1.0, 10_000.0)]
    [CoreDefault(typeof(TsneOptions), nameof(TsneOptions.DefaultPerplexity))]
    public double? Perplexity { get; set; }

    [Parameter]
    [ValidateRange(1, 100_000)]
    [CoreDefault(typeof(TsneOptions), nameof(TsneOptions.Iterations))]
    public int? Iterations { get; set; }

    [Parameter]
    [ValidateRange(1e-3, 1e6)]
    [CoreDefault(typeof(TsneOptions), nameof(TsneOptions.LearningRate))]
    public double? LearningRate { get; set; }

    [Parameter]
    public SwitchParameter AutoLearningRate { get; set; }

    [Parameter]
    [CoreDefault(typeof(TsneOptions), nameof(TsneOptions.Initialization))]
    public TsneInitialization? Initialization { get; set; }

    [Parameter]
    [CoreDefault(typeof(TsneOptions), nameof(TsneOptions.Seed))]
    public int? Seed { get; set; }

    [Parameter]
    [CoreDefault(typeof(TsneOptions), nameof(TsneOptions.Method))]
    public TsneMethod? Method { get; set; }

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    [CoreDefault(typeof(TsneOptions), nameof(TsneOptions.Theta))]
    public double? Theta { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ModelSet)
        {
            // Each model is its own map.
            var vectors = Run(Model.GetEmbeddings, Model);
            Emit(Model.GetUserIds().ToArray(), vectors);
            return;
        }
        foreach (var e in Embedding)
            if (e is not null) _embeddings.Add(e);
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName != EmbeddingSet) return;
        if (_embeddings.Count == 0)
        {
            ThrowTerminatingError(Refusal("NoEmbeddings", RefusalCategory.InvalidArgument, "No embeddings came in: there is nothing to lay out.",
                "Pipe Get-UserEmbedding output, or a trained model, into ConvertTo-Tsne."));
        }
        Emit(_embeddings.Select(e => e.UserId).ToArray(), _embeddings.Select(e => e.Vector.ToArray()).ToArray());
    }

    private void Emit(object[] userIds, float[][] vectors)
    {
        // The core's defaults, with what the user gave.
        var defaults = new TsneOptions();
        var options = defaults with
        {
            Perplexity = Perplexity,
            Iterations = Iterations ?? defaults.Iterations,
            LearningRate = AutoLearningRate ? null : LearningRate ?? defaults.LearningRate,
            Initialization = Initialization ?? defaults.Initialization,
            Seed = Seed ?? defaults.Seed,
            Method = Method ?? defaults.Method,
            Theta = Theta ?? defaults.Theta,
        };
        var method = options.MethodFor(vectors.Length);
        // The core decides (a given perplexity too large is refused, the default lowered); here it is only said, before the work.
        var perplexity = Run(() => options.PerplexityFor(vectors.Length));
        if (perplexity.Lowered)
            WriteWarning(string.Create(CultureInfo.InvariantCulture,
                $"{vectors.Length:N0} users cannot carry the default perplexity of {TsneOptions.DefaultPerplexity} (each is calibrated over its 3 × perplexity nearest others): the map uses {perplexity.Value:0.##}, the most they carry."));
        WriteVerbose(string.Create(CultureInfo.InvariantCulture,
            $"{(method == TsneMethod.Exact ? "Exact" : "Barnes-Hut")} t-SNE of {vectors.Length:N0} users ({(vectors.Length > 0 ? vectors[0].Length : 0)}-d): perplexity {perplexity.Value:0.##}, learning rate {options.LearningRateFor(vectors.Length):0.#}, {options.Iterations} iterations, {options.Initialization} start"));
        var progress = new ProgressRecord(5, "ConvertTo-Tsne", method == TsneMethod.Exact ? "Calibrating neighbourhoods" : "Finding nearest neighbours");
        TryWriteProgress(progress);
        void Report(TsneProgress p)
        {
            if (p.NeighbourSearch is { } searched)
            {
                progress.StatusDescription = string.Create(CultureInfo.InvariantCulture, $"Finding nearest neighbours: {searched:P0} of the users");
                progress.PercentComplete = 0;
                progress.SecondsRemaining = SecondsLeft(p.Remaining);
                TryWriteProgress(progress);
                return;
            }
            progress.StatusDescription = p.KlDivergence is { } kl
                ? string.Create(CultureInfo.InvariantCulture, $"Iteration {p.Iteration}/{p.Iterations}, KL divergence {kl:0.0000}")
                : $"Iteration {p.Iteration}/{p.Iterations}";
            progress.PercentComplete = (int)(100 * p.Fraction);
            progress.SecondsRemaining = SecondsLeft(p.Remaining);
            TryWriteProgress(progress);
            if (p.KlDivergence is { } k && (p.Iteration % 250 == 0 || p.Iteration == p.Iterations))
                TryWriteVerbose(string.Create(CultureInfo.InvariantCulture, $"Iteration {p.Iteration}: KL divergence {k:0.0000} ({p.Elapsed.TotalSeconds:0.0} s)"));
        }

        var result = Run(() => Tsne.Embed(vectors, options, Report, Cancellation));
        CompleteProgress(progress);
        for (var i = 0; i < result.Count; i++) WriteObject(new UserPoint(userIds[i], result.X[i], result.Y[i]));
    }
}
