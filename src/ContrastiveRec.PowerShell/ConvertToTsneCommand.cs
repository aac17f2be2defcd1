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
    public double Perplexity { get; set; } = 30;

    [Parameter]
    [ValidateRange(1, 100_000)]
    public int Iterations { get; set; } = 1000;

    [Parameter]
    [ValidateRange(1e-3, 1e6)]
    public double LearningRate { get; set; } = 200;

    [Parameter]
    public SwitchParameter AutoLearningRate { get; set; }

    [Parameter]
    public TsneInitialization Initialization { get; set; } = TsneInitialization.Pca;

    [Parameter]
    public int Seed { get; set; } = 42;

    [Parameter]
    public TsneMethod Method { get; set; } = TsneMethod.Auto;

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double Theta { get; set; } = 0.5;

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
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("No embeddings came in: there is nothing to lay out."),
                "ContrastiveRec.NoEmbeddings", ErrorCategory.InvalidArgument, null)
            {
                ErrorDetails = new ErrorDetails("No embeddings came in: there is nothing to lay out.")
                {
                    RecommendedAction = "Pipe Get-UserEmbedding output, or a trained model, into ConvertTo-Tsne.",
                },
            });
        }
        Emit(_embeddings.Select(e => e.UserId).ToArray(), _embeddings.Select(e => e.Vector.ToArray()).ToArray());
    }

    private void Emit(int[] userIds, float[][] vectors)
    {
        var options = new TsneOptions
        {
            Perplexity = Perplexity,
            Iterations = Iterations,
            LearningRate = AutoLearningRate ? null : LearningRate,
            Initialization = Initialization,
            Seed = Seed,
            Method = Method,
            Theta = Theta,
        };
        var method = options.MethodFor(vectors.Length);
        WriteVerbose(string.Create(CultureInfo.InvariantCulture,
            $"{(method == TsneMethod.Exact ? "Exact" : "Barnes-Hut")} t-SNE of {vectors.Length:N0} users ({(vectors.Length > 0 ? vectors[0].Length : 0)}-d): perplexity {Perplexity}, learning rate {options.LearningRateFor(vectors.Length):0.#}, {Iterations} iterations, {Initialization} start"));
        var progress = new ProgressRecord(5, "ConvertTo-Tsne", method == TsneMethod.Exact ? "Calibrating neighbourhoods" : "Finding nearest neighbours");
        WriteProgress(progress);
        void Report(TsneProgress p)
        {
            if (p.NeighbourSearch is { } searched)
            {
                try
                {
                    progress.StatusDescription = string.Create(CultureInfo.InvariantCulture, $"Finding nearest neighbours: {searched:P0} of the users");
                    progress.PercentComplete = 0;
                    progress.SecondsRemaining = SecondsLeft(p.Remaining);
                    WriteProgress(progress);
                }
                catch (PipelineStoppedException)
                {
                    // Ctrl+C: the cancellation token ends the search at the next block.
                }
                return;
            }
            // Progress at most every 10 iterations: the host's rendering would cost more than an iteration.
            if (p.Iteration % 10 != 0 && p.KlDivergence is null) return;
            try
            {
                progress.StatusDescription = p.KlDivergence is { } kl
                    ? string.Create(CultureInfo.InvariantCulture, $"Iteration {p.Iteration}/{p.Iterations}, KL divergence {kl:0.0000}")
                    : $"Iteration {p.Iteration}/{p.Iterations}";
                progress.PercentComplete = (int)(100 * p.Fraction);
                progress.SecondsRemaining = SecondsLeft(p.Remaining);
                WriteProgress(progress);
                if (p.KlDivergence is { } k && (p.Iteration % 250 == 0 || p.Iteration == p.Iterations))
                    WriteVerbose(string.Create(CultureInfo.InvariantCulture, $"Iteration {p.Iteration}: KL divergence {k:0.0000} ({p.Elapsed.TotalSeconds:0.0} s)"));
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C: the host takes no more output; the cancellation token ends the run at the next iteration.
            }
        }

        TsneResult result;
        try
        {
            result = Run(() => Tsne.Embed(vectors, options, Report, Cancellation));
        }
        catch (TsneTooLargeException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "ContrastiveRec.TooManyPoints", ErrorCategory.LimitsExceeded, vectors.Length)
            {
                ErrorDetails = new ErrorDetails(e.Message)
                {
                    RecommendedAction = method == TsneMethod.Exact
                        ? "Use -Method BarnesHut (or Auto), or lay out a sample: Get-UserEmbedding | Get-Random -Count 5000 | ConvertTo-Tsne."
                        : "Free memory, or lay out a sample: Get-UserEmbedding | Get-Random -Count 50000 | ConvertTo-Tsne.",
                },
            });
            return;
        }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(Refusal(e, "BadEmbeddings", ErrorCategory.InvalidData, null, "Lay out one model's embeddings: every vector must have the same length and finite values."));
            return;
        }
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
        for (var i = 0; i < result.Count; i++) WriteObject(new UserPoint(userIds[i], result.X[i], result.Y[i]));
    }
}
